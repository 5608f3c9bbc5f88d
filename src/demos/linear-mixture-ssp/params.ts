import { parallelSpec, seedSpec, type CrossFieldIssue, type NearbySetting, type ParamValues, type Schema } from '../../lib/params';

/** The demo's whole state; the defaults are the research notes' calibrated check (docs/research/theory.md §2d). */
export const linearMixtureSspSchema = {
  seed: seedSpec,
  instance: {
    kind: 'enum',
    default: 'hard',
    options: [
      { value: 'hard', label: 'The 2-state hard instance (lower-bound construction)' },
      { value: 'gridworld', label: 'A 4×4 gridworld with a zero-cost conveyor (c_min = 0)' },
    ],
    label: 'Instance',
    help: 'The hard instance is where the research notes calibrated the checks; the gridworld has zero-cost cells, where Hoeffding-style LEVIS needs its cost perturbation.',
  },
  dim: { kind: 'int', default: 4, min: 2, max: 6, label: 'Dimension d', help: 'θ* ∈ ℝ^d; the hard instance has 2^(d−1) actions; the gridworld mixes d ∈ {3, 4, 5} base kernels.' },
  delta: { kind: 'float', default: 0.025, min: 0.01, max: 0.3, step: 0.005, label: 'δ (goal probability)', help: 'P(goal | a) = δ + ⟨μ, a⟩: small δ means long episodes, B* ≈ 1/(δ + Δ).' },
  gap: { kind: 'float', default: 0.01, min: 0.001, max: 0.1, step: 0.001, label: 'Δ (gap)', help: 'How much better the best action is: |⟨μ, a⟩| ≤ Δ. Must be below δ.' },
  episodes: { kind: 'int', default: 2000, min: 100, max: 5000, label: 'Episodes K', help: 'Each episode runs until the goal (or the cap of 50·B* steps).' },
  seeds: { kind: 'int', default: 5, min: 1, max: 10, label: 'Seeds', help: 'Independent runs per method: one episode’s cost has a standard deviation of about B*, so compare means over seeds.' },
  sweep: {
    kind: 'toggle',
    default: 'on',
    label: 'Regret vs B*',
    help: 'δ ∈ {0.2, 0.1, 0.05, 0.025} with Δ = 0.4 δ. The variance-aware set should scale like B*, the Hoeffding set like B*^1.5: slopes on log-log axes.',
  },
  dSweep: {
    kind: 'toggle',
    default: 'off',
    label: 'Regret vs d',
    help: 'Both learners on the hard instance for d = 2 … 6 at the δ and Δ above: the bound grows linearly in d.',
  },
  scaleSweep: {
    kind: 'toggle',
    default: 'on',
    label: 'Tuned radius scales and B hint',
    help: 'Each learner tuned on its own: its radius scale chosen on 5 separate tuning seeds from a fixed grid (0.025 … 0.28 in ×√2 steps; 0.0001 … 0.001 for the full Bernstein radius), then run on the run’s seeds; both at scale 1 (the radii’s own constants); and both told B = 0.5·B* (wrong) and 2·B* (a loose bound).',
  },
  radiusScale: { kind: 'float', default: 0.1, min: 0.02, max: 1, step: 0.01, label: 'Radius scale', help: 'Both confidence radii are multiplied by this common scale: the theory’s constants are conservative, so experiments use a fraction. One scale for both is not a fair comparison; the tuning sweep gives each learner its own.', advanced: true },
  bernstein: {
    kind: 'enum',
    default: 'leading',
    options: [
      { value: 'leading', label: 'Leading term √(d·log(…)) (unit-variance noise)' },
      { value: 'full', label: 'Full Bernstein-type radius (Zhou & Gu 2022 form, with its 30·log/γ² term)' },
    ],
    label: 'Variance-aware radius',
    help: 'The full radius is hundreds of times wider than the Hoeffding one at the same scale: at a common scale it keeps exploring; it needs its own, far smaller scale (the tuning sweep gives it one).',
    advanced: true,
  },
  boundFactor: {
    kind: 'float',
    default: 1,
    min: 0.25,
    max: 4,
    step: 0.05,
    label: 'B hint (× B*)',
    help: 'The learners normalise values by a bound B they are told; the paper assumes B ≥ B*. 1 tells them B* exactly; 2 an overestimate by a factor 2; below 1 a wrong (too small) hint.',
    advanced: true,
  },
  moments: { kind: 'int', default: 3, min: 2, max: 6, label: 'Moment levels M', help: 'HOME, the variance-aware learner’s high-order moment estimator: level m regresses V̄^(2^m); each level’s variance comes from the level above, the top one gets the trivial bound.', advanced: true },
  alpha: { kind: 'float', default: 0.05, min: 0.01, max: 0.5, step: 0.01, label: 'Variance floor α', help: 'σ̄ ≥ α: caps the weight 1/σ̄² of a sample at 1/α².', advanced: true },
  lambda: { kind: 'float', default: 1, min: 0.01, max: 10, step: 0.01, label: 'λ', help: 'Ridge regulariser (in unnormalised value units).', advanced: true },
  parallel: parallelSpec('Every seed of every learner is an independent job: spread over workers they finish sooner. Results are identical either way.'),
} as const satisfies Schema;

export type LinearMixtureSspSchema = typeof linearMixtureSspSchema;
export type LinearMixtureSspParams = ParamValues<LinearMixtureSspSchema>;

/** Δ < δ (else an action would reach the goal with negative probability); the gridworld mixes 3–5 kernels. */
export function refineLinearMixtureSspParams(v: LinearMixtureSspParams): CrossFieldIssue<LinearMixtureSspParams>[] {
  const issues: CrossFieldIssue<LinearMixtureSspParams>[] = [];
  if (v.gap >= v.delta) {
    issues.push({ field: 'gap', problem: `Δ (gap) = ${v.gap} must be below δ = ${v.delta}: otherwise some action would reach the goal with negative probability`, fix: { gap: Number((0.4 * v.delta).toFixed(3)) } });
  }
  if (v.instance === 'gridworld' && (v.dim < 3 || v.dim > 5)) {
    issues.push({ field: 'dim', problem: `the gridworld mixes d = 3, 4 or 5 base kernels (got d = ${v.dim})`, fix: { dim: 4 } });
  }
  return issues;
}

/** docs/DESIGN.md §8: where `npm run claims` checks the claims besides the defaults (fixed before looking). */
export const nearbySettings: readonly NearbySetting<LinearMixtureSspParams>[] = [
  { label: 'δ = 0.03', params: { delta: 0.03 } },
  { label: 'd = 3', params: { dim: 3 } },
];
