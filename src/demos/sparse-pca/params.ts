import { seedSpec, threadSpec, type CrossFieldIssue, type NearbySetting, type ParamValues, type Schema } from '../../lib/params';

/** The demo's whole state: defaults = the paper-claim check setting (docs/DESIGN.md §5.1). */
export const sparsePcaSchema = {
  seed: seedSpec,
  p: { kind: 'int', default: 50, min: 8, max: 256, label: 'Dimension p', help: 'Number of variables.' },
  s: { kind: 'int', default: 5, min: 1, max: 64, label: 'Support size s', help: 'Number of variables the leading subspace loads on.' },
  k: { kind: 'int', default: 1, min: 1, max: 3, label: 'Rank k', help: 'Dimension of the principal subspace (the Fantope’s trace). For k ≥ 2 the basis U is random on S, so some entries of Π* = UUᵀ are near zero: min|Π*ᵢⱼ| is tiny, the magnitude condition cannot hold, and MCP is not expected to equal the oracle.' },
  n: { kind: 'int', default: 1000, min: 20, max: 20000, label: 'Samples n', help: 'Sample size behind Σ̂.' },
  omega: { kind: 'float', default: 2, min: 0.1, max: 20, step: 0.1, label: 'Spike ω', help: 'Signal strength: Σ = I + ω·UUᵀ.' },
  cLambda: { kind: 'float', default: 2, min: 0.1, max: 8, step: 0.1, label: 'c_λ', help: 'Regularisation λ = c_λ·√(log p / n), shared by FPS, MCP and SCAD.' },
  mcpB: { kind: 'float', default: 1.2, min: 0.2, max: 5, step: 0.1, label: 'MCP b', help: 'MCP is flat beyond bλ: entries larger than that are not shrunk at all.', advanced: true },
  scadA: { kind: 'float', default: 3.7, min: 2.1, max: 10, step: 0.1, label: 'SCAD a', help: 'SCAD is flat beyond aλ.', advanced: true },
  replicates: { kind: 'int', default: 20, min: 1, max: 40, label: 'Seeds (claim check)', help: 'Independent data sets for the claim check (f64): pass rates and means over them carry a 95% interval.' },
  sweepSeeds: { kind: 'int', default: 5, min: 1, max: 30, label: 'Seeds (sweeps)', help: 'Data sets per point of the error-vs-n and support-vs-λ sweeps.', advanced: true },
  monteCarlo: {
    kind: 'enum',
    default: 'auto',
    options: [
      { value: 'auto', label: 'WebGPU on a hardware GPU, else CPU' },
      { value: 'gpu', label: 'WebGPU (WGSL kernels)' },
      { value: 'cpu', label: 'CPU (f64)' },
      { value: 'off', label: 'Off (skip the sweeps)' },
    ],
    label: 'Monte-Carlo sweeps',
    help: 'Error vs n and support vs λ: batched over seeds × n × λ on the GPU, or f64 on the CPU.',
    advanced: true,
  },
  thread: threadSpec('Without the GPU sweeps the whole run is f64 TypeScript: in a Web Worker the page stays responsive. The numbers are the same either way.'),
} as const satisfies Schema;

export type SparsePcaSchema = typeof sparsePcaSchema;
export type SparsePcaParams = ParamValues<SparsePcaSchema>;

/** The cross-field rules s ≤ p and k ≤ s, each with the values that restore it. */
export function refineSparsePcaParams(v: SparsePcaParams): CrossFieldIssue<SparsePcaParams>[] {
  if (v.s > v.p) return [{ field: 's', problem: `Support size s (s) = ${v.s} exceeds the dimension p = ${v.p}`, fix: { s: Math.min(sparsePcaSchema.s.default, v.p) } }];
  if (v.k > v.s) return [{ field: 'k', problem: `Rank k (k) = ${v.k} exceeds the support size s = ${v.s}`, fix: { k: 1 } }];
  return [];
}

/** docs/DESIGN.md §8: where `npm run claims` checks the claims besides the defaults (fixed before looking). */
export const nearbySettings: readonly NearbySetting<SparsePcaParams>[] = [
  { label: 'c_λ = 2.5', params: { cLambda: 2.5 } },
  { label: 'n = 800', params: { n: 800 } },
];
