// Optimistic value-targeted regression for linear-mixture SSP (docs/research/theory.md §2a):
// weighted ridge regressions of V̄(s') on φ_V̄(s, a), rare re-planning (determinant doubling) by
// discounted extended value iteration (DEVI, discount 1 − 1/t_j), and two kinds of confidence set:
//   Hoeffding (LEVIS-like): every weight 1, the self-normalised radius for noise of range 1 (values
//   normalised by B);
//   variance-aware: the high-order moment estimator (HOME, Zhou & Gu 2022): M regressions, level m
//   of V̄^(2^m) on φ_{V̄^(2^m)}; level m's variance is estimated from levels m and m + 1 and it is
//   weighted by 1/σ̄_m² with σ̄_m² = max{v̂ar_m + E_m, α², γ²‖φ_m‖_{Σ_m⁻¹}} (the top level has the
//   trivial bound 1); the planner uses level 0 with the full Bernstein-type radius.
// On the hard instance a step's variance is about B·(1/B)(1 − 1/B) ≈ 1/B of the range²: weighting
// by it is what turns the Hoeffding set's B^1.5 into B.

import type { RngStream } from '../../lib/rng';
import type { LinearMixtureSsp } from './ssp';
import { valueFeatures } from './ssp';

export type SspMethod = 'variance-aware' | 'hoeffding';

export interface SspSettings {
  /** Ridge regulariser in unnormalised value units (the regressions run on V/B, so they use λ/B²). */
  lambda: number;
  /** Confidence level of the radius. */
  delta: number;
  /** Variance floor: σ̄ ≥ α. */
  alpha: number;
  /** Uncertainty weight: σ̄² ≥ γ²‖φ‖_{Σ⁻¹}. */
  gamma: number;
  /** Known bound B ≥ B* on the optimal values; values are normalised by it. */
  bound: number;
  /** Known bound on ‖θ*‖. */
  thetaNorm: number;
  /** Multiplies both radii: the theory's constants are conservative; experiments use a fraction (the same for both methods). */
  radiusScale: number;
  /** HOME's number of moment levels M ≥ 2 (variance-aware only). */
  moments: number;
  /** The variance-aware radius: the Bernstein radius's leading term alone, or the full radius (see bernsteinRadius). */
  bernstein: BernsteinRadiusKind;
}

export type BernsteinRadiusKind = 'leading' | 'full';

/**
 * The leading term of a Bernstein-type radius with unit-variance noise (weights ≤ 1/α²):
 * √(d·log((1 + t·L²/(λ·α²))/δ)) + √λ·‖θ*‖, without the full radius's log² factor, constant 12 and
 * the 30·ι/γ² term.
 */
export function leadingBernsteinRadius(t: number, d: number, lambda: number, featureBound: number, delta: number, thetaNorm: number, alpha: number): number {
  return Math.sqrt(d * Math.log((1 + (t * featureBound ** 2) / (lambda * alpha * alpha)) / delta)) + Math.sqrt(lambda) * thetaNorm;
}

/**
 * The Hoeffding (self-normalised, Abbasi-Yadkori et al. 2011) radius after t samples, for noise of
 * range 1 (sub-Gaussian ½): ½·√(d·log((1 + t·L²/λ)/δ)) + √λ·‖θ*‖.
 */
export function hoeffdingRadius(t: number, d: number, lambda: number, featureBound: number, delta: number, thetaNorm: number): number {
  return 0.5 * Math.sqrt(d * Math.log((1 + (t * featureBound ** 2) / lambda) / delta)) + Math.sqrt(lambda) * thetaNorm;
}

/**
 * The full Bernstein-type radius of the variance- and uncertainty-aware weighted regression (Zhou &
 * Gu 2022, the form of their HF-UCRL-VTR+ radius with t samples in place of k·H; constants as
 * recalled, not checked against the PDF): 12·√(d·log(1 + t·L²/(d·λ·α²))·ι) + 30·ι/γ² + √λ·‖θ*‖,
 * ι = log(32·(log(γ²/α) + 1)·t²/δ). The 30·ι/γ² term pays for the weights' cap 1/α².
 */
