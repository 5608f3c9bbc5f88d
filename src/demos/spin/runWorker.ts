// A Web Worker that runs the whole SPIN demo on the CPU (experiment.ts sends it the runs whose
// language model does not use the GPU): tfjs on its wasm backend here, the page's thread only draws.

import { startCpuTf } from '../../gpu/backend';
import { serveRun, type WorkerScope } from '../../lib/workerRun';
import { computeSpin, type SpinResults } from './experiment';
import type { SpinParams } from './params';

serveRun(self as unknown as WorkerScope<SpinParams, SpinResults>, async ({ params, info }, control) => {
  await startCpuTf();
  return computeSpin(params, { info, device: null }, control);
});
