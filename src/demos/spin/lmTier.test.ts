import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { sequenceLogProbTfjs } from '../../models/sequenceLogProbTfjs';
import { lmClaims } from './claims';
import { runLmTier, type LmTierOptions } from './lmTier';

const SMALL: LmTierOptions = { sftPairs: 16, heldOutPairs: 16, sftSteps: 4, iterations: 2, stepsPerIteration: 3, beta: 1, learningRate: 3e-3, spinLearningRate: 1e-3, batch: 8, mixPrevious: true, width: 16, layers: 1 };

beforeAll(async () => {
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
});

describe('SPIN language-model tier', () => {
  it('records SFT, then each iteration for SPIN and SFT-continued, reproducibly, and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const { records: a, samples } = await runLmTier(SMALL, sequenceLogProbTfjs, RngStream.fromSeed(2));
    expect(tf.memory().numTensors).toBe(before);
    const { records: b } = await runLmTier(SMALL, sequenceLogProbTfjs, RngStream.fromSeed(2));
    expect(a).toEqual(b);
    expect(a.map((r) => r.iteration)).toEqual([0, 1, 2]);
    expect(a[0].spinExactMatch).toBe(a[0].sftExactMatch);
    for (const r of a.slice(1)) {
      expect(r.rewardAccuracy).toBeGreaterThanOrEqual(0);
      expect(r.rewardAccuracy).toBeLessThanOrEqual(1);
      expect(Number.isFinite(r.spinHeldOutLogLikelihood) && Number.isFinite(r.sftHeldOutLogLikelihood)).toBe(true);
      expect(r.margin).toBeCloseTo(r.rewardsReal - r.rewardsGenerated, 10);
      // the first step of an iteration scores the policy against itself
      expect(r.firstStepLoss).toBeCloseTo(Math.log(2), 5);
    }
    expect(samples).toHaveLength(12);
    expect(samples[0].correct).toBe(Array.from(samples[0].prompt).reverse().join(''));
  });

  it('the SPIN-beats-SFT-continued claim can fail: SPIN at a rate too small to move it does not beat SFT continued from an under-trained SFT model', async () => {
    const options: LmTierOptions = { ...SMALL, sftPairs: 48, heldOutPairs: 32, sftSteps: 80, iterations: 1, stepsPerIteration: 60, learningRate: 5e-3, spinLearningRate: 1e-7 };
    const replicates = [];
    for (const seed of [1, 2, 3]) replicates.push((await runLmTier(options, sequenceLogProbTfjs, RngStream.fromSeed(seed))).records);
    const [claim] = lmClaims(replicates, { sft: options.learningRate, spin: options.spinLearningRate });
    console.log(claim.value, claim.note);
    expect(claim.passed).toBe(false);
    expect(claim.value).toBeLessThanOrEqual(0);
  }, 600_000);
});
