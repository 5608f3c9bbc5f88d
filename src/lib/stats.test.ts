import { describe, expect, it } from 'vitest';
import { lineFit, mean, meanInterval, sampleVariance, standardError, tostEquivalence, welchZ, wilsonInterval } from './stats';

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

describe('intervals and equivalence', () => {
  it('Wilson interval: textbook values, bounded at k = 0 and k = n', () => {
    // 9 of 10: Wilson 95% ≈ [0.596, 0.982] (Newcombe 1998, table I style check)
    const w = wilsonInterval(9, 10);
    expect(w.estimate).toBe(0.9);
    expect(w.low).toBeCloseTo(0.5958, 3);
    expect(w.high).toBeCloseTo(0.9821, 3);
    expect(wilsonInterval(0, 20).low).toBe(0);
    expect(wilsonInterval(20, 20).high).toBe(1);
    expect(wilsonInterval(20, 20).low).toBeCloseTo(0.8389, 3);
  });

  it('mean interval is mean ± t(0.975, n − 1) s.e. (t = 3.182 for 4 values), or t(0.95, n − 1) at 90%', () => {
    const m = meanInterval([1, 2, 3, 6]);
    const se = Math.sqrt(14 / 3 / 4);
    expect(m.estimate).toBe(3);
    expect(m.high - m.estimate).toBeCloseTo(3.182446 * se, 5);
    expect(meanInterval([1, 2, 3, 6], 0.9).high - 3).toBeCloseTo(2.353363 * se, 5);
    expect(meanInterval([4]).high).toBe(Infinity);
    expect(standardError([1, 2, 3, 6])).toBeCloseTo(se, 12);
  });

  it('TOST: equal samples are equivalent within a margin; a real shift is not; too few samples are not', () => {
    const a = Array.from({ length: 200 }, (_, i) => Math.sin(i) * 0.5);
    const b = a.map((x) => x + 0.01);
    expect(tostEquivalence(a, b, 0.1).equivalent).toBe(true);
    expect(tostEquivalence(a, a.map((x) => x + 0.3), 0.1).equivalent).toBe(false);
    // tiny samples: the 90% interval is too wide to show equivalence even when the means agree
    expect(tostEquivalence([0, 1, 0], [1, 0, 0.5], 0.1).equivalent).toBe(false);
  });
});