export function bernsteinRadius(t: number, d: number, lambda: number, featureBound: number, delta: number, thetaNorm: number, alpha: number, gamma: number): number {
  const iota = Math.log((32 * (Math.log(gamma ** 2 / alpha) + 1) * t * t) / delta);
  return 12 * Math.sqrt(d * Math.log(1 + (t * featureBound ** 2) / (d * lambda * alpha * alpha)) * iota) + (30 * iota) / gamma ** 2 + Math.sqrt(lambda) * thetaNorm;
}


/** Ridge regression with per-sample weights; Σ⁻¹ by Sherman–Morrison, log det Σ tracked. */
export class WeightedRegression {
  readonly sigma: Float64Array;
  readonly inverse: Float64Array;
  readonly b: Float64Array;
  readonly theta: Float64Array;
  logDet: number;
  /** Σ⁻¹φ of the sample being added (reused: this runs once per step per level). */
  private readonly scratch: Float64Array;

  constructor(
    readonly dim: number,
    lambda: number,
  ) {
    this.sigma = new Float64Array(dim * dim);
    this.inverse = new Float64Array(dim * dim);
    for (let i = 0; i < dim; i++) {
      this.sigma[i * dim + i] = lambda;
      this.inverse[i * dim + i] = 1 / lambda;
    }
    this.b = new Float64Array(dim);
    this.theta = new Float64Array(dim);
    this.logDet = dim * Math.log(lambda);
    this.scratch = new Float64Array(dim);
  }

  /** ‖φ‖_{Σ⁻¹}. */
  norm(phi: ArrayLike<number>, offset = 0): number {
    const d = this.dim;
    let q = 0;
    for (let i = 0; i < d; i++) {
      let row = 0;
      for (let j = 0; j < d; j++) row += this.inverse[i * d + j] * phi[offset + j];
      q += phi[offset + i] * row;
    }
    return Math.sqrt(Math.max(0, q));
  }

  predict(phi: ArrayLike<number>, offset = 0): number {
    let y = 0;
    for (let k = 0; k < this.dim; k++) y += this.theta[k] * phi[offset + k];
    return y;
  }


  /** Σ += w φφᵀ, b += w φ y, θ = Σ⁻¹ b, with φ = phi[offset … offset + d). */
  add(phi: ArrayLike<number>, y: number, weight: number, offset = 0): void {
    const d = this.dim;
    const u = this.scratch; // Σ⁻¹ φ
    u.fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) u[i] += this.inverse[i * d + j] * phi[offset + j];
    let quad = 0;
    for (let i = 0; i < d; i++) quad += phi[offset + i] * u[i];
    const denom = 1 + weight * quad;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        this.sigma[i * d + j] += weight * phi[offset + i] * phi[offset + j];
        this.inverse[i * d + j] -= (weight * u[i] * u[j]) / denom;
      }
      this.b[i] += weight * phi[offset + i] * y;
    }
    this.logDet += Math.log(denom);
    for (let i = 0; i < d; i++) {
      let v = 0;
      for (let j = 0; j < d; j++) v += this.inverse[i * d + j] * this.b[j];
      this.theta[i] = v;
    }
  }
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * DEVI: optimistic (lowest-cost) discounted value iteration over the ellipsoid {θ : ‖θ − θ̂‖_Σ ≤ β},
 * in values normalised by B: Q̄ = c/B + (1 − q)·max{0, ⟨θ̂, φ_V̄⟩ − β‖φ_V̄‖_{Σ⁻¹}}, V̄ = min_a Q̄ clipped to [0, 1].
 */
