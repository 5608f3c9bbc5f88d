import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { countPrior, drawScene, OBJECT_COUNT, OBJECTS, priorLogProbs, themeOf } from './world';

describe('ObjectWorld', () => {
  const rng = RngStream.fromSeed(9);
  const scenes = Array.from({ length: 4000 }, () => drawScene(0.9, rng));
  it('draws 1–4 distinct objects, nine in ten from the scene’s theme', () => {
    expect(scenes.every((s) => s.objects.length >= 1 && s.objects.length <= 4 && new Set(s.objects).size === s.objects.length)).toBe(true);
    const all = scenes.flatMap((s) => s.objects.map((o) => themeOf(o) === s.theme));
    // 0.9 from the theme, plus a quarter of the other 0.1 by chance, less duplicates redrawn
    const share = all.filter(Boolean).length / all.length;
    expect(share).toBeGreaterThan(0.88);
    expect(share).toBeLessThan(0.95);
  });
  it('its prior is a distribution that, after “fork”, prefers kitchen objects', () => {
    const prior = countPrior(scenes);
    const out = new Float64Array(OBJECT_COUNT);
    for (const mentioned of [[], [OBJECTS.indexOf('fork')], [1, 1, 9]]) expect(priorLogProbs(prior, mentioned, out).reduce((s, v) => s + Math.exp(v), 0)).toBeCloseTo(1, 12);
    priorLogProbs(prior, [OBJECTS.indexOf('fork')], out);
    expect(out[OBJECTS.indexOf('knife')]).toBeGreaterThan(out[OBJECTS.indexOf('bus')] + 1.5);
  });
});
