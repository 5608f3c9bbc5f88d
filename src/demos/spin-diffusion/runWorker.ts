// A Web Worker that runs the whole SPIN-Diffusion demo on the CPU (experiment.ts sends it the runs
// whose network does not train on the GPU): tfjs on its wasm backend here; the page only draws.

import { startCpuTf } from '../../gpu/backend';
import { serveRun, type WorkerScope } from '../../lib/workerRun';
import { computeSpinDiffusion, type SpinDiffusionResults } from './experiment';
import type { SpinDiffusionParams } from './params';

serveRun(self as unknown as WorkerScope<SpinDiffusionParams, SpinDiffusionResults>, async ({ params, info }, control) => {
  await startCpuTf();
  return computeSpinDiffusion(params, { info, device: null }, control);
});
