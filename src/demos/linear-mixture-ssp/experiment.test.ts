import { describe, expect, it } from 'vitest';
import { FULL_RADIUS_SCALES, runLinearMixtureSsp, TUNING_SCALES, TUNING_SEEDS, type LinearMixtureSspResults } from './experiment';
import { parseParams } from '../../lib/params';
import { linearMixtureSspSchema, refineLinearMixtureSspParams } from './params';
import { tutorial } from './tutorial';

const env = { info: { path: 'cpu' as const, tfBackend: 'cpu', adapter: null, software: false, reason: 'unit test' } };
const params = (raw: Record<string, unknown>) => {
  const { values, issues } = parseParams(linearMixtureSspSchema, raw, refineLinearMixtureSspParams);
  expect(issues).toEqual([]);
  return values;
};

describe('the linear-mixture SSP demo run', () => {
  it('at the defaults (without the scale sweep) every claim passes, the B* sweep gives the variance-aware set the smaller slope, and the views get their series', async () => {
    const r = await runLinearMixtureSsp(params({ scaleSweep: 'off' }), env);
    expect(r.claims.map((c) => [c.id, c.kind, c.passed])).toEqual([
      ['variance-aware-beats-hoeffding', 'paper', true],
      ['regret-sublinear', 'paper', true],
      ['slope-gap', 'paper', true],
      ['optimal-cost-matches', 'sanity', true],
    ]);
    for (const c of r.claims.filter((c) => c.kind === 'paper')) expect(c.spread?.replicates, c.id).toBe(5);
    expect(r.series.regretVsK).toHaveLength(100);
    expect(r.series.regretVsBStar?.map((row) => row.delta)).toEqual([0.2, 0.1, 0.05, 0.025]);
    expect(r.metrics.varianceAwareSlope).toBeLessThan(r.metrics.hoeffdingSlope ?? -Infinity);
    expect(r.metrics.randomRegret).toBeGreaterThan(r.metrics.hoeffdingRegret);
    expect(r.metrics.cappedEpisodes).toBe(0);
    expect(r.metrics.bStar).toBeCloseTo(1 / 0.035, 8);
    expect(r.series.tuningVsScale).toBeUndefined();
  }, 240_000);

  it('the tuning sweep: each learner on its own grid with its own seeds, then at its chosen scale on the run’s seeds, and the rows that read them', async () => {
    const r = await runLinearMixtureSsp(params({ sweep: 'off', episodes: 200, seeds: 2 }), env);
    const rows = r.series.tuningVsScale ?? [];
    expect(rows.filter((row) => row.hoeffding !== undefined).map((row) => row.scale)).toEqual([...TUNING_SCALES]);
    expect(rows.filter((row) => row.varianceAwareLeading !== undefined).map((row) => row.scale)).toEqual([...TUNING_SCALES]);
    expect(rows.filter((row) => row.varianceAwareFull !== undefined).map((row) => row.scale)).toEqual([...FULL_RADIUS_SCALES]);
    expect(r.claims.map((c) => [c.id, c.kind])).toEqual([
      ['variance-aware-beats-tuned-hoeffding', 'paper'],
      ['variance-aware-beats-hoeffding', 'paper'],
      ['variance-aware-beats-hoeffding-loose-bound', 'paper'],
      ['regret-sublinear', 'paper'],
      ['no-advantage-at-theory-scale', 'limit'],
      ['optimal-cost-matches', 'sanity'],
    ]);
    const tuned = r.claims[0];
    expect(tuned.spread?.replicates).toBe(2);
    expect(tuned.statement).toContain(`chosen on ${TUNING_SEEDS} separate tuning seeds`);
    expect(r.series.ratioVsBoundHint?.map((row) => row.factor)).toEqual([0.5, 1, 2]);
  }, 240_000);

  it('the learners are told B = boundFactor·B*: a wrong hint changes what they do, not the instance', async () => {
    const exact = await runLinearMixtureSsp(params({ sweep: 'off', scaleSweep: 'off', episodes: 200, seeds: 2 }), env);
    const doubled = await runLinearMixtureSsp(params({ sweep: 'off', scaleSweep: 'off', episodes: 200, seeds: 2, boundFactor: 2 }), env);
    expect(doubled.metrics.bStar).toBe(exact.metrics.bStar);
    expect(doubled.metrics.optimalMeanCost).toBe(exact.metrics.optimalMeanCost);
    expect(doubled.metrics.varianceAwarePseudoRegret).not.toBe(exact.metrics.varianceAwarePseudoRegret);
  }, 240_000);

  it('the gridworld: the perturbed-cost baseline runs beside the two sets, the general checks pass, and a wrong d is named', async () => {
    const r = await runLinearMixtureSsp(params({ instance: 'gridworld', episodes: 300, seeds: 2 }), env);
    expect(r.series.tuningVsScale).toBeUndefined();
    expect(r.series.regretVsK[0]).toHaveProperty('hoeffding-perturbedMean');
    expect(r.claims.map((c) => c.id)).toEqual(['regret-sublinear', 'optimal-cost-matches']);
    expect(r.claims.find((c) => c.id === 'optimal-cost-matches')?.passed).toBe(true);
    expect(r.metrics.states).toBe(16);
    const fromLink = parseParams(linearMixtureSspSchema, { instance: 'gridworld', dim: '2' }, refineLinearMixtureSspParams);
    expect(fromLink.issues.map((i) => i.message)).toEqual(['the gridworld mixes d = 3, 4 or 5 base kernels (got d = 2); using dim = 4']);
    await expect(runLinearMixtureSsp({ ...params({ instance: 'gridworld' }), dim: 2 }, env)).rejects.toThrow(/d = 3, 4 or 5/);
  });

  it('regret vs d runs d = 2 … 6', async () => {
    const r = await runLinearMixtureSsp(params({ sweep: 'off', scaleSweep: 'off', dSweep: 'on', episodes: 200, seeds: 1 }), env);
    expect(r.series.regretVsD?.map((row) => row.actions)).toEqual([2, 4, 8, 16, 32]);
  });

  it('shows the shown instance’s curves while the sweeps still run', async () => {
    const partials: LinearMixtureSspResults[] = [];
    const r = await runLinearMixtureSsp(params({ episodes: 200, seeds: 2, scaleSweep: 'off' }), env, { onPartial: (p) => partials.push(p) });
    expect(partials).toHaveLength(1);
    expect(partials[0].series.regretVsK).toEqual(r.series.regretVsK);
    expect(partials[0].series.regretVsBStar).toBeUndefined();
  });

  it('says what is wrong with a gap that would make a probability negative', async () => {
    const fromLink = parseParams(linearMixtureSspSchema, { delta: '0.02', gap: '0.03' }, refineLinearMixtureSspParams);
    expect(fromLink.issues).toEqual([{ field: 'gap', message: expect.stringMatching(/must be below δ = 0.02.*; using gap = 0.008$/) }]);
    expect(fromLink.values.gap).toBe(0.008);
    // called directly, past the parameter checks, the run itself refuses
    await expect(runLinearMixtureSsp({ ...params({}), delta: 0.02, gap: 0.03 }, env)).rejects.toThrow(/must be below δ/);
  });

  it('is reproducible', async () => {
    const a = await runLinearMixtureSsp(params({ sweep: 'off', scaleSweep: 'off', episodes: 200, seeds: 2 }), env);
    const b = await runLinearMixtureSsp(params({ sweep: 'off', scaleSweep: 'off', episodes: 200, seeds: 2 }), env);
    expect(a.series).toEqual(b.series);
  });

  it('every tutorial step states its parameters in the schema', () => {
    const keys = Object.keys(params({}));
    for (const step of tutorial) for (const k of Object.keys(step.params)) expect(keys).toContain(k);
  });
});
