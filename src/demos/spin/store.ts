import { createDemoStore } from '../../ui/demoStore';
import { parseSpinParams } from './params';
import { runSpin } from './experiment';

export const useSpinStore = createDemoStore({
  parse: parseSpinParams,
  run: (params, compute, control) => runSpin(params, compute, control),
});
