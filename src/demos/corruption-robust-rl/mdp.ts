// Finite-horizon tabular MDPs: exact planning and evaluation. Every model of a finite model class
// is one of these (same states, actions, rewards, start and horizon; its own kernel), so the
// algorithms' optimism, pessimism and regret are all computed exactly, not sampled.

export interface TabularMdp {
  states: number;
  actions: number;
  horizon: number;
  start: number;
  /** reward[s·A + a] ∈ [0, 1]. */
  reward: Float64Array;
  /** kernel[(s·A + a)·S + s'] = P(s' | s, a); a stationary kernel used at every step. */
  kernel: Float64Array;
}

/** A non-stationary deterministic policy: action[h·S + s]. */
export type Policy = Int32Array;

/** Finite-horizon value iteration: the optimal values V_h (h = 0…H, V_H = 0) and a greedy policy (ties → lowest action). */
export function optimalPlan(mdp: TabularMdp): { value: number; values: Float64Array; policy: Policy } {
  const { states: S, actions: A, horizon: H, reward, kernel } = mdp;
  const values = new Float64Array((H + 1) * S);
  const policy = new Int32Array(H * S);
  for (let h = H - 1; h >= 0; h--) {
    for (let s = 0; s < S; s++) {
      let best = -Infinity;
      let bestAction = 0;
      for (let a = 0; a < A; a++) {
        const z = s * A + a;
        let q = reward[z];
        for (let x = 0; x < S; x++) q += kernel[z * S + x] * values[(h + 1) * S + x];
        if (q > best + 1e-12) {
          best = q;
          bestAction = a;
        }
      }
      values[h * S + s] = best;
      policy[h * S + s] = bestAction;
    }
  }
  return { value: values[mdp.start], values, policy };
}

/** Expected return of `policy` from the start state under `mdp`. */
export function evaluatePolicy(mdp: TabularMdp, policy: Policy): number {
  const { states: S, actions: A, horizon: H, reward, kernel } = mdp;
  let next = new Float64Array(S);
  for (let h = H - 1; h >= 0; h--) {
    const current = new Float64Array(S);
    for (let s = 0; s < S; s++) {
      const z = s * A + policy[h * S + s];
      let v = reward[z];
      for (let x = 0; x < S; x++) v += kernel[z * S + x] * next[x];
      current[s] = v;
    }
    next = current;
  }
  return next[mdp.start];
}

/** Total-variation distance between two kernels' next-state distributions at (s, a). */
export function tvAt(p: Float64Array, q: Float64Array, states: number, z: number): number {
  let sum = 0;
  for (let x = 0; x < states; x++) sum += Math.abs(p[z * states + x] - q[z * states + x]);
  return sum / 2;
}

/** TV between every two models of a class at every (s, a): out[z][m·M + m'], symmetric, 0 on the diagonal. */
export function pairwiseTv(models: readonly TabularMdp[]): Float64Array[] {
  const M = models.length;
  const { states: S, actions: A } = models[0];
  return Array.from({ length: S * A }, (_, z) => {
    const out = new Float64Array(M * M);
    for (let i = 0; i < M; i++) for (let j = i + 1; j < M; j++) out[i * M + j] = out[j * M + i] = tvAt(models[i].kernel, models[j].kernel, S, z);
    return out;
  });
}

/** Mixes ε of the uniform distribution into every row, so that no observed transition has probability 0 under any model. */
export function withFloor(kernel: Float64Array, states: number, epsilon: number): Float64Array {
  return Float64Array.from(kernel, (p) => (1 - epsilon) * p + epsilon / states);
}
