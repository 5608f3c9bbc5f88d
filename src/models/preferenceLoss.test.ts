import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { preferenceLoss, preferenceLossPerPair, preferenceRewards, type PreferenceTerms } from './preferenceLoss';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const terms = (pc: number[], pr: number[], rc: number[], rr: number[]): PreferenceTerms => ({
  policyChosen: tf.tensor1d(pc),
  policyRejected: tf.tensor1d(pr),
  referenceChosen: tf.tensor1d(rc),
  referenceRejected: tf.tensor1d(rr),
});

describe('preference losses', () => {
  it('logistic loss is log 2 when the policy equals the reference, for any β', () => {
    const t = terms([-3, -7.5], [-4, -2], [-3, -7.5], [-4, -2]);
    for (const beta of [0.1, 1, 5]) expect(preferenceLoss(t, { beta }).dataSync()[0]).toBeCloseTo(Math.log(2), 6);
  });

  it('hand-computed values of the three kinds', () => {
    // h = (−1 − −2) − (−5 − −4) = 2
    const t = terms([-1], [-5], [-2], [-4]);
    expect(preferenceLossPerPair(t, { beta: 0.5 }).dataSync()[0]).toBeCloseTo(Math.log1p(Math.exp(-1)), 6);
    expect(preferenceLossPerPair(t, { beta: 0.25, kind: 'hinge' }).dataSync()[0]).toBeCloseTo(0.5, 6);
    expect(preferenceLossPerPair(t, { beta: 0.5, kind: 'ipo' }).dataSync()[0]).toBeCloseTo(1, 6);
    const rewards = preferenceRewards(t, 0.5);
    expect(rewards.chosen.dataSync()[0]).toBeCloseTo(0.5, 6);
    expect(rewards.rejected.dataSync()[0]).toBeCloseTo(-0.5, 6);
    expect(rewards.accuracy.dataSync()[0]).toBe(1);
  });

  it('weights drop pairs and a negative weight swaps chosen and rejected', () => {
    const t = terms([-1, -1], [-5, -5], [-2, -2], [-4, -4]);
    const swapped = preferenceLossPerPair(t, { beta: 0.5, weights: tf.tensor1d([1, -1]) }).dataSync();
    expect(swapped[1]).toBeCloseTo(Math.log1p(Math.exp(1)), 6);
    const dropped = preferenceLoss(t, { beta: 0.5, weights: tf.tensor1d([1, 0]) }).dataSync()[0];
    expect(dropped).toBeCloseTo(Math.log1p(Math.exp(-1)), 6);
  });

  it('gradient with respect to the policy log-probabilities matches finite differences (CPU path)', () => {
    const values = [-2.1, -3.3, -0.7];
    const fixed = { policyRejected: tf.tensor1d([-2.5, -1.2, -4]), referenceChosen: tf.tensor1d([-2, -3, -1]), referenceRejected: tf.tensor1d([-2.2, -1.5, -3.1]) };
    for (const kind of ['logistic', 'hinge', 'ipo'] as const) {
      const f = (pc: tf.Tensor) => preferenceLoss({ policyChosen: pc as tf.Tensor1D, ...fixed }, { beta: 0.7, kind });
      const grad = tf.grad(f)(tf.tensor1d(values)).dataSync();
      const h = 1e-3;
      for (let i = 0; i < 3; i++) {
        const plus = values.slice();
        const minus = values.slice();
        plus[i] += h;
        minus[i] -= h;
        const fd = (f(tf.tensor1d(plus)).dataSync()[0] - f(tf.tensor1d(minus)).dataSync()[0]) / (2 * h);
        expect(grad[i]).toBeCloseTo(fd, 3);
      }
    }
  });
});
