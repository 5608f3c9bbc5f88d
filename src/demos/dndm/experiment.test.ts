import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDndmAssets } from '../../testing/dndmAssets';
import type { DndmAssets } from './assets';
import { runDndm, sweepGrid, type DndmEnv } from './experiment';
import { parseParams } from '../../lib/params';
import { dndmSchema } from './params';

let assets: DndmAssets;
const env = (): DndmEnv => ({ device: null, info: { path: 'cpu', tfBackend: tf.getBackend(), adapter: null, software: false, reason: 'unit test' } });

beforeAll(async () => {
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
  assets = readDndmAssets();
});

describe('the DNDM demo run (shipped model, CPU path)', () => {
  it('adds the shown T to the sweep and puts ∞ last', () => {
    const p = (raw: Record<string, unknown>) => parseParams(dndmSchema, raw).values;
    expect(sweepGrid(p({}))).toEqual([25, 50, 100, 1000, Infinity]);
    expect(sweepGrid(p({ steps: 30, sweep: 'short' }))).toEqual([25, 30, 50, 100, Infinity]);
    expect(sweepGrid(p({ steps: 30, sweep: 'off' }))).toEqual([30]);
  });

  it('records NFE, time, quality and the step-by-step view, reproducibly', async () => {
    const params = parseParams(dndmSchema, { sweep: 'off', steps: 20, seeds: 2, samples: 2, seed: 4 }).values;
    const a = await runDndm(params, env(), {}, assets);
    const b = await runDndm(params, env(), {}, assets);
    expect(a.series.samples).toEqual(b.series.samples);
    const [row] = a.series.nfe;
    expect(row.steps).toBe(20);
    expect(row.baseline).toBe(20);
    expect(row.dndmMean).toBeLessThanOrEqual(20);
    expect(a.series.runs).toHaveLength(4); // 2 seeds × (RDM-k, DNDM-k)
    expect(a.claims.map((c) => c.id)).toEqual(['nfe-matches-formula']);
    expect(a.claims[0].passed).toBe(true);
    // the trajectory starts all-masked, ends with none, and has one frame per network call + 1
    const traj = a.series.trajectory ?? [];
    expect(traj[0]?.masked).toBe(64);
    expect(traj.at(-1)?.masked).toBe(0);
    expect(a.metrics.shownNfeDndm).toBeDefined();
    expect(traj).toHaveLength(a.metrics.shownNfeDndm! + 1);
    expect(a.series.tau).toHaveLength(20);
    expect((a.series.tau ?? []).reduce((s, r) => s + r.sampledTokens, 0)).toBe(64);
    expect(a.metrics.realTextPerplexity).toBeLessThan(10);
    expect(a.metrics.heldOutLoss).toBe(assets.manifest.training.finalHeldOutLoss);
    expect(a.metrics.parameters).toBeGreaterThan(50_000);
  });
});
