// A Web Worker that runs the whole sparse-PCA demo on the CPU (experiment.ts sends it the runs
// whose Monte-Carlo sweeps do not use the GPU): the page's thread only draws.

import { serveRun, type WorkerScope } from '../../lib/workerRun';
import { computeSparsePca } from './experiment';
import type { SparsePcaResults } from './results';
import type { SparsePcaParams } from './params';

serveRun(self as unknown as WorkerScope<SparsePcaParams, SparsePcaResults>, ({ params, info }, control) => computeSparsePca(params, { info, device: null }, false, control));
