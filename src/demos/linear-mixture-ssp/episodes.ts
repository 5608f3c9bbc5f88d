// Episodes of a learner on a linear-mixture SSP: regret R_K = Σ_k (cost of episode k) − K·V*(s_init).
// Episodes are capped (an optimistic learner can loop for long early on); capped episodes are counted.

import type { RngStream } from '../../lib/rng';
import { LinearMixtureLearner, type SspMethod, type SspSettings } from './learner';
import { kernelOf, optimalValues, step, type LinearMixtureSsp } from './ssp';

export interface SspRun {
  /** Cumulative regret after each episode: Σ_k (cost of episode k − V*(s_init)). */
  cumulativeRegret: Float64Array;
  /**
   * The same regret without its martingale noise: Σ over steps of Q*(s, a) − V*(s), the expected
   * excess cost of each action taken. Sampled regret = this + zero-mean noise of sd ≈ B*·√K.
   */
  pseudoRegret: number;
  /** The pseudo-regret after each episode (its last entry is pseudoRegret). */
  cumulativePseudoRegret: Float64Array;
  steps: number;
  /** Σ of the costs paid (on the gridworld, steps on the conveyor are free). */
  totalCost: number;
  cappedEpisodes: number;
  phases: number;
}

/** A learner, or a reference policy: the optimal one (regret is pure noise around 0) or uniformly random actions. */
export type SspPolicy = SspMethod | 'hoeffding-perturbed' | 'optimal' | 'random';

/** `planned`: the problem the learner plans in, when it differs from the one it pays in (LEVIS's perturbed costs). */
export function runSsp(ssp: LinearMixtureSsp, method: SspPolicy, settings: SspSettings, episodes: number, cap: number, rng: RngStream, planned: LinearMixtureSsp = ssp): SspRun {
  const kernel = kernelOf(ssp);
  const optimal = optimalValues(ssp);
  const vStar = optimal.value[ssp.start];
  const learner = method === 'optimal' || method === 'random' ? null : new LinearMixtureLearner(planned, method === 'hoeffding-perturbed' ? 'hoeffding' : method, settings, rng.split('ties'));
  const cumulativeRegret = new Float64Array(episodes);
  const cumulativePseudoRegret = new Float64Array(episodes);
  let regret = 0;
  let steps = 0;
  let cappedEpisodes = 0;
  let totalCost = 0;
  let pseudoRegret = 0;
  const S = ssp.states;
  const A = ssp.actions;
  for (let k = 0; k < episodes; k++) {
    let s = ssp.start;
    let cost = 0;
    let length = 0;
    while (s !== ssp.goal) {
      if (length >= cap) {
        cappedEpisodes++;
        break;
      }
      const a = learner ? learner.act(s) : method === 'random' ? rng.int(ssp.actions) : optimal.policy[s];
      const x = step(kernel, ssp.states, s, a, ssp.actions, rng);
      const z = s * A + a;
      cost += ssp.cost[z];
      let q = ssp.cost[z];
      for (let y = 0; y < S; y++) q += kernel[z * S + y] * optimal.value[y];
      pseudoRegret += q - optimal.value[s];
      learner?.observe(s, a, x);
      s = x;
      length++;
    }
    steps += length;
    totalCost += cost;
    regret += cost - vStar;
    cumulativeRegret[k] = regret;
    cumulativePseudoRegret[k] = pseudoRegret;
  }
  return { cumulativeRegret, pseudoRegret, cumulativePseudoRegret, steps, totalCost, cappedEpisodes, phases: learner?.phases ?? 0 };
}
