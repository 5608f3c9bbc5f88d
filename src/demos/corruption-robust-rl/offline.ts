// Offline model-based RL from a logged dataset with corrupted transitions (docs/research/theory.md
// §1a CR-PMLE, §1d): plug-in MLE (act optimally for the most likely model), PMLE
// (pessimism over the confidence set with the base radius) and CR-PMLE (information-ratio weights
// at their fixed point, and a radius that bounds what c corrupted samples can move the weighted
// log-likelihood). Pessimism over a finite class: among the optimal policies of the class's models,
// take the one with the best worst-case value over the set.

import type { RngStream } from '../../lib/rng';
import { evaluatePolicy, optimalPlan, pairwiseTv, type Policy, type TabularMdp } from './mdp';
import { baseRadius, robustWeight } from './optimisticMle';

export type OfflineMethod = 'plug-in' | 'pmle' | 'cr-pmle';

export interface Sample {
  z: number;
  x: number;
  corrupted: boolean;
}

export interface DataCorruption {
  /** How many targeted transitions are reported from `kernel` instead of the truth (the first ones logged). */
  count: number;
  kernel: Float64Array;
  targets: (s: number, a: number) => boolean;
}

/** n episodes of a uniformly random behaviour policy under the true model, the first `count` targeted transitions corrupted. */
export function collectDataset(truth: TabularMdp, episodes: number, corruption: DataCorruption, rng: RngStream): Sample[] {
  const { states: S, actions: A, horizon: H } = truth;
  const samples: Sample[] = [];
  let corrupted = 0;
  for (let e = 0; e < episodes; e++) {
    let s = truth.start;
    for (let h = 0; h < H; h++) {
      const a = rng.int(A);
      const z = s * A + a;
      const corrupt = corrupted < corruption.count && corruption.targets(s, a);
      const x = rng.categorical(corrupt ? corruption.kernel : truth.kernel, z * S, S);
      if (corrupt) corrupted++;
      samples.push({ z, x, corrupted: corrupt });
      s = x;
    }
  }
  return samples;
}

export interface OfflineSettings {
  delta: number;
  lambda: number;
  kappa: number;
  /** The corruption count c the method is told to withstand (CR-PMLE only). */
  budget: number;
  /** Fixed-point rounds for the weights. */
  rounds: number;
}

export interface OfflineResult {
  policy: Policy;
  set: number[];
  weights: Float64Array;
  radius: number;
  /** The chosen policy's value under the true model, and the optimal value. */
  value: number;
  optimal: number;
}

function weightedLogLikelihood(models: readonly TabularMdp[], samples: readonly Sample[], weights: Float64Array): Float64Array {
  const S = models[0].states;
  return Float64Array.from(models, (m) => {
    const logKernel = logKernels.get(m.kernel) ?? logKernels.set(m.kernel, m.kernel.map(Math.log)).get(m.kernel)!;
    let sum = 0;
    for (let i = 0; i < samples.length; i++) sum += weights[i] * logKernel[samples[i].z * S + samples[i].x];
    return sum;
  });
}

/** log P of each model's kernel, computed once per kernel (a run scores the same class many times). */
const logKernels = new WeakMap<Float64Array, Float64Array>();

function setWithin(logLikelihood: Float64Array, radius: number): number[] {
  const best = Math.max(...logLikelihood);
  const set: number[] = [];
  logLikelihood.forEach((l, m) => l >= best - radius && set.push(m));
  return set;
}

/** The largest |log P(x|z) − log P'(x|z)| over the class: what one corrupted sample can move a log-likelihood ratio by. */
export function maxLogRatio(models: readonly TabularMdp[]): number {
  let worst = 0;
  const n = models[0].kernel.length;
  for (let k = 0; k < n; k++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const m of models) {
      lo = Math.min(lo, m.kernel[k]);
      hi = Math.max(hi, m.kernel[k]);
    }
    worst = Math.max(worst, Math.log(hi / lo));
  }
  return worst;
}

/**
 * CR-PMLE's weights: w_i = min{1, (α/Γ_i)^κ}, Γ_i the largest TV between two models of the current
 * set at z_i over √(λ + Σ_{j≠i} w_j TV_j²), iterated from w = 1 (and the set recomputed) for `rounds`.
 */
