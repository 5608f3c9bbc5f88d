import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { sequenceLogProbTfjs } from '../../models/sequenceLogProbTfjs';
import { ADPO_METHODS } from './adpo';
import { batchWeights, oracleScore, runAdpoLmTier, type AdpoLmOptions } from './lmTier';

const SMALL: AdpoLmOptions = { sftPairs: 16, sftSteps: 4, streamPairs: 24, batch: 8, beta: 0.5, learningRate: 1e-3, gamma: 0.01, heldOut: 12, evalEvery: 2, width: 16, layers: 1, oracleTemperature: 1 };

beforeAll(async () => {
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
});

describe('the oracle and the per-pair weights', () => {
  it('scores a response by the reversed prompt’s letters in place, less the length difference', () => {
    expect(oracleScore('abc', 'cba')).toBe(3);
    expect(oracleScore('abc', 'cb')).toBe(1);
    expect(oracleScore('abc', 'cbad')).toBe(2);
    expect(oracleScore('abc', 'aaa')).toBe(1);
    expect(oracleScore('abcd', '')).toBe(-4);
  });

  it('weights a batch as each method does: DPO all +1, ADPO the flag, without pseudo-labels 0 off the band', () => {
    const margins = [-3, -0.5, 0.5, 3];
    expect(batchWeights('dpo', margins, 1)).toEqual({ weights: [1, 1, 1, 1], queried: 4, pseudo: 0, wrong: 0, againstTruth: 0 });
    expect(batchWeights('adpo', margins, 1)).toEqual({ weights: [-1, 1, 1, 1], queried: 2, pseudo: 2, wrong: 1, againstTruth: 0 });
    // the flipped pair (m = −3) was truly the human's way round; the kept one (m = 3) truly the other
    expect(batchWeights('adpo', margins, 1, [2, 0, 0, -1]).againstTruth).toBe(2);
    expect(batchWeights('adpo-no-pl', margins, 1)).toEqual({ weights: [0, 1, 1, 0], queried: 2, pseudo: 0, wrong: 0, againstTruth: 0 });
  });
});

describe('ADPO’s language-model tier', () => {
  it('trains the three methods from one reference on one stream, reproducibly, and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const a = await runAdpoLmTier(ADPO_METHODS, SMALL, sequenceLogProbTfjs, RngStream.fromSeed(3));
    expect(tf.memory().numTensors).toBe(before);
    const b = await runAdpoLmTier(ADPO_METHODS, SMALL, sequenceLogProbTfjs, RngStream.fromSeed(3));
    expect(a).toEqual(b);
    const [dpo, adpo, noPl] = a.runs;
    // all three start from the same reference and are evaluated with the same samples at the start
    expect(adpo.checkpoints[0]).toEqual(dpo.checkpoints[0]);
    expect(dpo.checkpoints.map((c) => c.pairsSeen)).toEqual([0, 16, 24]);
    expect(dpo.checkpoints.at(-1)!.queries).toBe(24);
    // the first batch sees the policy equal to the reference: every margin 0, every pair queried
    expect(adpo.checkpoints[1].queries).toBeGreaterThanOrEqual(8);
    const last = adpo.checkpoints.at(-1)!;
    expect(last.queries + last.pseudoLabels).toBe(24);
    expect(noPl.checkpoints.at(-1)!.pseudoLabels).toBe(0);
    for (const c of a.runs.flatMap((run) => run.checkpoints)) {
      expect(c.winRate).toBeGreaterThanOrEqual(0);
      expect(c.winRate).toBeLessThanOrEqual(1);
    }
  }, 120_000);
});
