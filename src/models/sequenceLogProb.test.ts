import { describe, expect, it } from 'vitest';
import { RngStream } from '../lib/rng';
import { sequenceLogProbGradReference, sequenceLogProbReference, type SequenceBatch } from './sequenceLogProb';

function randomBatch(batch: number, length: number, vocab: number, seed: number, scale = 2): SequenceBatch {
  const rng = RngStream.fromSeed(seed);
  return {
    logits: Float32Array.from({ length: batch * length * vocab }, () => scale * rng.normal()),
    targets: Int32Array.from({ length: batch * length }, () => rng.int(vocab)),
    mask: Float32Array.from({ length: batch * length }, () => (rng.uniform() < 0.7 ? 1 : 0)),
    batch,
    length,
    vocab,
  };
}

describe('sequence log-probability reference', () => {
  it('is −(#counted positions)·log V for uniform logits, and 0 for a fully masked sequence', () => {
    const batch: SequenceBatch = { logits: new Float32Array(2 * 3 * 5).fill(0.7), targets: Int32Array.from([0, 1, 2, 3, 4, 0]), mask: Float32Array.from([1, 1, 0, 0, 0, 0]), batch: 2, length: 3, vocab: 5 };
    const s = sequenceLogProbReference(batch);
    expect(s[0]).toBeCloseTo(-2 * Math.log(5), 12);
    expect(s[1]).toBe(0);
  });

  it('is unchanged by adding a constant to a row, even 1e4', () => {
    const a = randomBatch(2, 4, 7, 3);
    const shifted = { ...a, logits: a.logits.map((z) => z + 1e4) };
    const sa = sequenceLogProbReference(a);
    const sb = sequenceLogProbReference(shifted);
    // f32 inputs near 1e4 carry ~1e-3 rounding of their own
    for (let b = 0; b < 2; b++) expect(Math.abs(sa[b] - sb[b])).toBeLessThan(2e-2);
  });

  it('has the gradient that finite differences give', () => {
    const batch = randomBatch(2, 3, 6, 9);
    const upstream = [0.7, -1.3];
    const grad = sequenceLogProbGradReference(batch, upstream);
    const objective = (logits: Float32Array) => {
      const s = sequenceLogProbReference({ ...batch, logits });
      return upstream[0] * s[0] + upstream[1] * s[1];
    };
    const h = 1e-2;
    for (const i of [0, 5, 17, 23, 30]) {
      const plus = Float32Array.from(batch.logits);
      const minus = Float32Array.from(batch.logits);
      plus[i] += h;
      minus[i] -= h;
      expect(grad[i]).toBeCloseTo((objective(plus) - objective(minus)) / (2 * h), 3);
    }
  });
});
