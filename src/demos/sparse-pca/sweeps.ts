// The Monte-Carlo views: error vs n and support recovery vs λ over seeds, every (seed, n, λ,
// penalty) problem solved in one batch of WGSL kernels, or one after another in f64 on the CPU.

import { frobeniusDistance, type Matrix } from '../../lib/linalg';
import { bandColumns, type BandColumns } from '../../lib/results';
import type { Ticker } from '../../lib/schedule';
import { oracleEstimator } from './algorithm';
import type { SpikedModel } from './data';
import type { BatchedProblem } from './gpuAdmm';
import { mean, ORACLE_EQUAL_TOL, scoreEstimate, type EstimateScore } from './metrics';
import type { SparsePcaParams } from './params';
import { admmOptions, GPU_ORACLE_EQUAL_TOL, GPU_TOL, lambdaFor, solveCpu, SWEEP_MAX_ITER } from './solvers';

export interface SweepContext {
  params: SparsePcaParams;
  model: SpikedModel;
  ticker: Ticker;
}

/** One sample size n at the chosen c_λ, over the sweep's seeds. */
export type ErrorVsNRow = { n: number; bLambda: number } & BandColumns<'oracle' | 'fps' | 'mcp'> & {
  /** Seeds on which the estimate equals the oracle (exact support, rank k, within the path's tolerance). */
  mcpEqualsOracle: number;
  fpsEqualsOracle: number;
  /** Seeds on which ADMM met its tolerance. */
  mcpConverged: number;
  fpsConverged: number;
};

/** Means over seeds at one c_λ, at the chosen n. */
type SupportColumns<N extends 'fps' | 'mcp'> = { [c in `${N}ExactSupport` | `${N}Tpr` | `${N}Fpr` | `${N}Error` | `${N}ToOracle`]: number };
export type SupportVsLambdaRow = { cLambda: number; lambda: number } & SupportColumns<'fps'> & SupportColumns<'mcp'> & { oracleError: number };

interface SweepJob {
  replicate: number;
  n: number;
  cLambda: number;
  name: 'fps' | 'mcp';
  sweep: 'n' | 'lambda';
}

