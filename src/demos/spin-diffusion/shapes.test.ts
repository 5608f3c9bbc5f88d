import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { starStrokes } from './drawing';
import { logDensity, makeShape, modeCount, PROMPTS, sampleShape, scoreSamples, winRate } from './shapes';

describe('2-D shapes', () => {
  it('has a true density that integrates to 1 (ring and a curve)', () => {
    for (const prompt of ['ring', 'moons'] as const) {
      const shape = makeShape(prompt, 0.15, []);
      const h = 0.025;
      let mass = 0;
      for (let x = -4; x <= 4; x += h) for (let y = -4; y <= 4; y += h) mass += Math.exp(logDensity(shape, x, y)) * h * h;
      expect(mass).toBeCloseTo(1, 3);
    }
  });

  it('scores the data itself as precise, with every mode kept and the spread of its σ', () => {
    for (const prompt of PROMPTS) {
      const shape = makeShape(prompt, 0.08, starStrokes());
      expect(modeCount(shape)).toBe(8);
      const scores = scoreSamples(shape, sampleShape(shape, 4000, RngStream.fromSeed(3).split(prompt)));
      expect(scores.precision).toBeGreaterThan(0.98);
      expect(scores.modesKept).toBe(8);
      // a 2-D Gaussian around a point: RMS distance σ√2; around a curve only the normal offset counts: about σ
      expect(scores.inModeSpread).toBeGreaterThan(prompt === 'ring' ? 0.1 : 0.065);
      expect(scores.inModeSpread).toBeLessThan(prompt === 'ring' ? 0.12 : 0.09);
    }
  });

  it('finds collapse and spread-out samples: a dropped mode, points off the shape', () => {
    const ring = makeShape('ring', 0.08, []);
    const data = sampleShape(ring, 4000, RngStream.fromSeed(4));
    // move every point of the mode at angle 0 (x ≈ 2, y ≈ 0) onto its neighbour at 45°
    const collapsed = data.slice();
    for (let i = 0; i < collapsed.length; i += 2) {
      if (collapsed[i] > 1.5 && Math.abs(collapsed[i + 1]) < 0.5) [collapsed[i], collapsed[i + 1]] = [Math.SQRT2, Math.SQRT2];
    }
    expect(scoreSamples(ring, collapsed).modesKept).toBe(7);
    const blurred = data.map((v, i) => v + 0.4 * Math.sin(i * 12.9898));
    const s = scoreSamples(ring, blurred);
    expect(s.precision).toBeLessThan(0.6);
    expect(s.logDensity).toBeLessThan(scoreSamples(ring, data).logDensity - 1);
  });

  it('counts wins pair by pair, ties as halves', () => {
    expect(winRate(Float64Array.from([1, 2, 3, 4]), Float64Array.from([0, 2, 5, 1]))).toBe(0.625);
  });
});
