import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import {
  betaCdf,
  distinctTimesDescending,
  expectedNfe,
  nfeVariance,
  sampleBeta,
  sampleContinuousTransitionTimes,
  sampleTransitionTimes,
  transitionTimeDistribution,
  type TransitionSchedule,
} from './transitionTimes';

const beta33: TransitionSchedule = { kind: 'beta', alpha: 3, beta: 3 };

describe('DNDM transition-time schedules', () => {
  it('are probability distributions over 1..T', () => {
    for (const schedule of [beta33, { kind: 'uniform' } as const, { kind: 'cosine' } as const, { kind: 'beta', alpha: 17, beta: 4 } as const]) {
      for (const T of [10, 25, 50, 1000]) {
        const p = transitionTimeDistribution(schedule, T);
        expect(p).toHaveLength(T);
        expect(p.every((x) => x >= 0)).toBe(true);
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      }
    }
  });

  it('E[NFE] matches the values computed from the authors’ code (docs/research/discrete_diffusion.md §2.4)', () => {
    // Beta(3,3), N = 64: ≈18.3 at T=25, ≈30.3 at T=50, ≈61.2 at T=1000; uniform N=64: 23.2, 36.3, 62.0
    expect(expectedNfe(beta33, 64, 25)).toBeCloseTo(18.3, 1);
    expect(expectedNfe(beta33, 64, 50)).toBeCloseTo(30.3, 1);
    expect(expectedNfe(beta33, 64, 1000)).toBeCloseTo(61.2, 1);
    expect(expectedNfe({ kind: 'uniform' }, 64, 25)).toBeCloseTo(23.2, 1);
    expect(expectedNfe({ kind: 'uniform' }, 64, 1000)).toBeCloseTo(62.0, 1);
    expect(expectedNfe({ kind: 'beta', alpha: 17, beta: 4 }, 64, 50)).toBeCloseTo(16.8, 1);
  });

  it('sampled τ give a mean NFE within sampling noise of the formula', () => {
    const root = RngStream.fromSeed(3);
    for (const T of [25, 50, 1000]) {
      const draws = 400;
      let total = 0;
      for (let i = 0; i < draws; i++) total += distinctTimesDescending(sampleTransitionTimes(beta33, 64, T, root.split(`${T}-${i}`))).length;
      const expected = expectedNfe(beta33, 64, T);
      // NFE's standard deviation is below 3 here; 4 standard errors of the mean
      expect(Math.abs(total / draws - expected)).toBeLessThan(4 * (3 / Math.sqrt(draws)));
    }
  });

  it('Var[NFE] is exact: a hand-computed case and the spread of sampled NFEs', () => {
    // T = 2, p = (½, ½), N = 2: NFE = 1 or 2 with probability ½ each → variance ¼
    expect(nfeVariance({ kind: 'uniform' }, 2, 2)).toBeCloseTo(0.25, 12);
    const T = 50;
    const draws = 3000;
    const root = RngStream.fromSeed(77);
    const nfes = Array.from({ length: draws }, (_, i) => distinctTimesDescending(sampleTransitionTimes(beta33, 64, T, root.split(i))).length);
    const mean = nfes.reduce((a, b) => a + b, 0) / draws;
    const variance = nfes.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws - 1);
    // the sample variance of 3000 draws is within ~5 % (2.6 s.e.) of the truth
    expect(variance / nfeVariance(beta33, 64, T)).toBeGreaterThan(0.87);
    expect(variance / nfeVariance(beta33, 64, T)).toBeLessThan(1.13);
  });

  it('Beta variates have the right mean and the CDF integrates the density', () => {
    const rng = RngStream.fromSeed(8);
    const n = 20_000;
    let s = 0;
    for (let i = 0; i < n; i++) s += sampleBeta(17, 4, rng);
    expect(s / n).toBeCloseTo(17 / 21, 2);
    expect(betaCdf(0.5, 3, 3)).toBeCloseTo(0.5, 8);
    expect(betaCdf(1, 17, 4)).toBe(1);
  });

  it('continuous times are all distinct (DNDM-C: NFE = N) and visit order is latest first', () => {
    const tau = sampleContinuousTransitionTimes(3, 3, 256, RngStream.fromSeed(1));
    expect(new Set(tau).size).toBe(256);
    expect(distinctTimesDescending([3, 1, 3, 7])).toEqual([7, 3, 1]);
  });
});
