// Time per ADMM iteration of the sparse-PCA SDP: the batched WGSL path (five kernels per iteration)
// against the f64 CPU path. Shared by the browser page (admmBench.ts) and the Node harness
// (bench/node/main.ts).

import { RngStream } from '../src/lib/rng';
import { AdmmSolver, type Penalty } from '../src/demos/sparse-pca/algorithm';
import { AdmmBatch, CHECK_EVERY, encodeProblems, type BatchedProblem } from '../src/demos/sparse-pca/gpuAdmm';
import { drawSamples, sampleCovariance, spikedModel } from '../src/demos/sparse-pca/data';
import type { ADMM_DEFAULTS, OptionsOf } from './suiteOptions';
import { now } from './timing';

export interface AdmmRow {
  p: number;
  batch: number;
  gpuMsPerIteration: number;
  gpuIterationsTimed: number;
  cpuMsPerIteration: number;
  cpuProblemsTimed: number;
  ratio: number;
}

export const BENCH_PENALTY: Penalty = { kind: 'mcp', b: 1.2 };
const SAMPLES = 1000;

/** `count` sample covariances of one spiked model (n = 1000), as the demo draws them. */
export function benchCovariances(p: number, count: number): Float64Array[] {
  const root = RngStream.fromSeed(2024).split(p);
  const model = spikedModel(p, 5, 1, 2, root.split('model'));
  return Array.from({ length: count }, (_, i) => sampleCovariance(drawSamples(model, SAMPLES, root.split('data').split(i)), SAMPLES, p));
}

/** B problems cycling over `sigmas`, with the demo's λ and ρ for MCP. */
export function benchProblems(p: number, batchSize: number, sigmas: Float64Array[]): BatchedProblem[] {
  const lambda = 2 * Math.sqrt(Math.log(p) / SAMPLES);
  return Array.from({ length: batchSize }, (_, b) => ({ sigma: sigmas[b % sigmas.length], lambda, rho: 4 / 1.2, penalty: BENCH_PENALTY, k: 1 }));
}

/** Uploads Σ̂ and zeroes Φ and the dual, as runBatchedAdmm starts. */
export function startBatch(batch: AdmmBatch, problems: readonly BatchedProblem[]): void {
  const { device, p } = batch;
  const flat = new Float32Array(problems.length * p * p);
  problems.forEach((prob, b) => flat.set(prob.sigma, b * p * p));
  batch.write(batch.sigma, flat);
  const init = device.createCommandEncoder();
  init.clearBuffer(batch.phi);
  init.clearBuffer(batch.dual);
  device.queue.submit([init.finish()]);
}

async function timeGpu(device: GPUDevice, p: number, batchSize: number, sigmas: Float64Array[], budgetMs: number): Promise<[number, number]> {
  const batch = await AdmmBatch.create(device, p, batchSize);
  try {
    const problems = benchProblems(p, batchSize, sigmas);
    startBatch(batch, problems);
    const rho = problems.map((q) => q.rho);
    const ones = problems.map(() => 1);
    const running = problems.map(() => true);
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
function timeCpu(p: number, batchSize: number, sigmas: Float64Array[], budgetMs: number): [number, number] {
  const [first] = benchProblems(p, 1, sigmas);
  const options = { lambda: first.lambda, rho: first.rho, penalty: BENCH_PENALTY, k: 1, tol: 0, maxIter: 100_000 };
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

export async function timeAdmmRows(device: GPUDevice, { p: sizes, b: batches, budgetMs }: OptionsOf<typeof ADMM_DEFAULTS>, log: (line: string) => void): Promise<AdmmRow[]> {
  const rows: AdmmRow[] = [];
  for (const p of sizes) {
    const sigmas = benchCovariances(p, 4);
    for (const batchSize of batches) {
      const [gpuMs, gpuIterations] = await timeGpu(device, p, batchSize, sigmas, budgetMs);
      const [cpuMs, cpuProblems] = timeCpu(p, batchSize, sigmas, budgetMs);
      const row = { p, batch: batchSize, gpuMsPerIteration: gpuMs, gpuIterationsTimed: gpuIterations, cpuMsPerIteration: cpuMs, cpuProblemsTimed: cpuProblems, ratio: cpuMs / gpuMs };
      rows.push(row);
      log(`row ${JSON.stringify(row)}`);
    }
  }
  return rows;
}
