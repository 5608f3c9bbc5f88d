import { describe, expect, it } from 'vitest';
import { lineFit, mean, sampleVariance, welchZ } from './stats';

describe('stats', () => {
  it('mean and unbiased variance of a hand-computed sample', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(sampleVariance([1, 2, 3, 6])).toBeCloseTo(14 / 3, 12);
    expect(sampleVariance([5])).toBeNaN();
  });

  it('Welch z: difference over √(s²ₐ/nₐ + s²ᵦ/nᵦ)', () => {
    // a: mean 2, s² = 1; b: mean 1, s² = 1; n = 3 each → z = 1 / √(2/3)
    expect(welchZ([1, 2, 3], [0, 1, 2])).toBeCloseTo(1 / Math.sqrt(2 / 3), 12);
    expect(welchZ([1, 1], [1, 1])).toBe(0);
  });

  it('lineFit recovers an exact line and a log-log power', () => {
    expect(lineFit([0, 1, 2], [1, 3, 5])).toEqual({ slope: 2, intercept: 1 });
    const b = [3.6, 7.1, 14.3, 28.6];
    const fit = lineFit(b.map(Math.log), b.map((x) => Math.log(5 * x ** 1.5)));
    expect(fit.slope).toBeCloseTo(1.5, 12);
  });
});
