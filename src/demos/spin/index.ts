// The SPIN demo module, loaded lazily by the registry.

import type { DemoModule } from '../types';
import { meta } from './meta';
import { parseSpinParams, spinSchema, type SpinSchema } from './params';
import { runSpin } from './experiment';
import { SpinView } from './View';
import { tutorial } from './tutorial';
import { useSpinStore } from './store';

const spin: DemoModule<SpinSchema> = {
  meta,
  schema: spinSchema,
  parse: parseSpinParams,
  run: (params, compute, control) => runSpin(params, compute, control),
  View: SpinView,
  tutorial,
  useStore: useSpinStore,
};

export default spin;
