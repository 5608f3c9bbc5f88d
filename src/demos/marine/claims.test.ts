import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { netsFromDisk } from './diskNets';
import { parseParams } from '../../lib/params';
import { runMarine, type MarineResults } from './experiment';
import { marineSchema } from './params';

const env = { device: null, info: { path: 'cpu' as const, tfBackend: 'cpu', adapter: null, software: false, reason: 'unit test' } };
const SMALL = { replicates: 4, scenes: 200, detectorMap: 'off', trained: 'off', parallel: 'main' };
const run = (raw: Record<string, unknown>) => runMarine(parseParams(marineSchema, { ...SMALL, ...raw }).values, env);
const claim = (r: MarineResults, id: string) => {
  const c = r.claims.find((x) => x.id === id);
  if (!c) throw new Error(`no claim ${id}`);
  return c;
};

beforeAll(async () => {
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
});

describe('the MARINE claims', () => {
  it('hold at the defaults (smaller), with every sanity row', { timeout: 60_000 }, async () => {
    const r = await run({});
    expect(r.claims.map((c) => [c.id, c.kind])).toEqual([
      ['chair-cut', 'paper'],
      ['bad-detector-worse', 'paper'],
      ['bad-detector-hurts', 'limit'],
      ['chair-fixture', 'sanity'],
      ['mix-formula', 'sanity'],
      ['captions-not-empty', 'sanity'],
      ['gamma-zero-vanilla', 'sanity'],
    ]);
    // the limit row's effect (+0.05 CHAIR_i) is within the noise of 4 × 200 scenes: it is checked at full size by `npm run claims`
    for (const c of r.claims.filter((x) => x.kind !== 'limit')) expect(c.passed, c.id).toBe(true);
    expect(claim(r, 'chair-cut').spread?.replicates).toBe(4);
  });

  it('fail where they should: at γ = 0 there is no guidance, so nothing is cut and no detector matters', { timeout: 60_000 }, async () => {
    const r = await run({ gamma: 0 });
    expect(claim(r, 'chair-cut')).toMatchObject({ passed: false, value: 1 });
    expect(claim(r, 'bad-detector-worse')).toMatchObject({ passed: false, value: 0 });
    expect(claim(r, 'gamma-zero-vanilla').passed).toBe(true);
  });

  it('fail with the noisy detector on the page: guidance then adds hallucinations and is no better than the noisy reference', { timeout: 60_000 }, async () => {
    const r = await run({ detectorRecall: 0.5, detectorFalsePositives: 0.3 });
    expect(claim(r, 'chair-cut').passed).toBe(false);
    expect(claim(r, 'chair-cut').value).toBeGreaterThan(1);
    expect(claim(r, 'bad-detector-worse').passed).toBe(false);
  });

  it('two detectors ∩ rescue a noisy one: fewer false objects listed, hallucinations cut', { timeout: 60_000 }, async () => {
    const noisy = { detectorRecall: 0.9, detectorFalsePositives: 0.2 };
    const [one, both] = await Promise.all([run(noisy), run({ ...noisy, intersect: 'on' })]);
    expect(both.metrics.detectedFalse).toBeLessThan(one.metrics.detectedFalse / 3);
    expect(both.metrics.guidedChairI).toBeLessThan(one.metrics.guidedChairI);
  });

  it('the trained tier’s fail where they should: at γ = 0 nothing is cut, and a page threshold of 0.05 is the noisy reference itself', { timeout: 120_000 }, async () => {
    const nets = netsFromDisk();
    const trained = (raw: Record<string, unknown>) => runMarine(parseParams(marineSchema, { ...SMALL, replicates: 3, scenes: 60, trained: 'on', trainedScenes: 100, ...raw }).values, env, {}, async () => nets);
    const still = await trained({ gamma: 0 });
    expect(claim(still, 'chair-cut-trained')).toMatchObject({ passed: false, value: 1 });
    expect(claim(still, 'bad-detector-worse-trained')).toMatchObject({ passed: false, value: 0 });
    const noisy = await trained({ detectorThreshold: 0.05 });
    expect(claim(noisy, 'bad-detector-worse-trained')).toMatchObject({ passed: false, value: 0 });
    expect(claim(noisy, 'chair-cut-trained').passed).toBe(false);
    tf.dispose([...nets.captioner.values(), ...nets.detector.values()]);
  });
});
