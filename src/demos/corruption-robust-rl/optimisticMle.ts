// Optimistic MLE over a finite model class, with and without the corruption-robust weights
// (CR-OMLE, docs/research/theory.md §1a, instantiation A: every step exact).
//
//   L(P)  = Σ_i w_i · log P(x_i | z_i)                     (float64)
//   set   = { P : L(P) ≥ max_P' L(P') − β }
//   plan  = the policy of the model in the set with the highest optimal value (optimism)
//   Γ(z)  = max_{P,P' ∈ set} TV(P(·|z), P'(·|z)) / √(λ + Σ_i w_i · TV(P(·|z_i), P'(·|z_i))²)
//   w     = min{1, (α/Γ)^κ}, computed before the sample joins the data
//
// A sample is informative when the models still in the set disagree about it much more than on all
// past data; such samples are exactly the ones an adversary can use to move the likelihood, so they
// are down-weighted. Once the models have been told apart by many samples, Γ is small and w = 1.

import { optimalPlan, pairwiseTv, type Policy, type TabularMdp } from './mdp';

export type OnlineMethod = 'cr-omle' | 'omle' | 'known-c';

export interface OnlineSettings {
  /** Confidence level δ of the base radius β₀ = log(M/δ). */
  delta: number;
  /** λ in the information ratio's denominator. */
  lambda: number;
  /** Exponent κ of the weight min{1, (α/Γ)^κ}. */
  kappa: number;
  /** The corruption budget C (corrupted transitions) the tuning assumes: α = √β₀ / C. */
  budget: number;
  /** The same budget in total variation, Σ TV(corrupted, true): the known-C baseline's radius inflation. */
  budgetTv: number;
}

export const baseRadius = (models: number, delta: number): number => Math.log(models / delta);

export function radiusOf(method: OnlineMethod, models: number, settings: OnlineSettings): number {
  const beta0 = baseRadius(models, settings.delta);
  if (method === 'known-c') return beta0 + settings.budgetTv;
  if (method === 'cr-omle' && settings.budget > 0) return beta0 + weightThreshold(models, settings) * settings.budget;
  return beta0;
}

/** α = √β₀ / C (CW-OFUL's √d / C with d → β₀); ∞ without corruption, so every weight is 1. */
export function weightThreshold(models: number, settings: OnlineSettings): number {
  return settings.budget > 0 ? Math.sqrt(baseRadius(models, settings.delta)) / settings.budget : Infinity;
}

/** w = min{1, (α/Γ)^κ}; Γ = 0 (the set agrees at z) gives 1. */
export function robustWeight(gamma: number, alpha: number, kappa: number): number {
  if (gamma <= 0 || !Number.isFinite(alpha)) return 1;
  return Math.min(1, (alpha / gamma) ** kappa);
}

export class OptimisticMle {
  readonly size: number;
  readonly radius: number;
  readonly alpha: number;
  /** Weighted log-likelihood of each model. */
  readonly logLikelihood: Float64Array;
  /** λ + Σ_i w_i TV_i(m, m')², row-major M × M. */
  readonly denominator: Float64Array;
  private readonly plans: { value: number; policy: Policy }[];
  /** Pairwise TV at each (s, a): tv[z][m·M + m']. */
  private readonly tv: Float64Array[];
  private readonly states: number;

  constructor(
    readonly models: readonly TabularMdp[],
    readonly method: OnlineMethod,
    readonly settings: OnlineSettings,
  ) {
    const M = models.length;
    this.size = M;
    this.states = models[0].states;
    this.radius = radiusOf(method, M, settings);
    this.alpha = method === 'cr-omle' ? weightThreshold(M, settings) : Infinity;
    this.logLikelihood = new Float64Array(M);
    this.denominator = new Float64Array(M * M).fill(settings.lambda);
    // the models are fixed, so each one's optimal plan is computed once
    this.plans = models.map((m) => optimalPlan(m));
    this.tv = pairwiseTv(models);
  }

  /** Indices of the models whose weighted log-likelihood is within the radius of the best. */
  confidenceSet(): number[] {
    let best = -Infinity;
    for (const l of this.logLikelihood) best = Math.max(best, l);
    const set: number[] = [];
    this.logLikelihood.forEach((l, m) => l >= best - this.radius && set.push(m));
    return set;
  }

  /** Optimism: the model in `set` with the highest optimal value, and its optimal policy. */
  plan(set: readonly number[]): { model: number; policy: Policy; optimisticValue: number } {
    let model = set[0];
    for (const m of set) if (this.plans[m].value > this.plans[model].value + 1e-12) model = m;
    return { model, policy: this.plans[model].policy, optimisticValue: this.plans[model].value };
  }

  /** Γ at transition z = s·A + a over the pairs of `set`. */
  informationRatio(set: readonly number[], z: number): number {
    const M = this.size;
    const tv = this.tv[z];
    let gamma = 0;
    for (let i = 0; i < set.length; i++) {
      for (let j = i + 1; j < set.length; j++) {
        const k = set[i] * M + set[j];
        if (tv[k] > 0) gamma = Math.max(gamma, tv[k] / Math.sqrt(this.denominator[k]));
      }
    }
    return gamma;
  }

  /** The weight a sample at z would get now (1 for the unweighted methods). */
  weightFor(set: readonly number[], z: number): number {
    return this.method === 'cr-omle' ? robustWeight(this.informationRatio(set, z), this.alpha, this.settings.kappa) : 1;
  }

  /** Adds the sample (z, x) with its weight (computed against `set`, the episode's confidence set); returns the weight. */
  observe(set: readonly number[], z: number, x: number): number {
    const weight = this.weightFor(set, z);
    const M = this.size;
    const S = this.states;
    for (let m = 0; m < M; m++) this.logLikelihood[m] += weight * Math.log(this.models[m].kernel[z * S + x]);
    const tv = this.tv[z];
    for (let k = 0; k < M * M; k++) if (tv[k] > 0) this.denominator[k] += weight * tv[k] * tv[k];
    return weight;
  }
}
