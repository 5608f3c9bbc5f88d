// The DNDM demo module, loaded lazily by the registry.

import type { DemoModule } from '../types';
import { meta } from './meta';
import { dndmSchema, parseDndmParams, type DndmSchema } from './params';
import { runDndm } from './experiment';
import { DndmView } from './View';
import { tutorial } from './tutorial';
import { useDndmStore } from './store';

const dndm: DemoModule<DndmSchema> = {
  meta,
  schema: dndmSchema,
  parse: parseDndmParams,
  run: (params, compute, control) => runDndm(params, compute, control),
  View: DndmView,
  tutorial,
  useStore: useDndmStore,
};

export default dndm;
