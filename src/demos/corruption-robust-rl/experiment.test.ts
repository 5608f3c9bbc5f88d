import { describe, expect, it } from 'vitest';
import { runCorruptionRobust, type CorruptionRobustResults } from './experiment';
import { parseParams } from '../../lib/params';
import { corruptionRobustSchema } from './params';
import { tutorial } from './tutorial';

const env = { info: { path: 'cpu' as const, tfBackend: 'cpu', adapter: null, software: false, reason: 'unit test' } };
const params = (raw: Record<string, unknown>) => {
  const { values, issues } = parseParams(corruptionRobustSchema, raw);
  expect(issues).toEqual([]);
  return values;
};

describe('the corruption-robust RL demo run', () => {
  it('at the defaults every claim passes, and the views get their series', { timeout: 180_000 }, async () => {
    const r = await runCorruptionRobust(params({}), env);
    expect(r.claims.map((c) => [c.id, c.kind, c.passed])).toEqual([
      ['cr-omle-regret-bounded', 'paper', true],
      ['omle-regret-linear', 'paper', true],
      ['wrong-budget-graceful', 'paper', true],
      ['wrong-budget-narrow', 'limit', true],
      ['weights-cap-corruption', 'paper', true],
      ['no-corruption-no-cost', 'paper', true],
      ['known-c-ties', 'limit', true],
      ['alpha-infinite-identity', 'sanity', true],
      ['offline-pmle-breaks', 'paper', true],
      ['offline-cr-pmle-recovers', 'limit', true],
      ['offline-radius-cost', 'limit', true],
      ['offline-robustness-price', 'limit', true],
    ]);
    // every paper claim carries its spread over the seeds
    for (const c of r.claims.filter((c) => c.kind === 'paper')) expect(c.spread?.replicates, c.id).toBeGreaterThanOrEqual(10);
    expect(r.series.wrongBudget.map((row) => [row.C, row.told])).toEqual([
      [80, 40],
      [80, 160],
      [0, 80],
    ]);
    expect(r.series.rightOptimal?.map((row) => [row.n, row.c])).toEqual([
      [100, 10],
      [400, 10],
    ]);
    expect(r.series.regretVsC.map((row) => row.C)).toEqual([0, 20, 40, 80, 160]);
    expect(r.series.regretVsT).toHaveLength(100);
    expect(r.series.regretVsT.at(-1)!.episode).toBe(800);
    expect(r.series.perSeed).toHaveLength(10);
    // the trace holds every informative sample of seed 1's CR-OMLE run, the corrupted ones first
    const corrupted = r.series.weightTrace.filter((s) => s.corrupted);
    expect(corrupted).toHaveLength(80);
    expect(corrupted.every((s) => s.weight < 1)).toBe(true);
    expect(r.series.offlineGrid).toHaveLength(18);
    expect(r.series.robustnessPrice?.map((row) => row.budget)).toEqual([0, 2, 4, 8, 16, 32]);
  });

  it('shows the online views while the offline part runs, and reports the corruption level in TV', async () => {
    const partials: CorruptionRobustResults[] = [];
    const r = await runCorruptionRobust(params({ seeds: 2, episodes: 200 }), env, { onPartial: (p) => partials.push(p) });
    expect(partials).toHaveLength(1);
    expect(partials[0].series.regretVsC).toEqual(r.series.regretVsC);
    expect(partials[0].series.offlineGrid).toBeUndefined();
    // 80 corrupted right moves, each at TV 0.5·0.99 from the truth
    expect(r.metrics.corruptionTv).toBeCloseTo(80 * 0.5 * 0.99, 9);
  });

  it('is reproducible and the random-times adversary spends its budget too', async () => {
    const a = await runCorruptionRobust(params({ offline: 'off', seeds: 3, episodes: 200, timing: 'random' }), env);
    const b = await runCorruptionRobust(params({ offline: 'off', seeds: 3, episodes: 200, timing: 'random' }), env);
    expect(a.series).toEqual(b.series);
    expect(a.series.regretVsC.find((row) => row.C === 80)!.corruptedMean).toBe(80);
    // the unweighted learner's linear-regret claim is made for first-C timing only; the notes say why
    expect(a.claims.map((c) => c.id)).not.toContain('omle-regret-linear');
    expect(a.notes.some((n) => n.startsWith('Random timing'))).toBe(true);
  });

  it('the mixture MDP: 66 models, only the environment-independent checks, and the weights still cap the corruption', async () => {
    const r = await runCorruptionRobust(params({ environment: 'mixture', offline: 'off', seeds: 3, episodes: 300 }), env);
    expect(r.metrics.models).toBe(66);
    expect(r.claims.map((c) => c.id)).toEqual(['weights-cap-corruption', 'alpha-infinite-identity']);
    expect(r.claims.every((c) => c.passed)).toBe(true);
    expect(r.notes[0]).toContain('mixture MDP');
  });

  it('every tutorial step states its parameters in the schema', () => {
    const keys = Object.keys(params({}));
    for (const step of tutorial) for (const k of Object.keys(step.params)) expect(keys).toContain(k);
  });
});
