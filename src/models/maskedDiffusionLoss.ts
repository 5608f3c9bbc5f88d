// The absorbing-diffusion training objective (docs/research/discrete_diffusion.md §2.2, continuous form):
//   t ~ U(0, 1) per sequence; each token masked with probability t;
//   loss = mean over sequences of  w(t) · (1/L) Σ_{masked n} −log p_θ(x₀ₙ | x_t, t),   w(t) = 1 − t
// ("linear" reweighting of the RDM code that DNDM reuses). Randomness from explicit streams.

import * as tf from '@tensorflow/tfjs';
import type { RngStream } from '../lib/rng';
import type { MaskedDiffusionTransformer } from './maskedDiffusionTransformer';

export interface CorruptedBatch {
  /** x_t [B·L] with masked positions set to the mask token. */
  noisy: Int32Array;
  /** 1 where the position was masked (the loss is taken there). */
  masked: Float32Array;
  t: Float32Array;
}

export function corrupt(x0: Int32Array, batch: number, length: number, maskToken: number, rng: RngStream): CorruptedBatch {
  const noisy = Int32Array.from(x0);
  const masked = new Float32Array(batch * length);
  const t = new Float32Array(batch);
  for (let b = 0; b < batch; b++) {
    t[b] = Math.max(1e-3, rng.uniform());
    for (let n = 0; n < length; n++) {
      if (rng.uniform() < t[b]) {
        noisy[b * length + n] = maskToken;
        masked[b * length + n] = 1;
      }
    }
  }
  return { noisy, masked, t };
}

/** The weighted masked cross-entropy as a scalar tensor (differentiable in the model's variables). */
export function maskedDiffusionLoss(model: MaskedDiffusionTransformer, x0: Int32Array, corrupted: CorruptedBatch, batch: number, length: number): tf.Scalar {
  return tf.tidy(() => {
    const logits = model.forward(tf.tensor2d(corrupted.noisy, [batch, length], 'int32'), model.config.timeInput ? tf.tensor1d(corrupted.t) : null);
    const logp = tf.logSoftmax(logits);
    const target = tf.oneHot(tf.tensor2d(x0, [batch, length], 'int32'), model.config.vocab);
    const nll = tf.neg(tf.sum(tf.mul(logp, target), -1)); // [B, L]
    const perSequence = tf.div(tf.sum(tf.mul(nll, tf.tensor2d(corrupted.masked, [batch, length])), 1), length);
    const weights = tf.sub(1, tf.tensor1d(corrupted.t));
    return tf.mean(tf.mul(perSequence, weights)) as tf.Scalar;
  });
}
