// "Export as a script": the claim check and the Monte-Carlo sweeps in NumPy (script.py), the same
// seeded streams and solvers, so the script prints the page's numbers.
import body from './script.py?raw';
import { claimValue, type DemoScript } from '../../lib/pythonScript';
import type { SparsePcaParams } from './params';
import type { SparsePcaResults } from './results';

const ROUNDING = 'Both sides are float64 and draw the same numbers; they differ only in LAPACK’s eigensolver against ml-matrix’s, by ulps (measured gaps ≤ 1e-14 relative), far inside 1e-9.';
const errorAt = (r: SparsePcaResults, n: number, column: 'mcpMean' | 'fpsMean') => r.series.errorVsN!.find((row) => row.n === n)![column];

export const script: DemoScript<SparsePcaParams, SparsePcaResults> = {
  frameworks: 'numpy',
  body,
  constants: (p) => [
    { name: 'SEED', value: p.seed, comment: 'the seed: the same seed draws the same data as the page' },
    { name: 'P', value: p.p, comment: 'dimension p' },
    { name: 'S', value: p.s, comment: 'support size s (the leading subspace loads on the first s variables)' },
    { name: 'K', value: p.k, comment: 'rank k of the principal subspace' },
    { name: 'N', value: p.n, comment: 'samples n behind the covariance estimate' },
    { name: 'OMEGA', value: p.omega, comment: 'spike strength omega: Sigma = I + omega U U^T' },
    { name: 'C_LAMBDA', value: p.cLambda, comment: 'lambda = c_lambda sqrt(log p / n), shared by MCP and the cold FPS solve' },
    { name: 'MCP_B', value: p.mcpB, comment: 'MCP is flat beyond b lambda' },
    { name: 'SCAD_A', value: p.scadA, comment: 'SCAD is flat beyond a lambda (shown on the page, not in the claims)' },
    { name: 'REPLICATES', value: p.replicates, comment: 'independent data sets of the claim check' },
    { name: 'SWEEP_SEEDS', value: p.sweepSeeds, comment: 'data sets per point of the Monte-Carlo sweeps' },
    { name: 'MONTE_CARLO', value: p.monteCarlo !== 'off', comment: 'run the error-vs-n and support-vs-lambda sweeps' },
  ],
  agreement: [
    { key: 'mcp-equals-oracle', page: (r) => claimValue(r, 'mcp-equals-oracle'), tolerance: { abs: 0 }, why: 'A share of data sets: the same draws give the same count.' },
    { key: 'fps-biased', page: (r) => claimValue(r, 'fps-biased'), tolerance: { rel: 1e-9 }, why: ROUNDING },
    { key: 'fps-biased.low', page: (r) => r.claims.find((c) => c.id === 'fps-biased')!.spread!.low, tolerance: { rel: 1e-9 }, why: `${ROUNDING} The script integrates the t quantile numerically.` },
    { key: 'mcp-misses-below-magnitude', page: (r) => claimValue(r, 'mcp-misses-below-magnitude'), tolerance: { abs: 0 }, why: 'A share of data sets: the same draws give the same count.' },
    { key: 'fps-never-oracle', page: (r) => claimValue(r, 'fps-never-oracle'), tolerance: { rel: 1e-9 }, why: ROUNDING },
    { key: 'fpsBestCLambda', page: (r) => r.metrics.fpsBestCLambda, tolerance: { abs: 0 }, why: 'A choice from the grid.' },
    { key: 'mcpMeanError', page: (r) => r.metrics.mcpMeanError, tolerance: { rel: 1e-9 }, why: ROUNDING },
    { key: 'oracleMeanError', page: (r) => r.metrics.oracleMeanError, tolerance: { rel: 1e-9 }, why: 'An eigenprojector of the same covariance: no iteration between them.' },
    { key: 'fpsMeanError', page: (r) => r.metrics.fpsMeanError, tolerance: { rel: 1e-9 }, why: ROUNDING },
    ...[100, 1000, 3200].flatMap((n) =>
      (['mcpMean', 'fpsMean'] as const).map((column) => ({
        key: `errorVsN.n${n}.${column}`,
        page: (r: SparsePcaResults) => errorAt(r, n, column),
        tolerance: { rel: 1e-9 },
        why: ROUNDING,
      })),
    ),
    ...[0.5, 1, 3].map((c) => ({
      key: `supportVsLambda.c${c}.mcpExactSupport`,
      page: (r: SparsePcaResults) => r.series.supportVsLambda!.find((row) => row.cLambda === c)!.mcpExactSupport,
      tolerance: { abs: 0 },
      why: 'A share of data sets with exactly the true support: the prox gives exact zeros.',
    })),
  ],
  seconds: 25,
};
