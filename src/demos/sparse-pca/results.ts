// What a sparse-PCA run returns (the page, Export and the API share it): the series' row types, the
// estimators' labels, and the helpers that turn solver output into rows.

import type { Matrix } from '../../lib/linalg';
import type { DemoResults, MatrixData } from '../../lib/results';
import type { AdmmSolver } from './algorithm';
import type { EstimateScore } from './metrics';
import type { SparsePcaParams } from './params';
import type { SdpName } from './solvers';
import type { ErrorVsNRow, SupportVsLambdaRow } from './sweeps';

export type SparsePcaResults = DemoResults<SparsePcaParams, SparsePcaSeries, SparsePcaMetrics>;

export type SparsePcaSeries = {
  /** Every estimator on the shown data set (seed 0). */
  estimators: EstimatorRow[];
  /** The claim check, one row per seed (f64). */
  replicates: ReplicateRow[];
  convergence: ConvergenceRow[];
  eigenvalues: EigenvalueRow[];
  /** FPS over its tuning grid, means over the claim check's data sets (f64). */
  fpsTuning: FpsTuningRow[];
  /** The Monte-Carlo sweeps: absent while they run, and when they are off. */
  errorVsN?: ErrorVsNRow[];
  supportVsLambda?: SupportVsLambdaRow[];
};

export type SparsePcaMetrics = {
  lambda: number;
  bLambda: number;
  minSignal: number;
  oracleMeanError: number;
  mcpMeanError: number;
  fpsMeanError: number;
  /** At the shared λ (MCP's c_λ). */
  fpsOverMcpError: number;
  /** FPS at its own best c_λ of the tuning grid. */
  fpsBestCLambda: number;
  fpsTunedMeanError: number;
  /** Mean over data sets of FPS(best c_λ) error / MCP error: the fps-biased claim's statistic. */
  fpsTunedOverMcpError: number;
  /** Mean max_{i,j∈S} |Π̂_O − Π*|ᵢⱼ: the oracle's entrywise error in the magnitude condition. */
  oracleEntrywiseError: number;
  /** Data sets whose oracle support entry lies at or below bλ. */
  weakSignalCount: number;
  mcpEqualsOracleCount: number;
  minFpsToOracle: number;
  maxMcpToOracle: number;
  mcpIterations: number;
  fpsIterations: number;
  scadIterations: number;
  /** Only when the sweeps ran on the WGSL kernels. */
  gpuCpuMaxDiff?: number;
};

export const ESTIMATORS = ['oracle', 'mcp', 'scad', 'fps', 'tpm', 'dt', 'pca'] as const;
export type EstimatorName = (typeof ESTIMATORS)[number];

export type EstimatorRow = {
  estimator: EstimatorName;
  label: string;
  error: number;
  toOracle: number;
  truePositiveRate: number;
  falsePositiveRate: number;
  exactSupport: boolean;
  rank: number;
};

export type ReplicateRow = {
  replicate: number;
  oracleError: number;
  fpsError: number;
  /** FPS at its own best c_λ (chosen over all data sets). */
  fpsTunedError: number;
  mcpError: number;
  /** min_{i,j∈S} |Π̂_O,ij|: below bλ, MCP must shrink a true entry. */
  oracleMinSupportEntry: number;
  mcpToOracle: number;
  fpsToOracle: number;
  mcpExactSupport: boolean;
  fpsExactSupport: boolean;
  mcpRank: number;
  fpsRank: number;
  mcpEqualsOracle: boolean;
  mcpIterations: number;
  fpsIterations: number;
  /** Both ADMM solves met the tolerance within the iteration limit. */
  converged: boolean;
};

export type FpsTuningRow = { cLambda: number; lambda: number; fpsMeanError: number; fpsExactSupport: number; chosen: boolean };

/** The i-th largest eigenvalue of each estimate. */
export type EigenvalueRow = { index: number } & Record<EstimatorName, number>;

/** ADMM's residuals and objective at one iteration; null once a solver has stopped. */
type ResidualColumns<N extends SdpName> = { [c in `${N}Primal` | `${N}Dual` | `${N}Objective`]: number | null };
export type ConvergenceRow = { iteration: number } & ResidualColumns<'fps'> & ResidualColumns<'mcp'> & ResidualColumns<'scad'>;

export const ESTIMATOR_LABELS: Record<EstimatorName, string> = {
  oracle: 'Oracle (knows S)',
  mcp: 'SDP + MCP (paper)',
  scad: 'SDP + SCAD (paper)',
  fps: 'FPS: SDP + ℓ1',
  tpm: 'Truncated power',
  dt: 'Diagonal thresholding',
  pca: 'Plain PCA',
};

export function matrixData(m: Matrix, p: number): MatrixData {
  return { rows: p, cols: p, data: Array.from(m, (v) => Math.round(v * 1e6) / 1e6) };
}

export function eigenvalueRows(scores: Record<EstimatorName, EstimateScore>, count: number): EigenvalueRow[] {
  return Array.from({ length: count }, (_, i) => {
    const at = (name: EstimatorName) => scores[name].eigenvalues[i];
    return { index: i + 1, oracle: at('oracle'), mcp: at('mcp'), scad: at('scad'), fps: at('fps'), tpm: at('tpm'), dt: at('dt'), pca: at('pca') };
  });
}

/** One row per ADMM iteration, as long as the slowest of the shown solves. */
export function convergenceRowsOf(traces: Partial<Record<SdpName, AdmmSolver['trace']>>): ConvergenceRow[] {
  const longest = Math.max(...Object.values(traces).map((t) => t!.length));
  return Array.from({ length: longest }, (_, i) => {
    const at = (name: SdpName) => traces[name]?.[i];
    const fps = at('fps');
    const mcp = at('mcp');
    const scad = at('scad');
    return {
      iteration: i + 1,
      fpsPrimal: fps ? fps.primalResidual : null,
      fpsDual: fps ? fps.dualResidual : null,
      fpsObjective: fps ? fps.objective : null,
      mcpPrimal: mcp ? mcp.primalResidual : null,
      mcpDual: mcp ? mcp.dualResidual : null,
      mcpObjective: mcp ? mcp.objective : null,
      scadPrimal: scad ? scad.primalResidual : null,
      scadDual: scad ? scad.dualResidual : null,
      scadObjective: scad ? scad.objective : null,
    };
  });
}

