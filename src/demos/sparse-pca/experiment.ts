// One run of the sparse-PCA demo: the shown instance, the claim check over seeds (f64), and the
// Monte-Carlo sweeps (error vs n, support vs λ) batched on the GPU or run on the CPU.

import { RngStream } from '../../lib/rng';
import { frobeniusDistance, type Matrix } from '../../lib/linalg';
import { Ticker, type RunControl } from '../../lib/schedule';
import type { BackendInfo, Claim, DemoResults, MatrixData, SeriesRow } from '../../lib/results';
import {
  AdmmSolver,
  diagonalThresholding,
  oracleEstimator,
  pcaEstimator,
  truncatedPowerMethod,
  type AdmmOptions,
  type Penalty,
} from './algorithm';
import { drawSamples, minSignal, sampleCovariance, spikedModel, type SpikedModel } from './data';
import type { BatchedProblem } from './gpuAdmm';
import { mean, ORACLE_EQUAL_TOL, scoreEstimate, type EstimateScore } from './metrics';
import type { SparsePcaParams } from './params';
import { buildClaims, gpuAgreementClaim } from './claims';

export const SLUG = 'sparse-pca';
export const CPU_TOL = 1e-7;
export const CPU_MAX_ITER = 1000;
export const GPU_TOL = 2e-6;
/** Sweep problems (both paths) stop here: below the magnitude threshold MCP may cycle for long. */
export const SWEEP_MAX_ITER = 300;
/** f32 cannot reach 1e-4 reliably; on the GPU "equals the oracle" means within this. */
export const GPU_ORACLE_EQUAL_TOL = 1e-3;
/** The GPU path must agree with the f64 path within this (Frobenius, per estimate). */
export const GPU_CPU_TOLERANCE = 1e-3;
const BASE_N_GRID = [100, 200, 400, 800, 1600, 3200];
const BASE_C_GRID = [0.5, 0.75, 1, 1.5, 2, 3];

export type SparsePcaResults = DemoResults<SparsePcaParams>;

/** Where the run computes: same shape as gpu/backend's ComputeState. */
export interface SparsePcaEnv {
  info: BackendInfo;
  device: GPUDevice | null;
}

type SdpName = 'fps' | 'mcp' | 'scad';
const ESTIMATORS = ['oracle', 'mcp', 'scad', 'fps', 'tpm', 'dt', 'pca'] as const;
type EstimatorName = (typeof ESTIMATORS)[number];

export const ESTIMATOR_LABELS: Record<EstimatorName, string> = {
  oracle: 'Oracle (knows S)',
  mcp: 'SDP + MCP (paper)',
  scad: 'SDP + SCAD (paper)',
  fps: 'FPS: SDP + ℓ1',
  tpm: 'Truncated power',
  dt: 'Diagonal thresholding',
  pca: 'Plain PCA',
};

export function penaltyOf(name: SdpName, params: SparsePcaParams): Penalty {
  if (name === 'mcp') return { kind: 'mcp', b: params.mcpB };
  if (name === 'scad') return { kind: 'scad', a: params.scadA };
  return { kind: 'l1' };
}

/** Initial ρ: nonconvex proxes need ρ·b > 1 (MCP) or ρ(a − 1) > 1 (SCAD); 4× that keeps ADMM calm. */
export function initialRho(penalty: Penalty): number {
  if (penalty.kind === 'mcp') return 4 / penalty.b;
  if (penalty.kind === 'scad') return 4 / (penalty.a - 1);
  return 1;
}

export function lambdaFor(cLambda: number, p: number, n: number): number {
  return cLambda * Math.sqrt(Math.log(p) / n);
}

function admmOptions(params: SparsePcaParams, name: SdpName, n: number, cLambda = params.cLambda, maxIter = CPU_MAX_ITER): AdmmOptions {
  const penalty = penaltyOf(name, params);
  return { lambda: lambdaFor(cLambda, params.p, n), rho: initialRho(penalty), penalty, k: params.k, tol: CPU_TOL, maxIter };
}

async function solveCpu(sigma: Matrix, p: number, options: AdmmOptions, ticker: Ticker): Promise<AdmmSolver> {
  const solver = new AdmmSolver(sigma, p, options);
  while (!solver.done) {
    solver.step();
    await ticker.tick();
  }
  return solver;
}

