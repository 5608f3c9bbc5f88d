import { describe, expect, it } from 'vitest';
import { logGamma, studentCdf, studentQuantile } from './studentT';

describe('Student t', () => {
  it('log Γ matches known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 10);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 10);
  });

  it('quantiles match the printed tables', () => {
    // two-sided 95% and one-sided 95% critical values
    expect(studentQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    expect(studentQuantile(0.975, 4)).toBeCloseTo(2.77645, 4);
    expect(studentQuantile(0.975, 9)).toBeCloseTo(2.26216, 4);
    expect(studentQuantile(0.95, 4)).toBeCloseTo(2.13185, 4);
    expect(studentQuantile(0.95, 8)).toBeCloseTo(1.85955, 4);
    // large df approaches the normal
    expect(studentQuantile(0.975, 1000)).toBeCloseTo(1.96234, 3);
  });

  it('the cdf is symmetric and refuses nonsense', () => {
    expect(studentCdf(0, 3)).toBeCloseTo(0.5, 12);
    expect(studentCdf(-1.5, 3) + studentCdf(1.5, 3)).toBeCloseTo(1, 10);
    expect(() => studentQuantile(0.3, 4)).toThrow(/p = 0.3/);
    expect(() => studentQuantile(0.95, 0)).toThrow(/df/);
  });
});
