// DNDM's de-randomised transition times (Chen et al., NeurIPS 2024): each token n gets one time
// τ_n at which it leaves the mask; the reverse sampler calls the network only at the distinct τ's,
// so NFE = |{τ_n}| ≤ min(T, N). The schedules follow the authors' code (docs/research/discrete_diffusion.md §2.3).

import type { RngStream } from '../../lib/rng';

export type TransitionSchedule =
  | { kind: 'beta'; alpha: number; beta: number }
  | { kind: 'uniform' }
  | { kind: 'cosine'; s?: number };

/** The code's training horizon: below T_TRAIN/2 steps the Beta schedule is binned from its CDF. */
export const T_TRAIN = 50;

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), |error| < 1e-13 for x > 0.
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

export function betaPdf(x: number, alpha: number, beta: number): number {
  if (x <= 0 || x >= 1) return (x === 0 && alpha === 1) || (x === 1 && beta === 1) ? Math.exp(logGamma(alpha + beta) - logGamma(alpha) - logGamma(beta)) : 0;
  return Math.exp((alpha - 1) * Math.log(x) + (beta - 1) * Math.log(1 - x) + logGamma(alpha + beta) - logGamma(alpha) - logGamma(beta));
}

/** Beta CDF by Simpson's rule on a fine grid (α, β ≥ 1 here; 4 096 panels give ~1e-9). */
export function betaCdf(x: number, alpha: number, beta: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const panels = 4096;
  const h = x / panels;
  let s = betaPdf(0, alpha, beta) + betaPdf(x, alpha, beta);
  for (let i = 1; i < panels; i++) s += (i % 2 === 1 ? 4 : 2) * betaPdf(i * h, alpha, beta);
  return (s * h) / 3;
}

/**
 * P(τ = t) for t = 1..T (index t−1). Beta: for T ≥ T_TRAIN/2 the code draws τ − 1 ~ Cat(p) with
 * p_k ∝ BetaPDF(k/(T−1)); below that it bins a continuous Beta draw, i.e. CDF differences.
 * Uniform: 1/T each. Cosine: the cosine-α schedule's decrements (s = 0.08).
 */
export function transitionTimeDistribution(schedule: TransitionSchedule, T: number): Float64Array {
  const p = new Float64Array(T);
  if (schedule.kind === 'uniform') {
    p.fill(1 / T);
    return p;
  }
  if (schedule.kind === 'cosine') {
    const s = schedule.s ?? 0.08;
    const f = (u: number) => Math.cos(((u + s) / (1 + s)) * (Math.PI / 2)) ** 2;
    for (let k = 0; k < T; k++) p[k] = f(k / T) - f((k + 1) / T);
  } else if (T < T_TRAIN / 2) {
    for (let k = 0; k < T; k++) p[k] = betaCdf((k + 1) / T, schedule.alpha, schedule.beta) - betaCdf(k / T, schedule.alpha, schedule.beta);
  } else {
    for (let k = 0; k < T; k++) p[k] = betaPdf(T === 1 ? 0.5 : k / (T - 1), schedule.alpha, schedule.beta);
  }
  const total = p.reduce((a, b) => a + b, 0);
  for (let k = 0; k < T; k++) p[k] /= total;
  return p;
}

/** E[NFE] = Σ_t 1 − (1 − p_t)^N: the expected number of distinct transition times among N tokens. */
export function expectedNfe(schedule: TransitionSchedule, N: number, T: number): number {
  let e = 0;
  for (const pt of transitionTimeDistribution(schedule, T)) e += 1 - Math.pow(1 - pt, N);
  return e;
}

/**
 * Var[NFE], exactly: with a_t = (1 − p_t)^N the chance that no token lands on t,
 * Var = Σ_t a_t(1 − a_t) + Σ_{s≠t} ((1 − p_s − p_t)^N − a_s a_t). The occupancy indicators are
 * negatively correlated, so this is well below the Σ a(1 − a) one would get from independence.
 */
export function nfeVariance(schedule: TransitionSchedule, N: number, T: number): number {
  const p = transitionTimeDistribution(schedule, T);
  const a = p.map((pt) => Math.pow(1 - pt, N));
  let v = 0;
  for (let t = 0; t < T; t++) {
    v += a[t] * (1 - a[t]);
    for (let s = t + 1; s < T; s++) v += 2 * (Math.pow(Math.max(0, 1 - p[s] - p[t]), N) - a[s] * a[t]);
  }
  return Math.max(0, v);
}

/** N discrete transition times in 1..T, drawn from the schedule. */
export function sampleTransitionTimes(schedule: TransitionSchedule, N: number, T: number, rng: RngStream): Int32Array {
  const p = transitionTimeDistribution(schedule, T);
  const cdf = new Float64Array(T);
  let acc = 0;
  for (let k = 0; k < T; k++) cdf[k] = acc += p[k];
  const tau = new Int32Array(N);
  for (let n = 0; n < N; n++) {
    const u = rng.uniform() * acc;
    let lo = 0;
    let hi = T - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    tau[n] = lo + 1;
  }
  return tau;
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), boosted for shape < 1. */
export function sampleGamma(shape: number, rng: RngStream): number {
  if (shape < 1) return sampleGamma(shape + 1, rng) * Math.pow(rng.uniform() || Number.MIN_VALUE, 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = rng.uniform();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function sampleBeta(alpha: number, beta: number, rng: RngStream): number {
  const x = sampleGamma(alpha, rng);
  const y = sampleGamma(beta, rng);
  return x / (x + y);
}

/** DNDM-C: continuous transition times in (0, 1), all distinct with probability one: NFE = N. */
export function sampleContinuousTransitionTimes(alpha: number, beta: number, N: number, rng: RngStream): Float64Array {
  return Float64Array.from({ length: N }, () => sampleBeta(alpha, beta, rng));
}

/** The distinct times, latest first: the order in which the reverse sampler visits them. */
export function distinctTimesDescending(tau: ArrayLike<number>): number[] {
  return Array.from(new Set(Array.from(tau))).sort((a, b) => b - a);
}