function matrixData(m: Matrix, p: number): MatrixData {
  return { rows: p, cols: p, data: Array.from(m, (v) => Math.round(v * 1e6) / 1e6) };
}

function withGrid(base: number[], extra: number): number[] {
  return Array.from(new Set([...base, extra])).sort((a, b) => a - b);
}

interface Context {
  params: SparsePcaParams;
  model: SpikedModel;
  dataStream: RngStream;
  ticker: Ticker;
}

/** Σ̂ of replicate r at each sample size, from one nested draw (the first n rows for size n). */
function covariancesForReplicate(ctx: Context, replicate: number, sizes: readonly number[]): Map<number, Matrix> {
  const { p } = ctx.params;
  const x = drawSamples(ctx.model, Math.max(...sizes), ctx.dataStream.split(replicate));
  return new Map(sizes.map((n) => [n, sampleCovariance(x, n, p)]));
}

export async function runSparsePca(params: SparsePcaParams, env: SparsePcaEnv, control: RunControl = {}): Promise<SparsePcaResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const stages: Record<string, number> = {};
  const ticker = new Ticker(control);
  const { p, s, k, n, omega, replicates } = params;
  const root = RngStream.fromSeed(params.seed);
  const model = spikedModel(p, s, k, omega, root.split('model'));
  const ctx: Context = { params, model, dataStream: root.split('data'), ticker };
  const notes: string[] = [];
  const lambda = lambdaFor(params.cLambda, p, n);

  // A software adapter emulates the GPU on the CPU: there the f64 CPU path is both exact and faster,
  // so 'auto' takes it; 'gpu' runs the WGSL kernels anyway.
  const useGpu = params.monteCarlo === 'gpu' || (params.monteCarlo === 'auto' && env.device !== null && !env.info.software);
  if (params.monteCarlo === 'gpu' && env.device === null) {
    throw new Error('monteCarlo = gpu was asked for, but this browser has no WebGPU adapter: choose auto or cpu');
  }
  const nGrid = withGrid(BASE_N_GRID, n);
  const cGrid = withGrid(BASE_C_GRID, params.cLambda);
  const sweepSizes = params.monteCarlo === 'off' ? [n] : nGrid;

  // --- A + B: every replicate at the chosen n, f64; replicate 0 is the one shown in detail.
  ticker.progress(0, 'Drawing data and solving the shown instance');
  let t0 = performance.now();
  const covariances: Map<number, Matrix>[] = [];
  const perReplicate: SeriesRow[] = [];
  const cpuEstimates: Record<'fps' | 'mcp', Matrix[]> = { fps: [], mcp: [] };
  const scores: Record<'oracle' | 'fps' | 'mcp', EstimateScore[]> = { oracle: [], fps: [], mcp: [] };
  const shown: Partial<Record<EstimatorName, Matrix>> = {};
  const traces: Partial<Record<SdpName, AdmmSolver['trace']>> = {};
  const iterations: Record<string, number> = {};

  for (let r = 0; r < replicates; r++) {
    covariances.push(covariancesForReplicate(ctx, r, sweepSizes));
    const sigma = covariances[r].get(n)!;
    const oracle = oracleEstimator(sigma, p, k, model.support);
    const sdpNames: SdpName[] = r === 0 ? ['mcp', 'scad', 'fps'] : ['mcp', 'fps'];
    const solved: Partial<Record<SdpName, AdmmSolver>> = {};
    for (const name of sdpNames) {
      solved[name] = await solveCpu(sigma, p, admmOptions(params, name, n), ticker);
    }
    const fps = solved.fps!.phi;
    const mcp = solved.mcp!.phi;
    cpuEstimates.fps.push(fps);
    cpuEstimates.mcp.push(mcp);
    const sOracle = scoreEstimate(oracle, p, k, model.truth, oracle, model.support);
    const sFps = scoreEstimate(fps, p, k, model.truth, oracle, model.support);
    const sMcp = scoreEstimate(mcp, p, k, model.truth, oracle, model.support);
    scores.oracle.push(sOracle);
    scores.fps.push(sFps);
    scores.mcp.push(sMcp);
    perReplicate.push({
      replicate: r,
      oracleError: sOracle.error,
      fpsError: sFps.error,
      mcpError: sMcp.error,
      mcpToOracle: sMcp.toOracle,
      fpsToOracle: sFps.toOracle,
      mcpExactSupport: sMcp.exactSupport,
      fpsExactSupport: sFps.exactSupport,
      mcpRank: sMcp.rank,
      fpsRank: sFps.rank,
      mcpEqualsOracle: sMcp.equalsOracle,
      mcpIterations: solved.mcp!.iteration,
      fpsIterations: solved.fps!.iteration,
      converged: solved.mcp!.converged && solved.fps!.converged,
    });
    if (r === 0) {
      shown.oracle = oracle;
      shown.fps = fps;
      shown.mcp = mcp;
      shown.scad = solved.scad!.phi;
      shown.pca = pcaEstimator(sigma, p, k);
      shown.dt = diagonalThresholding(sigma, p, k, n);
      shown.tpm = truncatedPowerMethod(sigma, p, k, s);
      for (const name of sdpNames) {
        traces[name] = solved[name]!.trace;
        iterations[name] = solved[name]!.iteration;
      }
      stages.instance = performance.now() - t0;
      t0 = performance.now();
    }
    ticker.progress(0.05 + (0.4 * (r + 1)) / replicates, `Claim check: seed ${r + 1} of ${replicates} (f64)`);
  }
  stages.claimCheck = performance.now() - t0;

  const shownScores = Object.fromEntries(
    ESTIMATORS.map((name) => [name, scoreEstimate(shown[name]!, p, k, model.truth, shown.oracle!, model.support)]),
  ) as Record<EstimatorName, EstimateScore>;
  const estimatorRows: SeriesRow[] = ESTIMATORS.map((name) => {
    const sc = shownScores[name];
    return {
      estimator: name,
      label: ESTIMATOR_LABELS[name],
      error: sc.error,
      toOracle: sc.toOracle,
      truePositiveRate: sc.truePositiveRate,
      falsePositiveRate: sc.falsePositiveRate,
      exactSupport: sc.exactSupport,
      rank: sc.rank,
    };
  });
  const eigenRows: SeriesRow[] = Array.from({ length: Math.min(p, 10) }, (_, i) => {
    const row: SeriesRow = { index: i + 1 };
    for (const name of ESTIMATORS) row[name] = shownScores[name].eigenvalues[i];
    return row;
  });
  const longest = Math.max(...Object.values(traces).map((t) => t!.length));
  const convergenceRows: SeriesRow[] = Array.from({ length: longest }, (_, i) => {
    const row: SeriesRow = { iteration: i + 1 };
    for (const name of ['fps', 'mcp', 'scad'] as const) {
      const point = traces[name]?.[i];
      row[`${name}Primal`] = point ? point.primalResidual : null;
      row[`${name}Dual`] = point ? point.dualResidual : null;
      row[`${name}Objective`] = point ? point.objective : null;
    }
    return row;
  });

  const claims: Claim[] = buildClaims({ scores, replicates });
  const unconverged = perReplicate.filter((row) => !row.converged).length;
  if (unconverged > 0) {
    notes.push(`ADMM hit its ${CPU_MAX_ITER}-iteration limit on ${unconverged} of ${replicates} seeds: their estimates are the last iterate, not a converged solution.`);
  }
  const bLambda = params.mcpB * lambda;
  const signal = minSignal(model);
  if (bLambda >= signal) {
    notes.push(`bλ = ${bLambda.toFixed(3)} is not below min|Π*ᵢⱼ| = ${signal.toFixed(3)}: the magnitude condition fails, so MCP is not expected to equal the oracle at this n.`);
  }
  if (params.scadA * lambda >= signal) {
    notes.push(`SCAD is flat only beyond aλ = ${(params.scadA * lambda).toFixed(3)}, above the signal ${signal.toFixed(3)}: SCAD still shrinks the true entries here, so it does not reach the oracle.`);
  }
  const matrices: Record<string, MatrixData> = { truth: matrixData(model.truth, p) };
  for (const name of ESTIMATORS) matrices[name] = matrixData(shown[name]!, p);

  // --- C + D: Monte-Carlo sweeps.
  const series: Record<string, SeriesRow[]> = {
    estimators: estimatorRows,
    replicates: perReplicate,
    convergence: convergenceRows,
    eigenvalues: eigenRows,
  };
  const metrics: Record<string, number> = {
    lambda,
    bLambda,
    minSignal: signal,
    oracleMeanError: mean(scores.oracle.map((x) => x.error)),
    mcpMeanError: mean(scores.mcp.map((x) => x.error)),
    fpsMeanError: mean(scores.fps.map((x) => x.error)),
    fpsOverMcpError: mean(scores.fps.map((x) => x.error)) / mean(scores.mcp.map((x) => x.error)),
    mcpEqualsOracleCount: scores.mcp.filter((x) => x.equalsOracle).length,
    minFpsToOracle: Math.min(...scores.fps.map((x) => x.toOracle)),
    maxMcpToOracle: Math.max(...scores.mcp.map((x) => x.toOracle)),
    mcpIterations: iterations.mcp,
    fpsIterations: iterations.fps,
    scadIterations: iterations.scad,
  };
  const assemble = (): SparsePcaResults => ({
    slug: SLUG,
    params,
    backend: env.info,
    metrics: { ...metrics },
    series: { ...series },
    claims: [...claims],
    matrices,
    notes: [...notes],
    timing: {
      startedAt,
      totalMs: performance.now() - started,
      stages: { ...stages },
      label: env.info.software || env.info.path === 'cpu' ? 'software adapter / CPU timings: correctness only' : 'wall-clock on this device',
    },
  });
  if (params.monteCarlo !== 'off') control.onPartial?.(assemble());

  if (params.monteCarlo !== 'off') {
    t0 = performance.now();
    const sweepSeeds = params.sweepSeeds;
    for (let r = covariances.length; r < sweepSeeds; r++) covariances.push(covariancesForReplicate(ctx, r, sweepSizes));
    const sweep = await runSweeps(ctx, covariances.slice(0, sweepSeeds), nGrid, cGrid, useGpu ? env.device : null);
    series.errorVsN = sweep.errorVsN;
    series.supportVsLambda = sweep.supportVsLambda;
    if (useGpu) {
      let gpuCpuMaxDiff = 0;
      for (let r = 0; r < Math.min(replicates, sweepSeeds); r++) {
        for (const name of ['fps', 'mcp'] as const) {
          gpuCpuMaxDiff = Math.max(gpuCpuMaxDiff, sweep.atChosen[name][r] === undefined ? 0 : frobeniusDistance(sweep.atChosen[name][r], cpuEstimates[name][r]));
        }
      }
      metrics.gpuCpuMaxDiff = gpuCpuMaxDiff;
      claims.push(gpuAgreementClaim(gpuCpuMaxDiff, GPU_CPU_TOLERANCE));
      notes.push(`Monte-Carlo sweeps ran on the WGSL kernels (f32); "equals the oracle" there means within ${GPU_ORACLE_EQUAL_TOL}.`);
    } else {
      notes.push(
        env.device && env.info.software
          ? 'Monte-Carlo sweeps ran on the f64 CPU path: on a software adapter it is faster than the emulated GPU (choose "WebGPU" under Monte-Carlo sweeps to run the WGSL kernels anyway).'
          : 'Monte-Carlo sweeps ran on the f64 CPU path.',
      );
    }
    stages.sweeps = performance.now() - t0;
  }

  ticker.progress(1, 'Done');
  return assemble();
}

interface SweepJob {
  replicate: number;
  n: number;
  cLambda: number;
  name: 'fps' | 'mcp';
  sweep: 'n' | 'lambda';
}

async function runSweeps(ctx: Context, covariances: Map<number, Matrix>[], nGrid: number[], cGrid: number[], device: GPUDevice | null) {
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
  const oracles = covariances.map((byN) => new Map([...byN].map(([n, sigma]) => [n, oracleEstimator(sigma, p, k, model.support)])));
  const scored = jobs.map((job, j) => ({
    job,
    score: { ...scoreEstimate(estimates[j], p, k, model.truth, oracles[job.replicate].get(job.n)!, model.support), converged: converged[j] },
  }));
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
