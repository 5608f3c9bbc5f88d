import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { denoiseStepKey, denoiseStepReference, selectLowestConfidence } from './denoiseStep';

describe('denoising step (reference)', () => {
  it('without noise is the argmax over allowed tokens, confidence = its log-softmax', () => {
    const logits = Float32Array.from([5, 1, 0, 2, /* row 2 */ -1, 0.5, 3, 9]);
    const out = denoiseStepReference({ logits, positions: 2, vocab: 4, forbidden: [true, false, false, false], temperature: 1, noiseScale: 0, stepKey: 1 });
    expect(Array.from(out.tokens)).toEqual([3, 3]);
    const lse = Math.log(Math.exp(1) + Math.exp(0) + Math.exp(2));
    expect(out.confidence[0]).toBeCloseTo(2 - lse, 6);
  });

  it('with Gumbel noise samples from softmax(logits / T) (the Gumbel-max trick)', () => {
    const vocab = 4;
    const base = [1, 0, -1, 0.5];
    const temperature = 0.8;
    const positions = 40_000;
    const logits = Float32Array.from({ length: positions * vocab }, (_, i) => base[i % vocab]);
    const { tokens } = denoiseStepReference({ logits, positions, vocab, forbidden: [false, false, false, false], temperature, noiseScale: 1, stepKey: denoiseStepKey(RngStream.fromSeed(2).key, 0) });
    const z = base.map((l) => Math.exp(Math.fround(l) * Math.fround(1 / temperature)));
    const total = z.reduce((a, b) => a + b, 0);
    for (let v = 0; v < vocab; v++) {
      const share = tokens.filter((t) => t === v).length / positions;
      expect(Math.abs(share - z[v] / total)).toBeLessThan(0.01);
    }
  });

  it('different steps draw different noise', () => {
    const key = RngStream.fromSeed(1).key;
    expect(denoiseStepKey(key, 1)).not.toBe(denoiseStepKey(key, 2));
  });

  it('selects the K lowest-confidence eligible positions, ties by position', () => {
    const confidence = [-0.1, -3, -2, -3, -0.5, /* seq 2 */ -1, -1, -1, -1, -1];
    const eligible = [true, true, false, true, true, true, true, true, true, true];
    const masked = selectLowestConfidence(confidence, eligible, [2, 3], 2, 5);
    expect(Array.from(masked)).toEqual([0, 1, 0, 1, 0, 1, 1, 1, 0, 0]);
  });
});
