import { createDemoStore } from '../../ui/demoStore';
import { parseCorruptionRobustParams } from './params';
import { runCorruptionRobust } from './experiment';

export const useCorruptionRobustStore = createDemoStore({
  parse: parseCorruptionRobustParams,
  run: (params, compute, control) => runCorruptionRobust(params, compute, control),
});