export function devi(ssp: LinearMixtureSsp, regression: WeightedRegression, radius: number, bound: number, q: number, tolerance: number, maxSweeps = 200_000, start?: Float64Array): { value: Float64Array; q: Float64Array; sweeps: number } {
  const { states: S, actions: A, dim: d, goal } = ssp;
  // a warm start (the previous phase's values) converges in far fewer sweeps to the same fixed point
  let value = start ? Float64Array.from(start) : new Float64Array(S);
  const qValues = new Float64Array(S * A);
  let sweeps = 0;
  for (; sweeps < maxSweeps; sweeps++) {
    const phi = valueFeatures(ssp, value);
    const next = new Float64Array(S);
    let change = 0;
    for (let s = 0; s < S; s++) {
      if (s === goal) continue;
      let best = Infinity;
      for (let a = 0; a < A; a++) {
        const z = s * A + a;
        const optimistic = Math.max(0, regression.predict(phi, z * d) - radius * regression.norm(phi, z * d));
        const qv = ssp.cost[z] / bound + (1 - q) * optimistic;
        qValues[z] = qv;
        best = Math.min(best, qv);
      }
      next[s] = Math.min(1, Math.max(0, best));
      change = Math.max(change, Math.abs(next[s] - value[s]));
    }
    value = next;
    if (change <= tolerance) break;
  }
  return { value, q: qValues, sweeps };
}

/** Sweeps after which DEVI stops even if the values still move (on the hard instance it converges in far fewer). */
export const DEVI_MAX_SWEEPS = 1000;

export class LinearMixtureLearner {
  /** HOME's regressions: level m regresses V̄(s')^(2^m) (the Hoeffding learner has level 0 only). */
  readonly levels: WeightedRegression[];
  /** Normalised optimistic values and Q-values of the current phase. */
  value: Float64Array;
  qValues: Float64Array;
  /** φ_{V̄^(2^m)} of the current phase's values, and V̄^(2^m) itself, per level (they change only when it re-plans). */
  private phis: Float64Array[] = [];
  private powers: Float64Array[] = [];
  t = 1;
  phases = 0;
  private phaseLogDets: number[] = [];
  private readonly featureBound: number;
  private readonly lambda: number;

  constructor(
    readonly ssp: LinearMixtureSsp,
    readonly method: SspMethod,
    readonly settings: SspSettings,
    /** Breaks ties between equally optimistic actions (without it: the lowest index). */
    private readonly tieBreak?: RngStream,
  ) {
    // values are normalised by B; the same λ in those units is λ/B² (else the prior swamps the data)
    this.lambda = settings.lambda / settings.bound ** 2;
    if (method === 'variance-aware' && !(settings.moments >= 2)) throw new Error(`HOME needs M ≥ 2 moment levels (got ${settings.moments})`);
    const levels = method === 'variance-aware' ? settings.moments : 1;
    this.levels = Array.from({ length: levels }, () => new WeightedRegression(ssp.dim, this.lambda));
    this.value = new Float64Array(ssp.states);
    this.qValues = new Float64Array(ssp.states * ssp.actions);
    // L = max_{s,a} Σ_s' ‖φ(s'|s,a)‖ bounds ‖φ_V̄‖ for V̄ ∈ [0, 1]
    let bound = 0;
    const { states: S, actions: A, dim: d, features } = ssp;
    for (let z = 0; z < S * A; z++) {
      let sum = 0;
      for (let x = 0; x < S; x++) sum += Math.hypot(...Array.from(features.subarray((z * S + x) * d, (z * S + x + 1) * d)));
      bound = Math.max(bound, sum);
    }
    this.featureBound = bound;
    this.replan();
  }

  /** Level 0's regression: the one the planner uses. */
  get first(): WeightedRegression {
    return this.levels[0];
  }

