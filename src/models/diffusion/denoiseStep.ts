// One denoising step of a masked (absorbing) discrete diffusion sampler, in plain TypeScript: the
// reference of shaders/denoise_step.wgsl and shaders/select_masked.wgsl, shared by DNDM and DPLM.

import { deriveKey, gumbelFromHash } from '../../lib/rng';

export interface DenoiseStepInput {
  /** [B·L·V] row-major logits. */
  logits: Float32Array;
  positions: number;
  vocab: number;
  /** forbidden[v]: token v may never be produced (the mask token, padding, specials). */
  forbidden: ArrayLike<boolean | number>;
  temperature: number;
  /** 0: argmax decoding; 1: Gumbel-max sampling (DPLM's default). */
  noiseScale: number;
  stepKey: number;
}

export interface DenoiseStepOutput {
  tokens: Int32Array;
  /** log_softmax(z)[token] under the perturbed logits z: what samplers rank positions by. */
  confidence: Float64Array;
}

/** The Gumbel key of one step: every (seed, step) pair gets its own stream of noise. */
export function denoiseStepKey(samplingKey: number, step: number): number {
  return deriveKey(samplingKey, step);
}

export function denoiseStepReference(input: DenoiseStepInput): DenoiseStepOutput {
  const { logits, positions, vocab, forbidden, temperature, noiseScale, stepKey } = input;
  const tokens = new Int32Array(positions);
  const confidence = new Float64Array(positions);
  const invT = Math.fround(1 / temperature);
  const z = new Float64Array(vocab);
  for (let pos = 0; pos < positions; pos++) {
    let best = -Infinity;
    let bestV = 0;
    for (let v = 0; v < vocab; v++) {
      const idx = pos * vocab + v;
      z[v] = forbidden[v] ? -Infinity : logits[idx] * invT + (noiseScale === 0 ? 0 : noiseScale * gumbelFromHash(stepKey, idx));
      if (z[v] > best) {
        best = z[v];
        bestV = v;
      }
    }
    let sum = 0;
    for (let v = 0; v < vocab; v++) if (z[v] > -Infinity) sum += Math.exp(z[v] - best);
    tokens[pos] = bestV;
    confidence[pos] = -Math.log(sum);
  }
  return { tokens, confidence };
}

/**
 * For each sequence b, the keepCount[b] eligible positions of lowest confidence (ties: lower
 * position first). Returns masked[b·L + i] = 1 for the chosen ones.
 */
export function selectLowestConfidence(
  confidence: ArrayLike<number>,
  eligible: ArrayLike<boolean | number>,
  keepCount: ArrayLike<number>,
  batch: number,
  length: number,
): Uint8Array {
  const masked = new Uint8Array(batch * length);
  for (let b = 0; b < batch; b++) {
    const base = b * length;
    const order = Array.from({ length }, (_, i) => i)
      .filter((i) => eligible[base + i])
      .sort((i, j) => confidence[base + i] - confidence[base + j] || i - j);
    for (const i of order.slice(0, keepCount[b])) masked[base + i] = 1;
  }
  return masked;
}
