// The linear-mixture SSP demo module, loaded lazily by the registry.

import type { DemoModule } from '../types';
import { meta } from './meta';
import { linearMixtureSspSchema, parseLinearMixtureSspParams, type LinearMixtureSspSchema } from './params';
import { runLinearMixtureSsp } from './experiment';
import { LinearMixtureSspView } from './View';
import { tutorial } from './tutorial';
import { useLinearMixtureSspStore } from './store';

const linearMixtureSsp: DemoModule<LinearMixtureSspSchema> = {
  meta,
  schema: linearMixtureSspSchema,
  parse: parseLinearMixtureSspParams,
  run: (params, compute, control) => runLinearMixtureSsp(params, compute, control),
  View: LinearMixtureSspView,
  tutorial,
  useStore: useLinearMixtureSspStore,
};

export default linearMixtureSsp;
