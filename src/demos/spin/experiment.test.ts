import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSpin, type SpinEnv } from './experiment';
import { parseParams } from '../../lib/params';
import { spinSchema } from './params';
import { tutorial } from './tutorial';

const env = (): SpinEnv => ({ device: null, info: { path: 'cpu', tfBackend: tf.getBackend(), adapter: null, software: false, reason: 'unit test' } });
const params = (raw: Record<string, unknown>) => {
  const { values, issues } = parseParams(spinSchema, raw);
  expect(issues).toEqual([]);
  return values;
};

beforeAll(async () => {
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
});

describe('the SPIN demo run', () => {
  it('at the defaults the tabular claims pass, and the views get their series', async () => {
    const r = await runSpin(params({ lm: 'off' }), env());
    expect(r.claims.map((c) => [c.id, c.passed])).toEqual([
      ['tabular-ll-gain', true],
      ['tabular-discriminability-drop', true],
      ['tabular-kl-beta1', true],
      ['tabular-overshoot-beta01', true],
      ['tabular-loss-log2', true],
    ]);
    expect(r.series.tabularIterations).toHaveLength(4);
    expect(r.series.tabularBars).toHaveLength(3 * 8 * 12);
    expect(r.series.betaSweep[0]).toHaveProperty(['β = 0.1']);
    // each prompt's bars are distributions
    const row0 = r.series.tabularBars.filter((b) => b.iteration === 0 && b.prompt === 0);
    for (const key of ['data', 'model', 'closedForm', 'learnt'] as const) expect(row0.reduce((s, b) => s + b[key], 0)).toBeCloseTo(1, 9);
  });

  it('the tabular claims are not one lucky seed: they hold on seeds 2–5 too', async () => {
    for (const seed of [2, 3, 4, 5]) {
      const r = await runSpin(params({ lm: 'off', seed, iterations: 2 }), env());
      expect(r.claims.filter((c) => !c.passed).map((c) => `${seed}: ${c.id}`)).toEqual([]);
    }
  });

  it('the claims can fail: a maximum-likelihood SFT model leaves SPIN at β = 2 little to gain', async () => {
    const r = await runSpin(params({ lm: 'off', temper: 1 }), env());
    expect(r.claims.find((c) => c.id === 'tabular-ll-gain')?.passed).toBe(false);
  });

  it('runs the language-model tier on the CPU path with the op chain, reproducibly, and reports it', async () => {
    const small = params({ iterations: 1, lmSftPairs: 16, lmSftSteps: 10, lmSteps: 5 });
    const progress: number[] = [];
    const a = await runSpin(small, env(), { onProgress: (f) => progress.push(f) });
    const b = await runSpin(small, env());
    expect(a.series.lmIterations).toEqual(b.series.lmIterations);
    const lm = a.series.lmIterations ?? [];
    expect(lm.map((r) => r.iteration)).toEqual([0, 1]);
    expect(a.series.lmSamples).toHaveLength(12);
    expect(a.claims.find((c) => c.id === 'lm-loss-log2')?.passed).toBe(true);
    const report = a.claims.find((c) => c.id === 'lm-spin-beats-sft')!;
    expect(report.value).toBeCloseTo(lm[1].spinExactMatch - lm[1].sftExactMatch, 12);
    expect(a.timing.label).toMatch(/CPU path/);
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1])).toBe(true);
  });

  it('every tutorial step states its parameters in the schema', () => {
    const keys = Object.keys(params({}));
    for (const step of tutorial) for (const k of Object.keys(step.params)) expect(keys).toContain(k);
  });
});
