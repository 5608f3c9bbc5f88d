// The sparse-PCA demo module, loaded lazily by the registry.

import type { DemoModule } from '../types';
import { meta } from './meta';
import { parseSparsePcaParams, sparsePcaSchema, type SparsePcaSchema } from './params';
import { runSparsePca } from './experiment';
import { SparsePcaView } from './View';
import { tutorial } from './tutorial';
import { useSparsePcaStore } from './store';

const sparsePca: DemoModule<SparsePcaSchema> = {
  meta,
  schema: sparsePcaSchema,
  parse: parseSparsePcaParams,
  run: (params, compute, control) => runSparsePca(params, compute, control),
  View: SparsePcaView,
  tutorial,
  useStore: useSparsePcaStore,
};

export default sparsePca;
