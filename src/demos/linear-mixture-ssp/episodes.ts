// Episodes of a learner on a linear-mixture SSP: regret R_K = Σ_k (cost of episode k) − K·V*(s_init).
// Episodes are capped (an optimistic learner can loop for long early on); capped episodes are counted.

import type { RngStream } from '../../lib/rng';
import { LinearMixtureLearner, type SspMethod, type SspSettings } from './learner';
import { kernelOf, optimalValues, step, type LinearMixtureSsp } from './ssp';

export interface SspRun {
  /** Cumulative regret after each episode. */
  cumulativeRegret: Float64Array;
  steps: number;
  cappedEpisodes: number;
  phases: number;
}

/** A learner, or a reference policy: the optimal one (regret is pure noise around 0) or uniformly random actions. */
export type SspPolicy = SspMethod | 'optimal' | 'random';

export function runSsp(ssp: LinearMixtureSsp, method: SspPolicy, settings: SspSettings, episodes: number, cap: number, rng: RngStream): SspRun {
  const kernel = kernelOf(ssp);
  const optimal = optimalValues(ssp);
  const vStar = optimal.value[ssp.start];
  const learner = method === 'optimal' || method === 'random' ? null : new LinearMixtureLearner(ssp, method, settings);
  const cumulativeRegret = new Float64Array(episodes);
  let regret = 0;
  let steps = 0;
  let cappedEpisodes = 0;
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
      cost += ssp.cost[s * ssp.actions + a];
      learner?.observe(s, a, x);
      s = x;
      length++;
    }
    steps += length;
    regret += cost - vStar;
    cumulativeRegret[k] = regret;
  }
  return { cumulativeRegret, steps, cappedEpisodes, phases: learner?.phases ?? 0 };
}