export function offlineWeights(models: readonly TabularMdp[], samples: readonly Sample[], settings: OfflineSettings, radiusFor: (w: Float64Array) => number): Float64Array {
  const M = models.length;
  const alpha = settings.budget > 0 ? Math.sqrt(baseRadius(M, settings.delta)) / settings.budget : Infinity;
  let weights = new Float64Array(samples.length).fill(1);
  if (!Number.isFinite(alpha)) return weights;
  const tv = pairwiseTv(models);
  for (let round = 0; round < settings.rounds; round++) {
    const set = setWithin(weightedLogLikelihood(models, samples, weights), radiusFor(weights));
    // Σ_j w_j TV_j² per pair, once; each sample then leaves its own term out
    const total = new Float64Array(M * M);
    samples.forEach(({ z }, j) => {
      const row = tv[z];
      for (let k = 0; k < row.length; k++) if (row[k] > 0) total[k] += weights[j] * row[k] * row[k];
    });
    // a sample's next weight depends only on its z and its own weight: many samples share both
    const known = new Map<string, number>();
    const next = new Float64Array(samples.length);
    samples.forEach(({ z }, i) => {
      const key = `${z} ${weights[i]}`;
      let w = known.get(key);
      if (w === undefined) {
        let gamma = 0;
        for (let a = 0; a < set.length; a++) {
          for (let b = a + 1; b < set.length; b++) {
            const k = set[a] * M + set[b];
            const d = tv[z][k];
            if (d > 0) gamma = Math.max(gamma, d / Math.sqrt(settings.lambda + total[k] - weights[i] * d * d));
          }
        }
        w = robustWeight(gamma, alpha, settings.kappa);
        known.set(key, w);
      }
      next[i] = w;
    });
    weights = next;
  }
  return weights;
}

export function offlinePolicy(models: readonly TabularMdp[], truth: TabularMdp, samples: readonly Sample[], method: OfflineMethod, settings: OfflineSettings): OfflineResult {
  const M = models.length;
  const beta0 = baseRadius(M, settings.delta);
  const logRatio = maxLogRatio(models);
  // c corrupted samples move the weighted log-likelihood of any model pair by at most c · max w · log ρ_max
  const radiusFor = (w: Float64Array) => (method === 'cr-pmle' ? beta0 + settings.budget * Math.max(0, ...w) * logRatio : beta0);
  const weights = method === 'cr-pmle' ? offlineWeights(models, samples, settings, radiusFor) : new Float64Array(samples.length).fill(1);
  const logLikelihood = weightedLogLikelihood(models, samples, weights);
  const radius = radiusFor(weights);
  const plans = models.map((m) => optimalPlan(m));
  let policy: Policy;
  let set: number[];
  if (method === 'plug-in') {
    const best = logLikelihood.indexOf(Math.max(...logLikelihood));
    set = [best];
    policy = plans[best].policy;
  } else {
    set = setWithin(logLikelihood, radius);
    // pessimism: the candidate policy whose worst value over the set is highest
    let bestWorst = -Infinity;
    policy = plans[set[0]].policy;
    for (const candidate of plans) {
      const worst = Math.min(...set.map((m) => evaluatePolicy(models[m], candidate.policy)));
      if (worst > bestWorst + 1e-12) {
        bestWorst = worst;
        policy = candidate.policy;
      }
    }
  }
  return { policy, set, weights, radius, value: evaluatePolicy(truth, policy), optimal: optimalPlan(truth).value };
}

/**
 * Suboptimality that counts as a failure. The class's models disagree slightly about states the data
 * rarely visits, so "left-first" policies differ from the optimum by < 0.005 on the chain; going
 * right instead costs ≥ 0.36. Anything above this tolerance is the wrong policy.
 */
export const FAIL_TOLERANCE = 0.05;

/** A run fails when the chosen policy is worse than the optimal one under the true model by more than FAIL_TOLERANCE. */
export const offlineFailed = (r: OfflineResult): boolean => r.value < r.optimal - FAIL_TOLERANCE;
