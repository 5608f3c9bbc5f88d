// The Monte-Carlo views: error vs n and support recovery vs λ over seeds, every (seed, n, λ,
// penalty) problem solved in one batch of WGSL kernels, or one after another in f64 on the CPU.

import { frobeniusDistance, type Matrix } from '../../lib/linalg';
import type { SeriesRow } from '../../lib/results';
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
  const band = (values: number[], prefix: string): SeriesRow => ({
    [`${prefix}Mean`]: mean(values),
    [`${prefix}Min`]: Math.min(...values),
    [`${prefix}Max`]: Math.max(...values),
  });

  const errorVsN: SeriesRow[] = nGrid.map((n) => {
    const oracleErrors = oracles.map((o) => frobeniusDistance(o.get(n)!, model.truth));
    const fps = pick((j) => j.n === n && j.name === 'fps' && j.cLambda === params.cLambda);
    const mcp = pick((j) => j.n === n && j.name === 'mcp' && j.cLambda === params.cLambda);
    return {
      n,
      bLambda: params.mcpB * lambdaFor(params.cLambda, p, n),
      ...band(oracleErrors, 'oracle'),
      ...band(fps.map((x) => x.error), 'fps'),
      ...band(mcp.map((x) => x.error), 'mcp'),
      mcpEqualsOracle: mcp.filter((x) => x.toOracle < equalTol && x.exactSupport && x.rank === k).length,
      fpsEqualsOracle: fps.filter((x) => x.toOracle < equalTol && x.exactSupport && x.rank === k).length,
      mcpConverged: mcp.filter((x) => x.converged).length,
      fpsConverged: fps.filter((x) => x.converged).length,
    };
  });
  const supportVsLambda: SeriesRow[] = cGrid.map((c) => {
    const row: SeriesRow = { cLambda: c, lambda: lambdaFor(c, p, params.n) };
    for (const name of ['fps', 'mcp'] as const) {
      const sc = pick((j) => j.n === params.n && j.cLambda === c && j.name === name);
      row[`${name}ExactSupport`] = sc.filter((x) => x.exactSupport).length / sc.length;
      row[`${name}Tpr`] = mean(sc.map((x) => x.truePositiveRate));
      row[`${name}Fpr`] = mean(sc.map((x) => x.falsePositiveRate));
      row[`${name}Error`] = mean(sc.map((x) => x.error));
      row[`${name}ToOracle`] = mean(sc.map((x) => x.toOracle));
    }
    row.oracleError = mean(oracles.map((o) => frobeniusDistance(o.get(params.n)!, model.truth)));
    return row;
  });
  const atChosen: Record<'fps' | 'mcp', Matrix[]> = { fps: [], mcp: [] };
  jobs.forEach((job, j) => {
    if (job.n === params.n && job.cLambda === params.cLambda) atChosen[job.name][job.replicate] = estimates[j];
  });
  return { errorVsN, supportVsLambda, atChosen };
}
