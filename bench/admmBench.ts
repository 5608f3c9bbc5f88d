// Time per ADMM iteration of the sparse-PCA SDP: the batched WGSL path (five kernels per iteration)
// against the f64 CPU path, for p ∈ {64, 128, 256} and B ∈ {1, 16, 64}. Runs in the browser page
// bench/index.html, driven by bench/run.mjs. Ratios are measured in one run on one machine.

import { RngStream } from '../src/lib/rng';
import { listParam, log, now } from './benchPage';
import { describeAdapter } from '../src/gpu/device';
import { AdmmSolver, type Penalty } from '../src/demos/sparse-pca/algorithm';
import { AdmmBatch, CHECK_EVERY, encodeProblems } from '../src/demos/sparse-pca/gpuAdmm';
import { drawSamples, sampleCovariance, spikedModel } from '../src/demos/sparse-pca/data';

interface Row {
  p: number;
  batch: number;
  gpuMsPerIteration: number;
  gpuIterationsTimed: number;
  cpuMsPerIteration: number;
  cpuProblemsTimed: number;
  ratio: number;
}

declare global {
  interface Window {
    benchLog: (line: string) => void;
    benchResult?: { adapter: string; software: boolean; rows: Row[]; error?: string };
  }
}

const params = new URLSearchParams(location.search);
const sizes = listParam('p', '64,128,256');
const batches = listParam('b', '1,16,64');
/** Stop timing one configuration once this much time was spent on it (after ≥ 1 iteration). */
const budgetMs = Number(params.get('budgetMs') ?? 4000);
const penalty: Penalty = { kind: 'mcp', b: 1.2 };

function covariances(p: number, count: number): Float64Array[] {
  const root = RngStream.fromSeed(2024).split(p);
  const model = spikedModel(p, 5, 1, 2, root.split('model'));
  const n = 1000;
  return Array.from({ length: count }, (_, i) => sampleCovariance(drawSamples(model, n, root.split('data').split(i)), n, p));
}

async function timeGpu(device: GPUDevice, p: number, batchSize: number, sigmas: Float64Array[]): Promise<[number, number]> {
  const batch = await AdmmBatch.create(device, p, batchSize);
  try {
    const lambda = 2 * Math.sqrt(Math.log(p) / 1000);
    const problems = Array.from({ length: batchSize }, (_, b) => ({ sigma: sigmas[b % sigmas.length], lambda, rho: 4 / 1.2, penalty, k: 1 }));
    const flat = new Float32Array(batchSize * p * p);
    problems.forEach((prob, b) => flat.set(prob.sigma, b * p * p));
    batch.write(batch.sigma, flat);
    const rho = problems.map((q) => q.rho);
    const ones = problems.map(() => 1);
    const running = problems.map(() => true);
    const init = device.createCommandEncoder();
    init.clearBuffer(batch.phi);
    init.clearBuffer(batch.dual);
    device.queue.submit([init.finish()]);
    // runBatchedAdmm runs chunks of CHECK_EVERY iterations: the first cold-started (Jacobi from the
    // identity), the rest warm-started. Time both kinds and weight them as a chunk does.
    const timeIterations = async (warm: boolean): Promise<[number, number]> => {
      batch.write(batch.problems, encodeProblems(problems, rho, ones, running, warm));
      let count = 0;
      const start = now();
      while (count === 0 || (now() - start < budgetMs && count < 50)) {
        batch.submitIterations(1);
        await device.queue.onSubmittedWorkDone();
        count++;
      }
      return [(now() - start) / count, count];
    };
    batch.write(batch.problems, encodeProblems(problems, rho, ones, running, false));
    batch.submitIterations(1); // warm-up: pipelines, first touch of the buffers
    await device.queue.onSubmittedWorkDone();
    const [coldMs, coldCount] = await timeIterations(false);
    const [warmMs, warmCount] = await timeIterations(true);
    return [(coldMs + (CHECK_EVERY - 1) * warmMs) / CHECK_EVERY, coldCount + warmCount];
  } finally {
    batch.destroy();
  }
}

/**
 * The CPU path solves problems one after another: time per problem-iteration × B. Steps round-robin
 * over the B problems until each had two steps and 0.5 s passed, or the budget is spent.
 */
function timeCpu(p: number, batchSize: number, sigmas: Float64Array[]): [number, number] {
  const lambda = 2 * Math.sqrt(Math.log(p) / 1000);
  const options = { lambda, rho: 4 / 1.2, penalty, k: 1, tol: 0, maxIter: 100_000 };
  new AdmmSolver(sigmas[0], p, options).step(); // warm-up: let the JIT compile the hot loops
  const solvers: AdmmSolver[] = [];
  let steps = 0;
  const start = now();
  for (let round = 0; ; round++) {
    for (let b = 0; b < batchSize; b++) {
      if (round === 0) solvers.push(new AdmmSolver(sigmas[b % sigmas.length], p, options));
      solvers[b].step();
      steps++;
      if (now() - start > budgetMs) return [((now() - start) / steps) * batchSize, solvers.length];
    }
    if (round >= 1 && now() - start > 500) break;
  }
  return [((now() - start) / steps) * batchSize, solvers.length];
}

async function main(): Promise<void> {
  const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('No WebGPU adapter: run Chromium with --enable-unsafe-webgpu or on a machine with a GPU');
  const description = describeAdapter(adapter);
  const device = await adapter.requestDevice({
    requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize },
  });
  log(`adapter: ${description.description}${description.software ? ' (SOFTWARE adapter: CPU emulation, timings are not a GPU’s)' : ''}`);
  const rows: Row[] = [];
  for (const p of sizes) {
    const sigmas = covariances(p, 4);
    for (const batchSize of batches) {
      const [gpuMs, gpuIterations] = await timeGpu(device, p, batchSize, sigmas);
      const [cpuMs, cpuProblems] = timeCpu(p, batchSize, sigmas);
      const row = { p, batch: batchSize, gpuMsPerIteration: gpuMs, gpuIterationsTimed: gpuIterations, cpuMsPerIteration: cpuMs, cpuProblemsTimed: cpuProblems, ratio: cpuMs / gpuMs };
      rows.push(row);
      log(`row ${JSON.stringify(row)}`);
    }
  }
  device.destroy();
  window.benchResult = { adapter: description.description, software: description.software, rows };
}

main().catch((err: unknown) => {
  window.benchResult = { adapter: 'unknown', software: true, rows: [], error: err instanceof Error ? err.message : String(err) };
  log(`error: ${String(err)}`);
});
