// The research notes' chain (docs/research/theory.md §1d): 5 states, actions left/right, horizon 10, start at 0.
// Left moves to max(s − 1, 0); right moves s → s + 1 with probability θ and stays otherwise (state 4
// stays under right). Rewards: 0.2 for left at state 0, 1 for any action at state 4. With θ* = 0.6
// the optimal policy runs right; if the learner believes θ ≈ 0.1 it stays left and collects 0.2.
// The model class is θ ∈ {0.05, 0.10, …, 0.95} (19 kernels), each with an ε floor on every next state.

import { withFloor, type TabularMdp } from './mdp';

export const CHAIN_STATES = 5;
export const LEFT = 0;
export const RIGHT = 1;
export const CHAIN_HORIZON = 10;
export const CHAIN_THETAS: readonly number[] = Array.from({ length: 19 }, (_, i) => Number((0.05 * (i + 1)).toFixed(2)));
/** Floor mass spread over the next states of every transition of every model. */
export const CHAIN_EPSILON = 0.01;

export function chainReward(): Float64Array {
  const S = CHAIN_STATES;
  const reward = new Float64Array(S * 2);
  reward[0 * 2 + LEFT] = 0.2;
  reward[(S - 1) * 2 + LEFT] = 1;
  reward[(S - 1) * 2 + RIGHT] = 1;
  return reward;
}

export function chainKernel(theta: number, epsilon = CHAIN_EPSILON): Float64Array {
  const S = CHAIN_STATES;
  const kernel = new Float64Array(S * 2 * S);
  for (let s = 0; s < S; s++) {
    kernel[(s * 2 + LEFT) * S + Math.max(s - 1, 0)] = 1;
    if (s < S - 1) {
      kernel[(s * 2 + RIGHT) * S + s + 1] = theta;
      kernel[(s * 2 + RIGHT) * S + s] = 1 - theta;
    } else {
      kernel[(s * 2 + RIGHT) * S + s] = 1;
    }
  }
  return withFloor(kernel, S, epsilon);
}

export function chainMdp(theta: number, epsilon = CHAIN_EPSILON): TabularMdp {
  return { states: CHAIN_STATES, actions: 2, horizon: CHAIN_HORIZON, start: 0, reward: chainReward(), kernel: chainKernel(theta, epsilon) };
}

/** Whether a transition is one the adversary targets: a right move from a state below the end. */
export const isChainAttackable = (s: number, a: number): boolean => a === RIGHT && s < CHAIN_STATES - 1;
