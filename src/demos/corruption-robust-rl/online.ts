// One online run: T episodes of a learner against the true MDP, with an adversary that replaces
// the kernel of some transitions by a corrupted one before the next state is drawn. Regret is the
// exact expected shortfall of each episode's policy under the true model (no sampling noise in it).

import type { RngStream } from '../../lib/rng';
import { evaluatePolicy, optimalPlan, tvAt, type TabularMdp } from './mdp';
import { OptimisticMle, type OnlineMethod, type OnlineSettings } from './optimisticMle';

export type AdversaryTiming = 'first' | 'random';

export interface Adversary {
  /** Total budget: how many transitions are corrupted at most. */
  budget: number;
  /** The kernel corrupted transitions are drawn from. */
  kernel: Float64Array;
  /** Which transitions it targets. */
  targets: (s: number, a: number) => boolean;
  /** 'first': the first `budget` targeted transitions; 'random': each targeted transition with probability `rate` until the budget is spent. */
  timing: AdversaryTiming;
  rate: number;
}

export interface OnlineRun {
  /** Cumulative expected regret after each episode. */
  cumulativeRegret: Float64Array;
  /** Σ of the weights the learner gave to corrupted samples. */
  weightOnCorrupted: number;
  corrupted: number;
  /** Σ TV(corrupted kernel, true kernel) over the corrupted transitions. */
  corruptionTv: number;
  /** Episodes at whose start the true model was outside the confidence set. */
  episodesTrueOutside: number;
  trueOutsideAtEnd: boolean;
  /** With `traceWeights`: every informative sample (one where the set disagreed), in order. */
  trace: { episode: number; weight: number; corrupted: boolean }[];
}

export function runOnline(models: readonly TabularMdp[], trueModel: number, method: OnlineMethod, settings: OnlineSettings, adversary: Adversary, episodes: number, rng: RngStream, traceWeights = false): OnlineRun {
  const truth = models[trueModel];
  const { states: S, actions: A, horizon: H } = truth;
  const learner = new OptimisticMle(models, method, settings);
  const optimal = optimalPlan(truth).value;
  const cumulativeRegret = new Float64Array(episodes);
  const env = rng.split('environment');
  const attack = rng.split('adversary');
  let regret = 0;
  let corrupted = 0;
  let corruptionTv = 0;
  let weightOnCorrupted = 0;
  let episodesTrueOutside = 0;
  const trace: OnlineRun['trace'] = [];
  for (let t = 0; t < episodes; t++) {
    const set = learner.confidenceSet();
    if (!set.includes(trueModel)) episodesTrueOutside++;
    const { policy } = learner.plan(set);
    regret += optimal - evaluatePolicy(truth, policy);
    cumulativeRegret[t] = regret;
    let s = truth.start;
    for (let h = 0; h < H; h++) {
      const a = policy[h * S + s];
      const z = s * A + a;
      const corrupt = adversary.targets(s, a) && corrupted < adversary.budget && (adversary.timing === 'first' || attack.uniform() < adversary.rate);
      const x = env.categorical(corrupt ? adversary.kernel : truth.kernel, z * S, S);
      if (traceWeights && learner.informationRatio(set, z) > 0) trace.push({ episode: t, weight: learner.weightFor(set, z), corrupted: corrupt });
      const w = learner.observe(set, z, x);
      if (corrupt) {
        corrupted++;
        corruptionTv += tvAt(adversary.kernel, truth.kernel, S, z);
        weightOnCorrupted += w;
      }
      s = x;
    }
  }
  return { cumulativeRegret, weightOnCorrupted, corrupted, corruptionTv, episodesTrueOutside, trueOutsideAtEnd: !learner.confidenceSet().includes(trueModel), trace };
}
