// A Web Worker that runs the whole DPLM demo on the CPU (experiment.ts sends it the runs whose
// networks do not use the GPU): tfjs on its wasm backend here, the page's thread only draws.

import { startCpuTf } from '../../gpu/backend';
import { serveRun, type WorkerScope } from '../../lib/workerRun';
import { setAssetBase } from './assets';
import { computeDplm, type DplmResults } from './experiment';
import type { DplmParams } from './params';

serveRun(self as unknown as WorkerScope<DplmParams, DplmResults>, async ({ params, info, baseUrl }, control) => {
  setAssetBase(baseUrl);
  await startCpuTf();
  return computeDplm(params, { info, device: null }, control);
});
