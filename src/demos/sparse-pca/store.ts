import { createDemoStore } from '../../ui/demoStore';
import { parseSparsePcaParams } from './params';
import { runSparsePca } from './experiment';

export const useSparsePcaStore = createDemoStore({
  parse: parseSparsePcaParams,
  run: (params, compute, control) => runSparsePca(params, compute, control),
});
