import { describe, expect, it } from 'vitest';
import { band, mean, sampleVariance, welchZ } from './stats';

describe('stats', () => {
  it('mean, unbiased variance and band of a hand-computed sample', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(sampleVariance([1, 2, 3, 6])).toBeCloseTo(14 / 3, 12);
    expect(band([4, 1, 7])).toEqual({ mean: 4, min: 1, max: 7 });
    expect(sampleVariance([5])).toBeNaN();
  });

  it('Welch z: difference over √(s²ₐ/nₐ + s²ᵦ/nᵦ)', () => {
    // a: mean 2, s² = 1; b: mean 1, s² = 1; n = 3 each → z = 1 / √(2/3)
    expect(welchZ([1, 2, 3], [0, 1, 2])).toBeCloseTo(1 / Math.sqrt(2 / 3), 12);
    expect(welchZ([1, 1], [1, 1])).toBe(0);
  });
});
