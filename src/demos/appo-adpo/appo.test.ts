import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { runAppo, type AppoOptions } from './appo';

const options = (threshold: number | null): AppoOptions => ({ dim: 4, arms: 6, horizon: 600, lambda: 1, threshold, temperature: 1 });
const cosine = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * b[i], 0) / (Math.hypot(...a) * Math.hypot(...b));

describe('APPO on a linear contextual dueling bandit', () => {
  it('always-query duels every round, and its MLE finds θ*’s direction', () => {
    const run = runAppo(options(null), RngStream.fromSeed(2));
    expect(Array.from(run.queries)).toEqual(Array.from({ length: 600 }, (_, t) => t + 1));
    expect(cosine(run.theta, run.thetaStar)).toBeGreaterThan(0.95);
  });

  it('keeps regret and queries cumulative, and never queries above an unreachable threshold', () => {
    const run = runAppo(options(1e9), RngStream.fromSeed(2));
    expect(run.queries[599]).toBe(0);
    expect(Array.from(run.theta)).toEqual([0, 0, 0, 0]);
    for (let t = 1; t < 600; t++) expect(run.regret[t]).toBeGreaterThanOrEqual(run.regret[t - 1]);
  });

  it('queries less at a higher threshold, on the same contexts', () => {
    const low = runAppo(options(0.5), RngStream.fromSeed(2));
    const high = runAppo(options(4), RngStream.fromSeed(2));
    expect(high.queries[599]).toBeLessThan(low.queries[599]);
    expect(high.thetaStar).toEqual(low.thetaStar);
  });

  it('is reproducible', () => {
    expect(runAppo(options(1), RngStream.fromSeed(5))).toEqual(runAppo(options(1), RngStream.fromSeed(5)));
  });
});
