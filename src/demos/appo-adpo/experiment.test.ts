import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseParams } from '../../lib/params';
import type { AdpoCheckpoint } from './adpo';
import { GAMMAS, marginHistogram, runAppoAdpo, tuneGamma } from './experiment';
import type { AdpoSummary } from './jobs';
import { appoAdpoSchema } from './params';
import { tutorial } from './tutorial';

const env = { device: null, info: { path: 'cpu' as const, tfBackend: 'wasm', adapter: null, software: false, reason: 'unit test' } };
const params = (raw: Record<string, unknown>) => {
  const { values, issues } = parseParams(appoAdpoSchema, raw);
  expect(issues).toEqual([]);
  return values;
};
const SMALL = { replicates: 2, horizon: 300, pairs: 500, lm: 'off' };
/** The language-model tier at a size that runs in seconds (its defaults run for minutes). */
const SMALL_LM = { ...SMALL, lm: 'on', lmReplicates: 2, lmStreamPairs: 64, lmSftSteps: 5, lmHeldOut: 32 };

beforeAll(async () => {
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
});

describe('the APPO / ADPO demo run', () => {
  it('runs both tiers at a small size: every claim row, the series the views read, the same numbers again from the same seed', { timeout: 120_000 }, async () => {
    const r = await runAppoAdpo(params(SMALL), env);
    expect(r.claims.map((c) => [c.id, c.kind])).toEqual([
      ['appo-fewer-queries', 'paper'],
      ['appo-queries-logarithmic', 'paper'],
      ['adpo-fewer-queries', 'paper'],
      ['adpo-small-gamma-falls-behind', 'limit'],
      ['uniform-policy-half', 'sanity'],
      ['adpo-flag-rule', 'sanity'],
      ['appo-mle-converged', 'sanity'],
    ]);
    for (const id of ['adpo-flag-rule', 'appo-mle-converged', 'uniform-policy-half']) expect(r.claims.find((c) => c.id === id)?.passed, id).toBe(true);
    expect(r.series.appoCurves.at(-1)?.t).toBe(300);
    // always-query asks every round
    expect(r.series.appoCurves.at(-1)?.['queries: always query']).toBe(300);
    expect(r.series.gammaSweep?.map((row) => row.gamma)).toEqual([...GAMMAS]);
    expect(r.series.marginHistogram?.reduce((a, b) => a + b.count, 0)).toBe(500);
    expect(GAMMAS).toContain(r.metrics.tunedGamma);
    expect(r.metrics.shownGamma).toBe(r.metrics.tunedGamma);
    const again = await runAppoAdpo(params(SMALL), env);
    expect(again.series).toEqual(r.series);
    expect(again.claims).toEqual(r.claims);
  });

  it('runs the language-model tier on the CPU path with the op chain: its claim over both replicates, the first replicate’s curves (reproducibility: lmTier.test.ts)', { timeout: 300_000 }, async () => {
    const a = await runAppoAdpo(params(SMALL_LM), env);
    const claim = a.claims.find((c) => c.id === 'adpo-lm-fewer-queries');
    expect(claim?.kind).toBe('paper');
    expect(claim?.spread?.replicates).toBe(2);
    // the fused kernel's sanity row only where the kernel runs (WebGPU)
    expect(a.claims.some((c) => c.id === 'lm-loss-kernel-matches-chain')).toBe(false);
    expect(new Set(a.series.lmWinVsQueries?.map((r) => r.method))).toEqual(new Set(['dpo', 'adpo', 'adpo-no-pl']));
    expect(a.series.lmWinVsQueries?.filter((r) => r.method === 'dpo').at(-1)?.queries).toBe(64);
    expect(a.timing.label).toContain('language model: CPU path');
  });

  it('tunes γ to the fewest queries among the γ that end within 0.01 of DPO, else the largest', () => {
    const run = (final: number, perStep: number): AdpoSummary => ({
      checkpoints: Array.from({ length: 11 }, (_, i): AdpoCheckpoint => ({ pairsSeen: i * 100, queries: i * perStep, winRate: 0.5 + (final - 0.5) * Math.min(1, i / 5), pseudoLabels: 0, wrongPseudoLabels: 0, pseudoLabelsAgainstTruth: 0 })),
      margins: null,
    });
    const dpo = [run(0.7, 100)];
    // γ = 0.1 asks least but ends 0.03 below; γ = 0.25 asks 40 a step and ends level
    const byGamma = [[run(0.67, 10)], [run(0.7, 40)], [run(0.7, 60)], [run(0.7, 100)], [run(0.7, 100)]];
    expect(tuneGamma(dpo, byGamma)).toBe(0.25);
    expect(tuneGamma(dpo, byGamma.map(() => [run(0.65, 10)]))).toBe(GAMMAS.at(-1));
  });

  it('bins every margin, the ±γ band marked as queried', () => {
    const bins = marginHistogram([-2, -0.05, 0, 0.05, 1, 3], 0.1);
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(6);
    expect(bins.filter((b) => b.queried).every((b) => Math.abs(b.margin) <= 0.1)).toBe(true);
    expect(bins.filter((b) => b.queried).reduce((a, b) => a + b.count, 0)).toBe(3);
  });

  it('has a tutorial of 4–8 steps, each with a check', () => {
    expect(tutorial.length).toBeGreaterThanOrEqual(4);
    expect(tutorial.length).toBeLessThanOrEqual(8);
    for (const step of tutorial) expect(step.expect, step.title).toBeDefined();
  });
});
