// The corruption-robust RL demo module, loaded lazily by the registry.

import type { DemoModule } from '../types';
import { meta } from './meta';
import { corruptionRobustSchema, parseCorruptionRobustParams, type CorruptionRobustSchema } from './params';
import { runCorruptionRobust } from './experiment';
import { CorruptionRobustView } from './View';
import { tutorial } from './tutorial';
import { useCorruptionRobustStore } from './store';

const corruptionRobust: DemoModule<CorruptionRobustSchema> = {
  meta,
  schema: corruptionRobustSchema,
  parse: parseCorruptionRobustParams,
  run: (params, compute, control) => runCorruptionRobust(params, compute, control),
  View: CorruptionRobustView,
  tutorial,
  useStore: useCorruptionRobustStore,
};

export default corruptionRobust;