export async function runSweeps(ctx: SweepContext, covariances: Map<number, Matrix>[], nGrid: number[], cGrid: number[], device: GPUDevice | null) {
  const { params, model, ticker } = ctx;
  const { p, k } = params;
  const jobs: SweepJob[] = [];
  for (let r = 0; r < covariances.length; r++) {
    for (const n of nGrid) for (const name of ['fps', 'mcp'] as const) jobs.push({ replicate: r, n, cLambda: params.cLambda, name, sweep: 'n' });
    for (const c of cGrid) {
      if (c === params.cLambda) continue; // the n-sweep already holds (n, c_λ)
      for (const name of ['fps', 'mcp'] as const) jobs.push({ replicate: r, n: params.n, cLambda: c, name, sweep: 'lambda' });
    }
  }
  const sigmaOf = (job: SweepJob) => covariances[job.replicate].get(job.n)!;
  let estimates: Matrix[];
  let converged: boolean[];
  if (device) {
    const problems: BatchedProblem[] = jobs.map((job) => {
      const options = admmOptions(params, job.name, job.n, job.cLambda);
      return { sigma: sigmaOf(job), lambda: options.lambda, rho: options.rho, penalty: options.penalty, k };
    });
    // Loaded only on the GPU path: the CPU path (and Node) never touches WGSL.
    const { runBatchedAdmm } = await import('./gpuAdmm');
    const result = await runBatchedAdmm(device, problems, {
      p,
      tol: GPU_TOL,
      maxIter: SWEEP_MAX_ITER,
      signal: ticker.signal,
      onChunk: async (iteration, activeCount) => {
        ticker.progress(0.45 + 0.5 * (1 - activeCount / problems.length), `Monte Carlo on the GPU: iteration ${iteration}, ${activeCount} of ${problems.length} problems still running`);
        await ticker.tick();
      },
    });
    estimates = result.estimates;
    converged = result.converged;
  } else {
    estimates = [];
    converged = [];
    for (let j = 0; j < jobs.length; j++) {
      const job = jobs[j];
      const solver = await solveCpu(sigmaOf(job), p, admmOptions(params, job.name, job.n, job.cLambda, SWEEP_MAX_ITER), ticker);
      estimates.push(solver.phi);
      converged.push(solver.converged);
      ticker.progress(0.45 + (0.5 * (j + 1)) / jobs.length, `Monte Carlo on the CPU: problem ${j + 1} of ${jobs.length}`);
    }
  }
  const equalTol = device ? GPU_ORACLE_EQUAL_TOL : ORACLE_EQUAL_TOL;
  const oracles: Map<number, Matrix>[] = [];
  for (const byN of covariances) {
    const perN = new Map<number, Matrix>();
    for (const [n, sigma] of byN) {
      perN.set(n, oracleEstimator(sigma, p, k, model.support));
      await ticker.tick();
    }
    oracles.push(perN);
  }
  const scored: { job: SweepJob; score: EstimateScore & { converged: boolean } }[] = [];
  for (let j = 0; j < jobs.length; j++) {
    const job = jobs[j];
    const score = scoreEstimate(estimates[j], p, k, model.truth, oracles[job.replicate].get(job.n)!, model.support);
    scored.push({ job, score: { ...score, converged: converged[j] } });
    await ticker.tick();
  }
  const pick = (pred: (job: SweepJob) => boolean) => scored.filter((x) => pred(x.job)).map((x) => x.score);

  const errorVsN: ErrorVsNRow[] = nGrid.map((n) => {
    const oracleErrors = oracles.map((o) => frobeniusDistance(o.get(n)!, model.truth));
    const fps = pick((j) => j.n === n && j.name === 'fps' && j.cLambda === params.cLambda);
    const mcp = pick((j) => j.n === n && j.name === 'mcp' && j.cLambda === params.cLambda);
    return {
      n,
      bLambda: params.mcpB * lambdaFor(params.cLambda, p, n),
      ...bandColumns('oracle', oracleErrors),
      ...bandColumns('fps', fps.map((x) => x.error)),
      ...bandColumns('mcp', mcp.map((x) => x.error)),
      mcpEqualsOracle: mcp.filter((x) => x.toOracle < equalTol && x.exactSupport && x.rank === k).length,
      fpsEqualsOracle: fps.filter((x) => x.toOracle < equalTol && x.exactSupport && x.rank === k).length,
      mcpConverged: mcp.filter((x) => x.converged).length,
      fpsConverged: fps.filter((x) => x.converged).length,
    };
  });
  const supportVsLambda: SupportVsLambdaRow[] = cGrid.map((c) => {
    const fps = supportSummary(pick((j) => j.n === params.n && j.cLambda === c && j.name === 'fps'));
    const mcp = supportSummary(pick((j) => j.n === params.n && j.cLambda === c && j.name === 'mcp'));
    return {
      cLambda: c,
      lambda: lambdaFor(c, p, params.n),
      fpsExactSupport: fps.exactSupport,
      fpsTpr: fps.tpr,
      fpsFpr: fps.fpr,
      fpsError: fps.error,
      fpsToOracle: fps.toOracle,
      mcpExactSupport: mcp.exactSupport,
      mcpTpr: mcp.tpr,
      mcpFpr: mcp.fpr,
      mcpError: mcp.error,
      mcpToOracle: mcp.toOracle,
      oracleError: mean(oracles.map((o) => frobeniusDistance(o.get(params.n)!, model.truth))),
    };
  });
  const atChosen: Record<'fps' | 'mcp', Matrix[]> = { fps: [], mcp: [] };
  jobs.forEach((job, j) => {
    if (job.n === params.n && job.cLambda === params.cLambda) atChosen[job.name][job.replicate] = estimates[j];
  });
  return { errorVsN, supportVsLambda, atChosen };
}

/** Share of seeds with exactly the true support, and the mean scores over them. */
function supportSummary(scores: readonly EstimateScore[]) {
  return {
    exactSupport: scores.filter((x) => x.exactSupport).length / scores.length,
    tpr: mean(scores.map((x) => x.truePositiveRate)),
    fpr: mean(scores.map((x) => x.falsePositiveRate)),
    error: mean(scores.map((x) => x.error)),
    toOracle: mean(scores.map((x) => x.toOracle)),
  };
}
