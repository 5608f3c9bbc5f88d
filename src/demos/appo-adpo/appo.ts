// APPO on a linear contextual dueling bandit (research notes alignment.md §3a, §3c(ii)).
//
// Each round t brings a context: K arms with features φ_a ∈ R^d. The hidden reward is ⟨θ*, φ⟩ and a
// queried duel (a¹, a²) returns o = 1 with probability σ(⟨θ*, φ¹ − φ²⟩ / τ) (Bradley–Terry).
//   θ̂     regularised MLE on the queried duels only: λθ + Σ (σ(⟨θ, z⟩) − o) z = 0, z = φ¹ − φ²,
//          damped Newton steps to convergence after each new duel, warm-started
//   Σ      λI + Σ z zᵀ over the queried duels
//   a¹     the greedy arm, argmax ⟨θ̂, φ_a⟩
//   a²     the optimistic challenger, argmax over a ≠ a¹ of ⟨θ̂, φ_a⟩ + ρ_t ‖φ_a − φ_{a¹}‖_{Σ⁻¹},
//          ρ_t = √(d log(t + 1)) (t counted from 1)
//   query  only when ρ_t ‖φ_{a²} − φ_{a¹}‖_{Σ⁻¹} > Γ (always-query: every round)
// Regret is that of the greedy arm, max_a ⟨θ*, φ_a⟩ − ⟨θ*, φ_{a¹}⟩, as in the notes' prototype.

import { choleskyFactor, choleskySolve, solveWithCholesky } from '../../lib/cholesky';
import { RngStream } from '../../lib/rng';
import { dot, sigmoid } from './vectors';

export interface AppoOptions {
  dim: number;
  arms: number;
  horizon: number;
  /** Ridge λ of the MLE and of Σ. */
  lambda: number;
  /** Γ; null queries every round (the always-query baseline). */
  threshold: number | null;
  /** Bradley–Terry temperature τ of the feedback. */
  temperature: number;
}

export interface AppoRun {
  /** Cumulative regret after each round. */
  regret: Float64Array;
  /** Cumulative queries after each round. */
  queries: Int32Array;
  /** The learner's θ̂ at the end, and the hidden θ* (unit length). */
  theta: Float64Array;
  thetaStar: Float64Array;
  /** ½ gᵀH⁻¹g at the end: how far θ̂'s loss is above the exact regularised MLE's, in nats. */
  optimalityGap: number;
}


/** The learner's state: the queried duels, Σ and θ̂. */
export class DuelingMle {
  readonly sigma: Float64Array;
  /** Σ's Cholesky factor, refreshed when Σ changes: every round solves with it once per arm. */
  private sigmaFactor: Float64Array;
  readonly theta: Float64Array;
  private readonly duels: { z: Float64Array; o: number }[] = [];

  constructor(
    private readonly dim: number,
    private readonly lambda: number,
  ) {
    this.sigma = new Float64Array(dim * dim);
    for (let i = 0; i < dim; i++) this.sigma[i * dim + i] = lambda;
    this.sigmaFactor = choleskyFactor(this.sigma, dim);
    this.theta = new Float64Array(dim);
  }

  /** ‖λθ̂ + Σ (σ(⟨θ̂, z⟩) − o) z‖: zero at the regularised MLE. */
  scoreNorm(): number {
    return Math.hypot(...this.gradientAndHessian().g);
  }

  /** ½ gᵀH⁻¹g, the Newton estimate of how far θ̂'s loss is above the MLE's (nats): scale-free, unlike the score. */
  optimalityGap(): number {
    const { g, h } = this.gradientAndHessian();
    return dot(g, choleskySolve(h, g, this.dim)) / 2;
  }

  /** ‖z‖ in the Σ⁻¹ norm. */
  uncertainty(z: Float64Array): number {
    return Math.sqrt(Math.max(0, dot(z, solveWithCholesky(this.sigmaFactor, z, this.dim))));
  }

