// The same per-sequence log-probability as a chain of tfjs ops (log-softmax, one-hot gather, masked
// sum), differentiated by tfjs' autodiff: the baseline the fused kernels are measured against
// (bench) and held to (tests). It materialises [B, T, V] log-probabilities and one-hots.

import * as tf from '@tensorflow/tfjs';

export function sequenceLogProbTfjs(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const vocab = logits.shape[2];
    const picked = tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(tf.cast(targets, 'int32'), vocab)), -1);
    return tf.sum(tf.mul(picked, mask), 1) as tf.Tensor1D;
  });
}

/** ∂(Σ_b upstream_b · S_b)/∂logits by autodiff through the op chain. */
export function sequenceLogProbGradTfjs(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D, upstream: tf.Tensor1D): tf.Tensor3D {
  return tf.tidy(() => tf.grad((z: tf.Tensor) => tf.sum(tf.mul(sequenceLogProbTfjs(z as tf.Tensor3D, targets, mask), upstream)))(logits) as tf.Tensor3D);
}
