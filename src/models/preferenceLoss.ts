// The pairwise preference losses shared by SPIN, DPO and ADPO, on summed sequence log-probabilities
// (from the fused op, sequenceLogProbOp.ts) of a chosen (SPIN: real) and a rejected (SPIN:
// generated) response under the policy and the frozen reference (SPIN: the opponent):
//   h = (log π(y_w) − log π_ref(y_w)) − (log π(y_l) − log π_ref(y_l)),   margin = β·h
//   logistic (DPO, SPIN):  softplus(−β·h)            = log 2 at h = 0
//   hinge (SLiC):          max(0, 1 − β·h)
//   IPO:                   (h − 1/(2β))²
// Per-pair weights let ADPO drop or down-weight pairs and flip pseudo-labelled ones (weight < 0
// swaps the roles of the two responses).

import * as tf from '@tensorflow/tfjs';

export type PreferenceLossKind = 'logistic' | 'hinge' | 'ipo';

export interface PreferenceTerms {
  policyChosen: tf.Tensor1D;
  policyRejected: tf.Tensor1D;
  referenceChosen: tf.Tensor1D;
  referenceRejected: tf.Tensor1D;
}

export interface PreferenceOptions {
  beta: number;
  kind?: PreferenceLossKind;
  /** Per pair: 1 as given, 0 dropped, −1 chosen and rejected swapped (pseudo-label), or any weight. */
  weights?: tf.Tensor1D;
}

/** h per pair (un-scaled log-ratio difference), with a weight's sign applied. */
export function logRatioMargin(t: PreferenceTerms, weights?: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const h = tf.sub(tf.sub(t.policyChosen, t.referenceChosen), tf.sub(t.policyRejected, t.referenceRejected));
    return (weights ? tf.mul(h, tf.sign(weights)) : h) as tf.Tensor1D;
  });
}

/** Per-pair loss values ([P]), before weighting by |weight|. */
export function preferenceLossPerPair(t: PreferenceTerms, { beta, kind = 'logistic', weights }: PreferenceOptions): tf.Tensor1D {
  return tf.tidy(() => {
    const h = logRatioMargin(t, weights);
    switch (kind) {
      case 'logistic':
        return tf.softplus(tf.mul(h, -beta)) as tf.Tensor1D;
      case 'hinge':
        return tf.relu(tf.sub(1, tf.mul(h, beta))) as tf.Tensor1D;
      case 'ipo':
        return tf.square(tf.sub(h, 1 / (2 * beta))) as tf.Tensor1D;
    }
  });
}

/** Mean over pairs of |weight|·loss (weights default to 1; dropped pairs do not count in the mean). */
export function preferenceLoss(t: PreferenceTerms, options: PreferenceOptions): tf.Scalar {
  return tf.tidy(() => {
    const perPair = preferenceLossPerPair(t, options);
    if (!options.weights) return tf.mean(perPair) as tf.Scalar;
    const w = tf.abs(options.weights);
    return tf.div(tf.sum(tf.mul(perPair, w)), tf.maximum(tf.sum(tf.notEqual(w, 0).asType('float32')), 1)) as tf.Scalar;
  });
}

/** SPIN/DPO's logged rewards β·(log π − log π_ref) and the share of pairs ranked right. */
export function preferenceRewards(t: PreferenceTerms, beta: number): { chosen: tf.Tensor1D; rejected: tf.Tensor1D; accuracy: tf.Scalar } {
  return tf.tidy(() => {
    const chosen = tf.mul(tf.sub(t.policyChosen, t.referenceChosen), beta) as tf.Tensor1D;
    const rejected = tf.mul(tf.sub(t.policyRejected, t.referenceRejected), beta) as tf.Tensor1D;
    return { chosen, rejected, accuracy: tf.mean(tf.greater(chosen, rejected).asType('float32')) as tf.Scalar };
  });
}
