// Forward + backward of the per-sequence log-probability: the fused WGSL op
// (src/models/sequenceLogProbOp.ts) against the tfjs op chain (log-softmax, one-hot gather, masked
// sum, autodiff) on the same device, with the peak tensor memory of each (tf.profile). Shared by the
// browser page (lossBench.ts) and the Node harness (bench/node/main.ts); tfjs must already run on
// the device the fused op was made for.

import * as tf from '@tensorflow/tfjs';
import type { SequenceLogProbOp } from '../src/models/sequenceLogProbOp';
import { sequenceLogProbTfjs } from '../src/models/sequenceLogProbTfjs';
import type { LOSS_DEFAULTS, OptionsOf } from './suiteOptions';
import { timeIt } from './timing';

export interface LossRow {
  B: number;
  T: number;
  V: number;
  fusedMs: number;
  chainMs: number;
  ratio: number;
  /** Peak bytes of tensors alive during one forward+backward, over the logits' own size. */
  fusedPeak: number;
  chainPeak: number;
}

export async function timeLossRows(fusedOp: SequenceLogProbOp, { b: batches, t: lengths, v: vocabs, budgetMs }: OptionsOf<typeof LOSS_DEFAULTS>, log: (line: string) => void): Promise<LossRow[]> {
  const rows: LossRow[] = [];
  for (const B of batches) {
    for (const T of lengths) {
      for (const V of vocabs) {
        const logits = tf.randomNormal([B, T, V], 0, 2, 'float32', 3) as tf.Tensor3D;
        const targets = tf.randomUniform([B, T], 0, V, 'int32', 4) as tf.Tensor2D;
        const mask = tf.onesLike(targets).asType('float32') as tf.Tensor2D;
        const upstream = tf.randomNormal([B], 0, 1, 'float32', 5) as tf.Tensor1D;
        // forward + backward; only a scalar comes back, so the readback is the same for both
        const pass = (op: SequenceLogProbOp) => () => tf.tidy(() => tf.sum(tf.grad((z: tf.Tensor) => tf.sum(tf.mul(op(z as tf.Tensor3D, targets, mask), upstream)))(logits)));
        const timed = (op: SequenceLogProbOp) => async () => {
          const s = pass(op)();
          await s.data();
          s.dispose();
        };
        const peak = async (op: SequenceLogProbOp) => {
          const info = await tf.profile(() => pass(op)());
          return info.peakBytes / (B * T * V * 4);
        };
        const fusedMs = await timeIt(timed(fusedOp), budgetMs);
        const chainMs = await timeIt(timed(sequenceLogProbTfjs), budgetMs);
        const row = { B, T, V, fusedMs, chainMs, ratio: chainMs / fusedMs, fusedPeak: await peak(fusedOp), chainPeak: await peak(sequenceLogProbTfjs) };
        tf.dispose([logits, targets, mask, upstream]);
        rows.push(row);
        log(`B=${B} T=${T} V=${V}: fused ${fusedMs.toFixed(2)} ms, chain ${chainMs.toFixed(2)} ms; peak ${row.fusedPeak.toFixed(2)} vs ${row.chainPeak.toFixed(2)} × logits`);
      }
    }
  }
  return rows;
}
