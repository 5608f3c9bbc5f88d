// MARINE's one step (docs/research/alignment.md §4a, the official utils_guidance.py): the next-token
// log-probabilities with and without the object-grounding prompt, mixed as
//   out = log_softmax(γ·(log_softmax(guided) − log_softmax(unguided)) + log_softmax(unguided)),
// then sampled with the paper's decoding (temperature 0.6, nucleus top-p 0.9). γ = 0 is the vanilla
// model, γ = 1 the guided branch alone, γ > 1 extrapolates. Both tiers use these functions.

import type { RngStream } from '../../lib/rng';

/** log_softmax of `logits` into `out` (which may be `logits` itself). */
export function logSoftmax(logits: ArrayLike<number>, out: Float64Array = new Float64Array(logits.length)): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i] - max);
  const logZ = max + Math.log(sum);
  for (let i = 0; i < logits.length; i++) out[i] = logits[i] - logZ;
  return out;
}

/** The guided mix of two branches' logits, as log-probabilities. */
export function mixGuidance(unguided: ArrayLike<number>, guided: ArrayLike<number>, gamma: number): Float64Array {
  const u = logSoftmax(unguided);
  const g = logSoftmax(guided);
  const out = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) out[i] = gamma * (g[i] - u[i]) + u[i];
  return logSoftmax(out, out);
}

export interface Decoding {
  temperature: number;
  topP: number;
}

/** The official decoding: temperature 0.6 and nucleus sampling with top-p 0.9. */
export const PAPER_DECODING: Decoding = { temperature: 0.6, topP: 0.9 };

/**
 * One token from log-probabilities: divided by the temperature, then the smallest set of the most
 * likely tokens whose mass reaches top-p is renormalised and sampled (one uniform from `rng`).
 */
export function sampleToken(logProbs: ArrayLike<number>, decoding: Decoding, rng: RngStream): number {
  const n = logProbs.length;
  const scaled = new Float64Array(n);
  for (let i = 0; i < n; i++) scaled[i] = logProbs[i] / decoding.temperature;
  const p = logSoftmax(scaled);
  for (let i = 0; i < n; i++) p[i] = Math.exp(p[i]);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b] - p[a] || a - b);
  let kept = 0;
  let mass = 0;
  while (kept < n && mass < decoding.topP) mass += p[order[kept++]];
  let u = rng.uniform() * mass;
  for (let r = 0; r < kept; r++) {
    u -= p[order[r]];
    if (u < 0) return order[r];
  }
  return order[kept - 1];
}
