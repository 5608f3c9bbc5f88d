// A Web Worker that runs the whole DNDM demo on the CPU (experiment.ts sends it the runs whose
// network does not use the GPU): tfjs on its wasm backend here, the page's thread only draws.

import { startCpuTf } from '../../gpu/backend';
import { serveRun, type WorkerScope } from '../../lib/workerRun';
import { setAssetBase } from './assets';
import { computeDndm, type DndmResults } from './experiment';
import type { DndmParams } from './params';

serveRun(self as unknown as WorkerScope<DndmParams, DndmResults>, async ({ params, info, baseUrl }, control) => {
  setAssetBase(baseUrl);
  await startCpuTf();
  return computeDndm(params, { info, device: null }, control);
});