  add(z: Float64Array, o: number): void {
    const d = this.dim;
    this.duels.push({ z, o });
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) this.sigma[i * d + j] += z[i] * z[j];
    this.sigmaFactor = choleskyFactor(this.sigma, d);
    this.newtonStep();
  }

  /** The regularised loss's gradient g and Hessian H at θ̂, over every queried duel. */
  private gradientAndHessian(): { g: Float64Array; h: Float64Array } {
    const d = this.dim;
    const g = this.theta.map((x) => this.lambda * x);
    const h = new Float64Array(d * d);
    for (let i = 0; i < d; i++) h[i * d + i] = this.lambda;
    for (const { z, o } of this.duels) {
      const p = sigmoid(dot(this.theta, z));
      const w = p * (1 - p);
      for (let i = 0; i < d; i++) {
        g[i] += (p - o) * z[i];
        for (let j = 0; j < d; j++) h[i * d + j] += w * z[i] * z[j];
      }
    }
    return { g, h };
  }

  /** The regularised negative log-likelihood λ‖θ‖²/2 + Σ log(1 + e^{⟨θ,z⟩}) − o⟨θ,z⟩ at θ. */
  private loss(theta: Float64Array): number {
    let total = (this.lambda / 2) * dot(theta, theta);
    for (const { z, o } of this.duels) {
      const s = dot(theta, z);
      total += (s > 30 ? s : Math.log1p(Math.exp(s))) - o * s;
    }
    return total;
  }

  /**
   * Damped Newton to the regularised MLE, warm-started from the last θ̂: a full Newton step can
   * overshoot on the logistic loss (and then run away: the saturated Hessian is only λI), so each
   * step is halved until the loss falls enough (Armijo), and steps repeat until the Newton
   * decrement is negligible. Usually one step suffices, since one new duel moves the optimum little.
   */
  private newtonStep(): void {
    for (let iteration = 0; iteration < MAX_NEWTON_STEPS; iteration++) {
      const { g, h } = this.gradientAndHessian();
      const step = choleskySolve(h, g, this.dim);
      const decrement = dot(g, step);
      if (decrement < NEWTON_TOLERANCE) return;
      const before = this.loss(this.theta);
      let size = 1;
      let next = this.theta.map((x, i) => x - step[i]);
      while (this.loss(next) > before - 0.25 * size * decrement && size > 1e-6) {
        size /= 2;
        next = this.theta.map((x, i) => x - size * step[i]);
      }
      this.theta.set(next);
    }
  }
}

/** Newton steps per new duel at most, and the Newton decrement gᵀH⁻¹g below which θ̂ counts as converged. */
const MAX_NEWTON_STEPS = 20;
const NEWTON_TOLERANCE = 1e-8;

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * One run over the horizon. `rng` splits into the world (θ*), the contexts and the feedback, so
 * runs at different Γ from the same root see the same θ*, the same contexts and, duel by duel,
 * the same coin for the same round.
 */
export function runAppo(options: AppoOptions, rng: RngStream): AppoRun {
  const { dim, arms, horizon, lambda, threshold, temperature } = options;
  const worldRng = rng.split('world');
  const raw = Float64Array.from({ length: dim }, () => worldRng.normal());
  const thetaStar = raw.map((x) => x / Math.hypot(...raw));
  const learner = new DuelingMle(dim, lambda);
  const regret = new Float64Array(horizon);
  const queries = new Int32Array(horizon);
  let totalRegret = 0;
  let totalQueries = 0;
  for (let t = 0; t < horizon; t++) {
    const contextRng = rng.split('context').split(t);
    const phi = Array.from({ length: arms }, () => Float64Array.from({ length: dim }, () => contextRng.normal()));
    const estimated = phi.map((f) => dot(learner.theta, f));
    const greedy = argmax(estimated);
    const radius = Math.sqrt(dim * Math.log(t + 2)); // round t + 1
    const gaps = phi.map((f) => f.map((x, i) => x - phi[greedy][i]));
    // the challenger is another arm, so every round has a duel to query (or not)
    const challenger = argmax(estimated.map((r, a) => (a === greedy ? -Infinity : r + radius * learner.uncertainty(gaps[a]))));
    const z = phi[greedy].map((x, i) => x - phi[challenger][i]);
    const uncertain = radius * learner.uncertainty(z);
    if (threshold === null || uncertain > threshold) {
      const o = rng.split('feedback').split(t).uniform() < sigmoid(dot(thetaStar, z) / temperature) ? 1 : 0;
      learner.add(z, o);
      totalQueries++;
    }
    const rewards = phi.map((f) => dot(thetaStar, f));
    totalRegret += Math.max(...rewards) - rewards[greedy];
    regret[t] = totalRegret;
    queries[t] = totalQueries;
  }
  return { regret, queries, theta: Float64Array.from(learner.theta), thetaStar, optimalityGap: learner.optimalityGap() };
}
