// Optimistic value-targeted regression for linear-mixture SSP (docs/research/theory.md §2a):
// weighted ridge regressions of V̄(s') on φ_V̄(s, a), rare re-planning (determinant doubling) by
// discounted extended value iteration (DEVI, discount 1 − 1/t_j), and two kinds of confidence set:
//   Hoeffding (LEVIS-like): every weight 1, radius for noise of range 1 (values normalised by B);
//   variance-aware: weight 1/σ̄² with σ̄² = max{v̂ar + error, α², γ²‖φ‖_{Σ⁻¹}}, the variance of V̄(s')
//   from a second regression on V̄² (the first two of the paper's high-order moments), and a radius
//   for unit-variance noise.
// On the hard instance a step's variance is about B·(1/B)(1 − 1/B) ≈ 1/B of the range²: weighting
// by it is what turns the Hoeffding set's B^1.5 into B.

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
}

/** Ridge regression with per-sample weights; Σ⁻¹ by Sherman–Morrison, log det Σ tracked. */
export class WeightedRegression {
  readonly sigma: Float64Array;
  readonly inverse: Float64Array;
  readonly b: Float64Array;
  readonly theta: Float64Array;
  logDet: number;

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

  /** Σ += w φφᵀ, b += w φ y, θ = Σ⁻¹ b. */
  add(phi: ArrayLike<number>, y: number, weight: number): void {
    const d = this.dim;
    const u = new Float64Array(d); // Σ⁻¹ φ
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) u[i] += this.inverse[i * d + j] * phi[j];
    let quad = 0;
    for (let i = 0; i < d; i++) quad += phi[i] * u[i];
    const denom = 1 + weight * quad;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        this.sigma[i * d + j] += weight * phi[i] * phi[j];
        this.inverse[i * d + j] -= (weight * u[i] * u[j]) / denom;
      }
      this.b[i] += weight * phi[i] * y;
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
  readonly first: WeightedRegression;
  /** The second moment's regression (variance-aware only). */
  readonly second: WeightedRegression;
  /** Normalised optimistic values and Q-values of the current phase. */
  value: Float64Array;
  qValues: Float64Array;
  /** φ_V̄ and φ_V̄² of the current phase's values (they change only when it re-plans). */
  private phi: Float64Array = new Float64Array(0);
  private phi2: Float64Array = new Float64Array(0);
  private squared: Float64Array = new Float64Array(0);
  t = 1;
  phases = 0;
  private phaseLogDet = -Infinity;
  private phaseLogDet2 = -Infinity;
  private readonly featureBound: number;
  private readonly lambda: number;

  constructor(
    readonly ssp: LinearMixtureSsp,
    readonly method: SspMethod,
    readonly settings: SspSettings,
  ) {
    // values are normalised by B; the same λ in those units is λ/B² (else the prior swamps the data)
    this.lambda = settings.lambda / settings.bound ** 2;
    this.first = new WeightedRegression(ssp.dim, this.lambda);
    this.second = new WeightedRegression(ssp.dim, this.lambda);
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

  /** The radius after t samples (see the file comment for the two noise models). */
  radius(): number {
    const { delta, alpha, thetaNorm } = this.settings;
    const lambda = this.lambda;
    const d = this.ssp.dim;
    const L = this.featureBound;
    const scale = this.settings.radiusScale;
    if (this.method === 'hoeffding') return scale * (0.5 * Math.sqrt(d * Math.log((1 + (this.t * L * L) / lambda) / delta)) + Math.sqrt(lambda) * thetaNorm);
    return scale * (Math.sqrt(d * Math.log((1 + (this.t * L * L) / (lambda * alpha * alpha)) / delta)) + Math.sqrt(lambda) * thetaNorm);
  }

  /** New phase: DEVI with discount and tolerance 1/t_j. */
  replan(): void {
    const q = 1 / this.t;
    // the optimistic operator's bonus depends on V, so it need not contract: on the gridworld it can cycle for ever; stop at DEVI_MAX_SWEEPS
    const plan = devi(this.ssp, this.first, this.radius(), this.settings.bound, q, q, DEVI_MAX_SWEEPS, this.phases > 0 ? this.value : undefined);
    this.value = plan.value;
    this.qValues = plan.q;
    this.squared = Float64Array.from(plan.value, (v) => v * v);
    this.phi = valueFeatures(this.ssp, this.value);
    this.phi2 = valueFeatures(this.ssp, this.squared);
    this.phaseLogDet = this.first.logDet;
    this.phaseLogDet2 = this.second.logDet;
    this.phases++;
  }

  act(s: number): number {
    const A = this.ssp.actions;
    let best = 0;
    for (let a = 1; a < A; a++) if (this.qValues[s * A + a] < this.qValues[s * A + best] - 1e-15) best = a;
    return best;
  }

  /** The regression weight 1/σ̄² this sample gets (1 for Hoeffding). */
  weightFor(z: number): number {
    const { phi, phi2 } = this;
    if (this.method === 'hoeffding') return 1;
    const { alpha, gamma } = this.settings;
    const d = this.ssp.dim;
    const beta = this.radius();
    const n1 = this.first.norm(phi, z * d);
    const n2 = this.second.norm(phi2, z * d);
    const variance = clamp01(this.second.predict(phi2, z * d)) - clamp01(this.first.predict(phi, z * d)) ** 2;
    const error = Math.min(1, 2 * beta * n1) + Math.min(1, beta * n2);
    const sigma2 = Math.max(variance + error, alpha * alpha, gamma * gamma * n1);
    return 1 / sigma2;
  }

  /** One transition (s, a) → x: both regressions (the second for variance-aware only), then re-plan on determinant doubling. */
  observe(s: number, a: number, x: number): number {
    const d = this.ssp.dim;
    const z = s * this.ssp.actions + a;
    const { phi, phi2, squared } = this;
    const weight = this.weightFor(z);
    this.first.add(phi.subarray(z * d, (z + 1) * d), this.value[x], weight);
    // the top moment level has only the trivial variance bound 1
    if (this.method === 'variance-aware') this.second.add(phi2.subarray(z * d, (z + 1) * d), squared[x], 1 / Math.max(1, this.settings.gamma ** 2 * this.second.norm(phi2, z * d)));
    this.t++;
    if (this.first.logDet >= this.phaseLogDet + Math.LN2 || (this.method === 'variance-aware' && this.second.logDet >= this.phaseLogDet2 + Math.LN2)) this.replan();
    return weight;
  }
}
