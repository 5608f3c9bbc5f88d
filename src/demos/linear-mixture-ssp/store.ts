import { createDemoStore } from '../../ui/demoStore';
import { parseLinearMixtureSspParams } from './params';
import { runLinearMixtureSsp } from './experiment';

export const useLinearMixtureSspStore = createDemoStore({
  parse: parseLinearMixtureSspParams,
  run: (params, compute, control) => runLinearMixtureSsp(params, compute, control),
});
