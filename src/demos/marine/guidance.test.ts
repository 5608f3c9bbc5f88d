import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { logSoftmax, mixGuidance, sampleToken } from './guidance';

describe('MARINE’s guidance mix', () => {
  const u = [1.2, -0.3, 0.4, -2];
  const g = [0.1, 1.5, -1, 0.3];
  it('is the vanilla model at γ = 0, the guided branch at γ = 1, and log_softmax(γ·(g − u) + u) between and beyond', () => {
    const lu = logSoftmax(u);
    const lg = logSoftmax(g);
    expect([...mixGuidance(u, g, 0)].map((v, i) => v - lu[i]).every((d) => Math.abs(d) < 1e-12)).toBe(true);
    expect([...mixGuidance(u, g, 1)].map((v, i) => v - lg[i]).every((d) => Math.abs(d) < 1e-12)).toBe(true);
    for (const gamma of [0.3, 0.7, 1.5]) {
      // by hand: the unnormalised mix, then one log-sum-exp
      const raw = lu.map((x, i) => gamma * (lg[i] - x) + x);
      const logZ = Math.log(raw.reduce((s, v) => s + Math.exp(v), 0));
      const mixed = mixGuidance(u, g, gamma);
      raw.forEach((v, i) => expect(mixed[i]).toBeCloseTo(v - logZ, 12));
    }
  });

  it('is a geometric interpolation: odds 1:1 and 3:1 mix to √3:1 at γ = ½, and extrapolate to 9:1 at γ = 2', () => {
    const half = mixGuidance([0, 0], [Math.log(3), 0], 0.5);
    expect(Math.exp(half[0] - half[1])).toBeCloseTo(Math.sqrt(3), 12);
    const two = mixGuidance([0, 0], [Math.log(3), 0], 2);
    expect(Math.exp(two[0] - two[1])).toBeCloseTo(9, 10);
  });
});

describe('decoding with temperature and top-p', () => {
  const logProbs = Float64Array.from([0.5, 0.3, 0.15, 0.05], Math.log);
  it('never samples outside the nucleus, and samples inside it in proportion', () => {
    const rng = RngStream.fromSeed(4);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[sampleToken(logProbs, { temperature: 1, topP: 0.75 }, rng)]++;
    expect(counts[2] + counts[3]).toBe(0);
    expect(counts[0] / 4000).toBeGreaterThan(0.58);
    expect(counts[0] / 4000).toBeLessThan(0.67); // 0.5 / 0.8 = 0.625: the nucleus is the first two (0.5 < 0.75 ≤ 0.8)
  });
  it('at top-p 1 every token can come, and a low temperature nearly always picks the most likely', () => {
    const rng = RngStream.fromSeed(5);
    const all = new Set(Array.from({ length: 2000 }, () => sampleToken(logProbs, { temperature: 1, topP: 1 }, rng)));
    expect([...all].sort()).toEqual([0, 1, 2, 3]);
    const cold = Array.from({ length: 500 }, () => sampleToken(logProbs, { temperature: 0.05, topP: 1 }, rng));
    expect(cold.filter((t) => t === 0).length).toBeGreaterThan(495);
  });
});
