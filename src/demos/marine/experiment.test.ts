import { describe, expect, it } from 'vitest';
import { parseParams } from '../../lib/params';
import { runMarine } from './experiment';
import { MAP_FALSE_POSITIVES, MAP_RECALLS, SWEEP_GAMMAS } from './jobs';
import { marineSchema } from './params';
import { tutorial } from './tutorial';

const env = { device: null, info: { path: 'cpu' as const, tfBackend: 'cpu', adapter: null, software: false, reason: 'unit test' } };
const params = (raw: Record<string, unknown>) => parseParams(marineSchema, { replicates: 2, scenes: 100, trained: 'off', parallel: 'main', ...raw }).values;

describe('the MARINE demo run', () => {
  it('fills every series the view reads, and the same seed gives the same numbers', { timeout: 60_000 }, async () => {
    const r = await runMarine(params({ gamma: 0.6 }), env);
    expect(r.series.gammaSweep.map((row) => row.gamma)).toEqual([...SWEEP_GAMMAS, 0.6].sort((a, b) => a - b));
    expect(r.series.detectorMap).toHaveLength(MAP_RECALLS.length * MAP_FALSE_POSITIVES.length);
    expect(r.series.popeSplits.map((row) => row.split)).toEqual(['random', 'random', 'popular', 'popular', 'adversarial', 'adversarial']);
    expect(r.series.examples).toHaveLength(8);
    expect(r.series.perReplicate).toHaveLength(2);
    const again = await runMarine(params({ gamma: 0.6 }), env);
    expect(again.series).toEqual(r.series);
    expect(again.claims).toEqual(r.claims);
    const other = await runMarine(params({ gamma: 0.6, seed: 2 }), env);
    expect(other.metrics.vanillaChairI).not.toBe(r.metrics.vanillaChairI);
  });

  it('has a tutorial of 4–8 steps, each with a check', () => {
    expect(tutorial.length).toBeGreaterThanOrEqual(4);
    expect(tutorial.length).toBeLessThanOrEqual(8);
    for (const step of tutorial) expect(step.expect, step.title).toBeDefined();
  });
});
