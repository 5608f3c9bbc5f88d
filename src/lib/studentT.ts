// Student's t quantiles for intervals over a handful of replicates (5 seeds: t(0.975, 4) = 2.78,
// not the normal 1.96). The density is integrated numerically (Simpson) and the quantile found by
// bisection: accurate to ~1e-6, which is plenty for an interval's critical value.

/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9). */
export function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(T ≤ t) for T ~ Student t with df degrees of freedom. */
export function studentCdf(t: number, df: number): number {
  if (t < 0) return 1 - studentCdf(-t, df);
  const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  const density = (x: number) => Math.exp(logNorm - ((df + 1) / 2) * Math.log(1 + (x * x) / df));
  // Simpson on [0, t]; the integrand is smooth and t is a few units at most where it is used
  const n = 2000;
  const h = t / n;
  let sum = density(0) + density(t);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * density(i * h);
  return 0.5 + (sum * h) / 3;
}

/** The p-quantile of Student's t with df degrees of freedom (p in (0.5, 1)). */
export function studentQuantile(p: number, df: number): number {
  if (!(p > 0.5 && p < 1) || !(df >= 1)) throw new Error(`studentQuantile: need 0.5 < p < 1 and df ≥ 1, got p = ${p}, df = ${df}`);
  let low = 0;
  let high = 1;
  while (studentCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (studentCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
