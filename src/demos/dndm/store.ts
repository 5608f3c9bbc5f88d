import { createDemoStore } from '../../ui/demoStore';
import { parseDndmParams } from './params';
import { runDndm } from './experiment';

export const useDndmStore = createDemoStore({
  parse: parseDndmParams,
  run: (params, compute, control) => runDndm(params, compute, control),
});
