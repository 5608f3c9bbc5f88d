// Small summaries used by several demos' claim checks and bands.

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
