// The two training objectives of the DPLM demo's protein language models, on one batch of padded
// sequences (padding is never masked and carries no loss):
// - DPLM (docs: discrete_diffusion.md §1.2, the authors' RDM loss): one t ~ U{1..T} per sequence,
//   each residue masked with probability t/T, cross-entropy on the masked residues weighted
//   w(t) = (T − t + 1)/T, summed and divided by the number of masked residues in the batch.
// - masked LM (the baseline, as ESM/BERT): a fixed 15 % of residues masked (all replaced by the
//   mask token: no 80/10/10 split), unweighted cross-entropy averaged over the masked residues.
// The network is the masked-diffusion transformer without a time input (or the structure adapter on it).

import * as tf from '@tensorflow/tfjs';
import type { RngStream } from '../../lib/rng';
import { MASK, PAD } from './aminoAcids';

export type ProteinObjective = 'dplm' | 'mlm';
/** DPLM's number of diffusion steps (the authors' default). */
export const DPLM_STEPS = 500;
export const MLM_RATE = 0.15;

export interface MaskedProteinBatch {
  /** x_t [B·L]: masked residues set to MASK. */
  noisy: Int32Array;
  /** Per position: the loss weight where masked (w(t) for DPLM, 1 for the masked LM), else 0. */
  weight: Float32Array;
  /** Number of masked residues (the loss's denominator). */
  maskedCount: number;
}

export function maskProteins(x0: Int32Array, batch: number, length: number, objective: ProteinObjective, rng: RngStream): MaskedProteinBatch {
  const noisy = Int32Array.from(x0);
  const weight = new Float32Array(batch * length);
  let maskedCount = 0;
  for (let b = 0; b < batch; b++) {
    const t = objective === 'dplm' ? 1 + rng.int(DPLM_STEPS) : 0;
    const rate = objective === 'dplm' ? t / DPLM_STEPS : MLM_RATE;
    const w = objective === 'dplm' ? (DPLM_STEPS - t + 1) / DPLM_STEPS : 1;
    for (let n = 0; n < length; n++) {
      const i = b * length + n;
      if (x0[i] === PAD || rng.uniform() >= rate) continue;
      noisy[i] = MASK;
      weight[i] = w;
      maskedCount++;
    }
  }
  return { noisy, weight, maskedCount };
}

/** The network being trained, as logits [B, L, V] of noisy tokens [B, L] (a model, or an adapter on a frozen one). */
export type ProteinLogits = (noisy: tf.Tensor2D) => tf.Tensor3D;

/** Σ weight · CE over masked residues / #masked (0 when nothing was masked). */
export function proteinLmLoss(logitsOf: ProteinLogits, x0: Int32Array, masked: MaskedProteinBatch, batch: number, length: number): tf.Scalar {
  return tf.tidy(() => {
    const logits = logitsOf(tf.tensor2d(masked.noisy, [batch, length], 'int32'));
    const logp = tf.logSoftmax(logits);
    const target = tf.oneHot(tf.tensor2d(x0, [batch, length], 'int32'), logits.shape[2]);
    const nll = tf.neg(tf.sum(tf.mul(logp, target), -1));
    return tf.div(tf.sum(tf.mul(nll, tf.tensor2d(masked.weight, [batch, length]))), Math.max(1, masked.maskedCount)) as tf.Scalar;
  });
}
