import { parallelSpec, seedSpec, type NearbySetting, type ParamValues, type Schema } from '../../lib/params';

/** The demo's whole state; the defaults are the research notes' calibrated check (docs/research/theory.md §1d). */
export const corruptionRobustSchema = {
  seed: seedSpec,
  environment: {
    kind: 'enum',
    default: 'chain',
    options: [
      { value: 'chain', label: 'The 5-state chain (19 models; the calibrated checks)' },
      { value: 'mixture', label: 'A 6-state MDP mixing 3 base kernels (66 models)' },
    ],
    label: 'Environment (online)',
    help: 'The chain is where the research notes calibrated the checks; the mixture MDP, drawn from the seed, shows weights that vary sample by sample.',
  },
  thetaStar: { kind: 'float', default: 0.6, min: 0.05, max: 0.95, step: 0.05, label: 'True θ* (chain)', help: 'Probability that “right” moves one state along the chain. Snapped to the model grid 0.05, 0.10, …, 0.95.' },
  corruption: { kind: 'int', default: 80, min: 0, max: 400, label: 'Corruption budget C', help: 'How many transitions the adversary corrupts (right moves from states 0–3, drawn from its θ instead of θ*).' },
  badTheta: { kind: 'float', default: 0.1, min: 0.05, max: 0.95, step: 0.05, label: 'Adversary’s θ (chain)', help: 'Corrupted right moves succeed with this probability: a low value makes “right” look hopeless.' },
  timing: {
    kind: 'enum',
    default: 'first',
    options: [
      { value: 'first', label: 'The first C targeted transitions' },
      { value: 'random', label: 'Random times (each targeted transition with probability 1/2) until C are spent' },
    ],
    label: 'When the adversary strikes',
    help: 'Early corruption is the hardest case: the learner has no clean data yet to outvote it.',
  },
  episodes: { kind: 'int', default: 800, min: 50, max: 3000, label: 'Episodes T', help: 'Online episodes of horizon 10.' },
  seeds: { kind: 'int', default: 10, min: 1, max: 20, label: 'Seeds', help: 'Independent runs per method and setting: the bands, and the “every seed” claims.' },
  kappa: { kind: 'float', default: 1, min: 0.25, max: 3, step: 0.25, label: 'Weight exponent κ', help: 'w = min{1, (α/Γ)^κ}. 1 is the reconstruction in the research notes, and the claims’ regret thresholds were set at κ = 1: at κ = 2 the weights shrink faster, CR-OMLE’s regret at C = 80 averages about 14 (above the ≤ 10 bound) and its clean-data cost about 13 (above ≤ 8), so those claims fail there.', advanced: true },
  lambda: { kind: 'float', default: 1, min: 0.1, max: 10, step: 0.1, label: 'λ', help: 'Regulariser in the information ratio’s denominator √(λ + Σ w·TV²).', advanced: true },
  delta: { kind: 'float', default: 0.05, min: 0.001, max: 0.5, step: 0.001, label: 'Confidence δ', help: 'Base radius β₀ = log(M/δ) of the confidence set.', advanced: true },
  offline: {
    kind: 'toggle',
    default: 'on',
    label: 'Offline part (CR-PMLE)',
    help: 'Plug-in MLE, PMLE and CR-PMLE on logged data with corrupted transitions: θ* = 0.2 (left optimal, the corruption lures right) and θ* = 0.6 (right optimal, the corruption makes right look bad).',
  },
  offlineEpisodes: { kind: 'int', default: 100, min: 10, max: 1000, label: 'Offline episodes n', help: 'Size of the logged dataset of the shown offline case and of the clean-data price-of-robustness logs (uniformly random behaviour policy).' },
  offlineCorruption: { kind: 'int', default: 240, min: 0, max: 1000, label: 'Offline corrupted samples c', help: 'The first c right moves of the log are reported as if θ were 0.9, making right look good.' },
  parallel: parallelSpec('Every seed is an independent job: spread over workers they finish sooner. Results are identical either way.'),
} as const satisfies Schema;

export type CorruptionRobustSchema = typeof corruptionRobustSchema;
export type CorruptionRobustParams = ParamValues<CorruptionRobustSchema>;


/** docs/DESIGN.md §8: where `npm run claims` checks the claims besides the defaults (fixed before looking). */
export const nearbySettings: readonly NearbySetting<CorruptionRobustParams>[] = [
  { label: 'θ* = 0.65', params: { thetaStar: 0.65 } },
  { label: 'adversary θ = 0.15', params: { badTheta: 0.15 } },
];
