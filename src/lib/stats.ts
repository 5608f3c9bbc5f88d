// Small summaries used by several demos' claim checks and bands.

import { studentQuantile } from './studentT';

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Unbiased sample variance (n − 1); NaN below two values. */
export function sampleVariance(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
}

/** Two-sample z statistic of a difference in means (Welch's standard error). */
export function welchZ(a: readonly number[], b: readonly number[]): number {
  const se = Math.sqrt(sampleVariance(a) / a.length + sampleVariance(b) / b.length);
  const diff = mean(a) - mean(b);
  return se === 0 ? (diff === 0 ? 0 : Infinity) : diff / se;
}

/** Least-squares line y = intercept + slope·x (e.g. a log-log slope). */
export function lineFit(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number } {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i] - my);
    sxx += (x - mx) ** 2;
  });
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** Standard error of the mean (sample s.d. / √n); NaN below two values. */
export function standardError(xs: readonly number[]): number {
  return Math.sqrt(sampleVariance(xs) / xs.length);
}

const Z95 = 1.959963984540054; // the Wilson interval's normal quantile

/** Wilson score interval for a binomial proportion k/n (95% by default): stays inside [0, 1] and behaves at k = 0 or n. */
export function wilsonInterval(successes: number, trials: number, z = Z95): { estimate: number; low: number; high: number } {
  if (trials <= 0) return { estimate: NaN, low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Mean with a two-sided Student-t interval (95% by default): mean ± t(1 − (1 − level)/2, n − 1) s.e.
 * The replicates behind a claim are few (3 language-model seeds, 5 seed roots): the normal 1.96
 * would make the interval too narrow (t(0.975, 2) = 4.30). Unbounded below two values.
 */
export function meanInterval(xs: readonly number[], level = 0.95): { estimate: number; low: number; high: number } {
  const m = mean(xs);
  const half = xs.length >= 2 ? studentQuantile(1 - (1 - level) / 2, xs.length - 1) * standardError(xs) : Infinity;
  return { estimate: m, low: m - half, high: m + half };
}

/**
 * Two one-sided tests (TOST) for equivalence of two means within ±margin, Welch standard error and a
 * normal approximation (both samples ≥ 30 in use): equivalent when the 90% interval of the difference
 * a − b lies inside (−margin, margin), i.e. both one-sided tests reject at 5%.
 */
export function tostEquivalence(a: readonly number[], b: readonly number[], margin: number): { difference: number; low: number; high: number; equivalent: boolean } {
  const difference = mean(a) - mean(b);
  const se = Math.sqrt(sampleVariance(a) / a.length + sampleVariance(b) / b.length);
  const z90 = 1.6448536269514722;
  const low = difference - z90 * se;
  const high = difference + z90 * se;
  return { difference, low, high, equivalent: low > -margin && high < margin };
}