  /** The radius after t samples: Hoeffding's or the Bernstein-type one (leading term or full), times the common scale. */
  radius(): number {
    const { delta, alpha, gamma, thetaNorm, radiusScale } = this.settings;
    const d = this.ssp.dim;
    if (this.method === 'hoeffding') return radiusScale * hoeffdingRadius(this.t, d, this.lambda, this.featureBound, delta, thetaNorm);
    if (this.settings.bernstein === 'leading') return radiusScale * leadingBernsteinRadius(this.t, d, this.lambda, this.featureBound, delta, thetaNorm, alpha);
    return radiusScale * bernsteinRadius(this.t, d, this.lambda, this.featureBound, delta, thetaNorm, alpha, gamma);
  }

  /** New phase: DEVI with discount and tolerance 1/t_j. */
  replan(): void {
    const q = 1 / this.t;
    // the optimistic operator's bonus depends on V, so it need not contract: on the gridworld it can cycle for ever; stop at DEVI_MAX_SWEEPS
    const plan = devi(this.ssp, this.first, this.radius(), this.settings.bound, q, q, DEVI_MAX_SWEEPS, this.phases > 0 ? this.value : undefined);
    this.value = plan.value;
    this.qValues = plan.q;
    this.powers = [];
    this.phis = [];
    let power = plan.value;
    for (let m = 0; m < this.levels.length; m++) {
      this.powers.push(power);
      this.phis.push(valueFeatures(this.ssp, power));
      power = Float64Array.from(power, (v) => v * v);
    }
    this.phaseLogDets = this.levels.map((r) => r.logDet);
    this.phases++;
  }

  /**
   * The optimistic greedy action, ties broken uniformly at random: while the bonus saturates every
   * Q-value ties, and a fixed tie-break (the lowest index) would make the regret depend on whether
   * action 0 happens to be the best one.
   */
  act(s: number): number {
    const A = this.ssp.actions;
    let min = Infinity;
    for (let a = 0; a < A; a++) min = Math.min(min, this.qValues[s * A + a]);
    let ties = 0;
    for (let a = 0; a < A; a++) if (this.qValues[s * A + a] <= min + 1e-15) ties++;
    let pick = ties > 1 && this.tieBreak ? this.tieBreak.int(ties) : 0;
    for (let a = 0; a < A; a++) if (this.qValues[s * A + a] <= min + 1e-15 && pick-- === 0) return a;
    return 0;
  }

  /** HOME's weight 1/σ̄_m² for level m at (s, a) = z (1 for Hoeffding). */
  levelWeight(m: number, z: number, beta = this.radius()): number {
    if (this.method === 'hoeffding') return 1;
    const { alpha, gamma } = this.settings;
    const d = this.ssp.dim;
    const here = this.levels[m];
    const nHere = here.norm(this.phis[m], z * d);
    // the top level's variance has only the trivial bound 1
    let varianceBound = 1;
    if (m + 1 < this.levels.length) {
      const above = this.levels[m + 1];
      const nAbove = above.norm(this.phis[m + 1], z * d);
      const variance = clamp01(above.predict(this.phis[m + 1], z * d)) - clamp01(here.predict(this.phis[m], z * d)) ** 2;
      varianceBound = variance + Math.min(1, 2 * beta * nHere) + Math.min(1, beta * nAbove);
    }
    return 1 / Math.max(varianceBound, alpha * alpha, gamma * gamma * nHere);
  }

  /** The regression weight 1/σ̄² of level 0, the one that plans (1 for Hoeffding). */
  weightFor(z: number): number {
    return this.levelWeight(0, z);
  }

  /** One transition (s, a) → x: every level's regression, then re-plan when any level's determinant doubled. */
  observe(s: number, a: number, x: number): number {
    const d = this.ssp.dim;
    const z = s * this.ssp.actions + a;
    const beta = this.radius();
    // every level's weight from the estimates before this sample
    const weights = this.levels.map((_, m) => this.levelWeight(m, z, beta));
    this.levels.forEach((r, m) => r.add(this.phis[m], this.powers[m][x], weights[m], z * d));
    this.t++;
    if (this.levels.some((r, m) => r.logDet >= this.phaseLogDets[m] + Math.LN2)) this.replan();
    return weights[0];
  }
}
