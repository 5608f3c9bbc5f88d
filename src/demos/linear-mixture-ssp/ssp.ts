// Linear-mixture stochastic shortest path problems: P(s'|s,a) = ⟨φ(s'|s,a), θ*⟩ with known
// features φ and unknown θ* ∈ ℝ^d; costs in [0, 1]; an episode ends at the goal g. The learner sees
// φ and regresses values on φ_V(s,a) = Σ_s' φ(s'|s,a)·V(s'), since E[V(s') | s, a] = ⟨φ_V(s,a), θ*⟩.

import type { RngStream } from '../../lib/rng';

export interface LinearMixtureSsp {
  states: number;
  actions: number;
  start: number;
  goal: number;
  dim: number;
  /** cost[s·A + a] ∈ [0, 1]. */
  cost: Float64Array;
  /** features[((s·A + a)·S + s')·d + k] = φ_k(s' | s, a). */
  features: Float64Array;
  theta: Float64Array;
}

/** The true kernel P[(s·A + a)·S + s'] = ⟨φ(s'|s,a), θ⟩. */
export function kernelOf(ssp: LinearMixtureSsp, theta: ArrayLike<number> = ssp.theta): Float64Array {
  const { states: S, actions: A, dim: d, features } = ssp;
  const kernel = new Float64Array(S * A * S);
  for (let i = 0; i < S * A * S; i++) {
    let p = 0;
    for (let k = 0; k < d; k++) p += features[i * d + k] * theta[k];
    kernel[i] = p;
  }
  return kernel;
}

/** φ_V(s, a) for every (s, a): out[(s·A + a)·d + k] = Σ_s' φ_k(s'|s,a)·V(s'). */
export function valueFeatures(ssp: LinearMixtureSsp, value: ArrayLike<number>): Float64Array {
  const { states: S, actions: A, dim: d, features } = ssp;
  const out = new Float64Array(S * A * d);
  for (let z = 0; z < S * A; z++) {
    for (let x = 0; x < S; x++) {
      const v = value[x];
      if (v === 0) continue;
      for (let k = 0; k < d; k++) out[z * d + k] += features[(z * S + x) * d + k] * v;
    }
  }
  return out;
}

/**
 * The research notes' hard instance (docs/research/theory.md §2a, after Min et al. 2022): states {s_init = 0, g = 1}, actions
 * a ∈ {−1, +1}^{d−1}, P(g | s_init, a) = δ + ⟨μ, a⟩ with μ ∈ {±Δ/(d−1)}^{d−1}; cost 1 per step.
 * φ(s_init | a) = (−a, 1 − δ), φ(g | a) = (a, δ), θ* = (μ, 1). The best action a* = sign(μ) reaches
 * the goal with probability δ + Δ, so V*(s_init) = 1/(δ + Δ).
 */
export function hardInstance(d: number, delta: number, gap: number, rng: RngStream): LinearMixtureSsp {
  const A = 2 ** (d - 1);
  const S = 2;
  const signs = Array.from({ length: d - 1 }, () => (rng.uniform() < 0.5 ? -1 : 1));
  const theta = Float64Array.from([...signs.map((s) => (s * gap) / (d - 1)), 1]);
  const features = new Float64Array(S * A * S * d);
  const cost = new Float64Array(S * A);
  for (let a = 0; a < A; a++) {
    const bits = actionVector(a, d - 1);
    const stay = (0 * A + a) * S + 0;
    const leave = (0 * A + a) * S + 1;
    for (let k = 0; k < d - 1; k++) {
      features[stay * d + k] = -bits[k];
      features[leave * d + k] = bits[k];
    }
    features[stay * d + d - 1] = 1 - delta;
    features[leave * d + d - 1] = delta;
    cost[0 * A + a] = 1;
    // the goal is absorbing and free
    features[((1 * A + a) * S + 1) * d + d - 1] = 1;
  }
  return { states: S, actions: A, start: 0, goal: 1, dim: d, cost, features, theta };
}

/** Action index → its vector in {−1, +1}^n (bit k set ↔ +1). */
export function actionVector(a: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => ((a >> k) & 1 ? 1 : -1));
}

/** Optimal values by value iteration on the true kernel (costs ≥ 0, goal absorbing at 0); for the hard instance 1/(δ + Δ). */
export function optimalValues(ssp: LinearMixtureSsp, tolerance = 1e-12, maxSweeps = 1_000_000): { value: Float64Array; policy: Int32Array } {
  const { states: S, actions: A, goal } = ssp;
  const kernel = kernelOf(ssp);
  let value = new Float64Array(S);
  const policy = new Int32Array(S);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    const next = new Float64Array(S);
    let change = 0;
    for (let s = 0; s < S; s++) {
      if (s === goal) continue;
      let best = Infinity;
      for (let a = 0; a < A; a++) {
        const z = s * A + a;
        let q = ssp.cost[z];
        for (let x = 0; x < S; x++) q += kernel[z * S + x] * value[x];
        if (q < best - 1e-15) {
          best = q;
          policy[s] = a;
        }
      }
      next[s] = best;
      change = Math.max(change, Math.abs(best - value[s]));
    }
    value = next;
    if (change <= tolerance * Math.max(1, ...value)) break;
  }
  return { value, policy };
}

/** Draws s' from the true kernel row of (s, a). */
export function step(kernel: Float64Array, states: number, s: number, a: number, actions: number, rng: RngStream): number {
  return rng.categorical(kernel, (s * actions + a) * states, states);
}
