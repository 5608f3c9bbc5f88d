import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseParams } from '../../lib/params';
import { CLAIM_ITERATION } from './claims';
import { computeSpinDiffusion, resolveBudget, runSpinDiffusion } from './experiment';
import { spinDiffusionSchema } from './params';
import { tutorial } from './tutorial';

const env = { device: null, info: { path: 'cpu' as const, tfBackend: 'wasm', adapter: null, software: false, reason: 'unit test' } };
const params = (raw: Record<string, unknown>) => {
  const { values, issues } = parseParams(spinDiffusionSchema, raw);
  expect(issues).toEqual([]);
  return values;
};
const QUICK = { budget: 'quick', replicates: 2, dataPerPrompt: 300, thread: 'main' };

beforeAll(async () => {
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
});

describe('the SPIN-Diffusion demo run', () => {
  it('runs at the quick-look budget: every claim row, the series and samples the view reads, no tensor left (a replicate is reproducible: training.test.ts)', { timeout: 120_000 }, async () => {
    const before = tf.memory().numTensors;
    const partial: number[] = [];
    const a = await runSpinDiffusion(params(QUICK), env, { onPartial: (r) => partial.push(r.metrics.replicatesDone) });
    expect(tf.memory().numTensors).toBe(before);
    expect(partial).toEqual([1]);
    expect(a.claims.map((c) => [c.id, c.kind])).toEqual([
      ['precision-vs-continued', 'paper'],
      ['modes-and-spread', 'paper'],
      ['iterations-improve', 'paper'],
      ['log2-at-opponent', 'sanity'],
      ['sft-plateau', 'sanity'],
      ['underfit-continued-wins', 'limit'],
    ]);
    expect(a.claims.find((c) => c.id === 'log2-at-opponent')!.passed).toBe(true);
    expect(a.claims[0].spread?.replicates).toBe(2);
    expect(a.claims[0].note).toMatch(/Quick-look/);
    expect(a.series.iterations.map((r) => r.iteration)).toEqual([0, 1, 2]);
    expect(a.series.perPrompt.map((r) => r.method)).toEqual(['SFT', 'SFT', 'SFT', 'SPIN-Diffusion', 'SPIN-Diffusion', 'SPIN-Diffusion', 'SFT continued', 'SFT continued', 'SFT continued']);
    expect(Object.keys(a.matrices).sort()).toEqual(['continued-0', 'continued-1', 'continued-2', 'paths', 'spin-0', 'spin-1', 'spin-2']);
    expect(a.matrices['spin-2'].rows).toBe(3 * 300);
    expect(a.matrices.paths.rows).toBe(41);
  });

  it('picks the full budget only where the network trains on a hardware GPU', () => {
    const p = params({});
    expect(resolveBudget(p, env)).toBe('reduced');
    expect(resolveBudget(p, { device: {} as GPUDevice, info: { ...env.info, path: 'webgpu-software', software: true } })).toBe('reduced');
    expect(resolveBudget(p, { device: {} as GPUDevice, info: { ...env.info, path: 'webgpu-hardware', software: false } })).toBe('full');
    expect(resolveBudget(params({ budget: 'quick' }), env)).toBe('quick');
  });

  it('reads the claims at iteration 2, or at the last one when a run stops earlier', async () => {
    expect(CLAIM_ITERATION).toBe(2);
    const r = await computeSpinDiffusion(params({ ...QUICK, replicates: 1, iterations: 1 }), env);
    expect(r.claims[0].statement).toMatch(/at iteration 1 /);
    expect(r.notes.at(-1)).toMatch(/stops at 1/);
  }, 60_000);

  it('has tutorial steps whose parameters are all valid', () => {
    for (const step of tutorial) expect(parseParams(spinDiffusionSchema, step.params as Record<string, unknown>).issues, step.title).toEqual([]);
  });

  it('refuses a bad drawing, naming the field', () => {
    const { issues } = parseParams(spinDiffusionSchema, { drawing: 'AB' });
    expect(issues[0].message).toMatch(/Drawn shape \(drawing\) stroke 1 has 1 point/);
  });
});
