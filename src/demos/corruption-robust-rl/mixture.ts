// A small MDP whose kernel mixes three base kernels, P_w = Σ_k w_k K_k (a linear-mixture MDP), and
// the finite class of all mixture weights on a 0.1 grid of the simplex (66 models). Unlike the
// chain, models here disagree on many transitions by different amounts, so the information ratio
// and CR-OMLE's weights vary from sample to sample.

import type { RngStream } from '../../lib/rng';
import { evaluatePolicy, optimalPlan, withFloor, type TabularMdp } from './mdp';

export const MIXTURE_STATES = 6;
export const MIXTURE_ACTIONS = 3;
export const MIXTURE_HORIZON = 8;
export const MIXTURE_EPSILON = 0.01;
/** The true mixture weights (a grid point). */
export const MIXTURE_TRUTH: readonly number[] = [0.6, 0.3, 0.1];

/** All weight vectors on the simplex with coordinates in {0, 0.1, …, 1}. */
export function simplexGrid(step = 0.1): number[][] {
  const n = Math.round(1 / step);
  const out: number[][] = [];
  for (let i = 0; i <= n; i++) for (let j = 0; j <= n - i; j++) out.push([i / n, j / n, (n - i - j) / n]);
  return out;
}

/** A random row-stochastic kernel that moves mostly to a few states (sparse-ish rows make models distinguishable). */
function baseKernel(rng: RngStream): Float64Array {
  const S = MIXTURE_STATES;
  const kernel = new Float64Array(S * MIXTURE_ACTIONS * S);
  for (let z = 0; z < S * MIXTURE_ACTIONS; z++) {
    const row = Array.from({ length: S }, () => rng.uniform() ** 4);
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((p, x) => (kernel[z * S + x] = p / total));
  }
  return kernel;
}

export interface MixtureEnvironment {
  models: TabularMdp[];
  weights: number[][];
  truth: number;
  /** The kernel of the class member whose optimal policy does worst under the truth: what the adversary reports. */
  misleading: number;
}

export function mixtureEnvironment(rng: RngStream): MixtureEnvironment {
  const S = MIXTURE_STATES;
  const A = MIXTURE_ACTIONS;
  const bases = [0, 1, 2].map((k) => baseKernel(rng.split(`kernel-${k}`)));
  const rewards = rng.split('reward');
  const reward = Float64Array.from({ length: S * A }, () => (rewards.uniform() < 0.3 ? rewards.uniform() : 0));
  const weights = simplexGrid();
  const models = weights.map((w) => {
    const kernel = new Float64Array(S * A * S);
    for (let i = 0; i < kernel.length; i++) kernel[i] = w[0] * bases[0][i] + w[1] * bases[1][i] + w[2] * bases[2][i];
    return { states: S, actions: A, horizon: MIXTURE_HORIZON, start: 0, reward, kernel: withFloor(kernel, S, MIXTURE_EPSILON) };
  });
  const truth = weights.findIndex((w) => w.every((v, k) => Math.abs(v - MIXTURE_TRUTH[k]) < 1e-9));
  const best = optimalPlan(models[truth]).value;
  let misleading = truth;
  let worst = best;
  models.forEach((m, i) => {
    const value = evaluatePolicy(models[truth], optimalPlan(m).policy);
    if (value < worst - 1e-12) {
      worst = value;
      misleading = i;
    }
  });
  return { models, weights, truth, misleading };
}
