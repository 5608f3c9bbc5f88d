// The same denoising step as a chain of tfjs ops: the baseline the fused WGSL kernel is measured
// against (bench) and held to (tests). Gumbel noise comes in as a tensor so that all three
// implementations can be given the very same noise.

import * as tf from '@tensorflow/tfjs';

/** Excludes forbidden tokens without −∞ arithmetic (exp underflows to exactly 0 either way). */
const FORBIDDEN_PENALTY = -1e30;

export function denoiseStepTfjs(
  logits: tf.Tensor3D,
  forbidden: ArrayLike<boolean | number>,
  temperature: number,
  noise: tf.Tensor3D | null,
  noiseScale: number,
): { tokens: tf.Tensor2D; confidence: tf.Tensor2D } {
  return tf.tidy(() => {
    const vocab = logits.shape[2];
    const penalty = tf.tensor1d(Array.from({ length: vocab }, (_, v) => (forbidden[v] ? FORBIDDEN_PENALTY : 0)));
    let z = tf.mul(logits, Math.fround(1 / temperature));
    if (noise && noiseScale !== 0) z = tf.add(z, tf.mul(noise, noiseScale));
    z = tf.add(z, penalty);
    return {
      tokens: tf.argMax(z, -1) as tf.Tensor2D,
      confidence: tf.max(tf.logSoftmax(z), -1) as tf.Tensor2D,
    };
  });
}

/** The K_b lowest-confidence eligible positions per row, by topk ranks (ties: tfjs's order). */
export function selectLowestConfidenceTfjs(confidence: tf.Tensor2D, eligible: tf.Tensor2D, keepCount: readonly number[]): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, length] = confidence.shape;
    const score = tf.where(tf.cast(eligible, 'bool'), confidence, tf.fill([batch, length], 1e30));
    const { indices } = tf.topk(tf.neg(score), length); // ascending confidence
    const ranks = tf.sum(tf.mul(tf.oneHot(indices, length), tf.range(0, length).reshape([1, length, 1])), 1); // rank of each position
    const limit = tf.tensor2d(keepCount.map((k) => [k]), [batch, 1]);
    return tf.cast(tf.logicalAnd(tf.less(ranks, limit), tf.cast(eligible, 'bool')), 'int32') as tf.Tensor2D;
  });
}
