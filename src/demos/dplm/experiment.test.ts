import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseParams } from '../../lib/params';
import { readDplmAssets } from '../../testing/dplmAssets';
import type { DplmAssets } from './assets';
import { runDplm, type DplmEnv } from './experiment';
import { dplmSchema, refineDplm } from './params';

let assets: DplmAssets;
const env = (): DplmEnv => ({ device: null, info: { path: 'cpu', tfBackend: tf.getBackend(), adapter: null, software: false, reason: 'unit test' } });
// T above N (25 steps for 20 residues, 40 folding steps for the 30-residue chains): the sampler then
// skips the steps where K does not change, which the NFE claim checks
const small = (raw: Record<string, unknown>) => {
  const { values, issues } = parseParams(dplmSchema, { seed: 3, length: 20, samples: 2, replicates: 2, steps: 25, foldSteps: 40, target: 'typed', targetSs: 'CHHHHHHHHHHHHHHC', scaffoldLength: 32, motif: 'KVADA/HAHKL', motifStarts: '6,20', ...raw }, refineDplm);
  expect(issues).toEqual([]);
  return values;
};

beforeAll(async () => {
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
  assets = readDplmAssets();
});

describe('the DPLM demo run (shipped models, CPU path)', () => {
  it('generates unconditionally, around a motif and under guidance, reproducibly, with the sanity claims holding', async () => {
    const params = small({ structure: 'off', probe: 'off' });
    const a = await runDplm(params, env(), {}, assets);
    expect(a.claims.map((c) => c.id)).toEqual(['guidance-raises-ss-agreement', 'gumbel-resampling-fewer-repeats', 'guidance-composition-drift', 'motif-preserved', 'nfe-distinct-k']);
    for (const id of ['motif-preserved', 'nfe-distinct-k']) expect(a.claims.find((c) => c.id === id)?.passed, id).toBe(true);
    for (const c of a.claims.filter((c) => c.kind === 'paper')) expect(c.spread?.replicates).toBe(2);
    // the step-by-step view: all masked, then never more masked, none at the end; one frame per call + 1
    const steps = a.series.unconditionalSteps;
    expect(steps[0].masked).toBe(20);
    expect(steps.at(-1)!.masked).toBe(0);
    const { nfeMin } = a.series.repeats.find((r) => r.mode.startsWith('Gumbel-max +'))!;
    expect(steps).toHaveLength(nfeMin + 1);
    expect(nfeMin).toBeLessThan(params.steps);
    expect(a.series.guidance.map((r) => r.eta)).toEqual([0, 1, 2, 4]);
    expect(a.series.target[0].ss).toBe('CHHHHHHHHHHHHHHC');
    for (const r of a.series.samples.filter((s) => s.task === 'unconditional')) expect(r.sequence).toMatch(/^[ACDEFGHIKLMNPQRSTVWY]{20}$/);
    for (const r of a.series.samples.filter((s) => s.task === 'motif')) {
      const [s1, s2] = r.motifStarts.split(',').map(Number);
      expect(r.sequence.slice(s1, s1 + 5) + r.sequence.slice(s2, s2 + 5)).toBe('KVADAHAHKL');
    }
    // the same seed gives the same run; the repeat leaves out guidance (half the run's time), which
    // draws from its own seeded streams like every other part
    const b = await runDplm({ ...params, guidance: 'off' }, env(), {}, assets);
    const withoutGuidance = (r: typeof a) => ({ samples: r.series.samples.filter((s) => !s.task.startsWith('guided')), claims: r.claims.filter((c) => !c.id.startsWith('guidance')).map((c) => c.value) });
    expect(withoutGuidance(b)).toEqual(withoutGuidance(a));
  }, 180_000);

  it('conditions on structure and probes the embeddings on small subsets', async () => {
    const r = await runDplm(small({ unconditional: 'off', motifPart: 'off', guidance: 'off', structureChains: 3, probeChains: 20 }), env(), {}, assets);
    expect(r.claims.map((c) => c.id)).toEqual(['adapter-recovery', 'probe-dplm-vs-mlm', 'adapter-not-above-lookup', 'nfe-distinct-k']);
    // the lookup table: one residue per SS state, its recovery a share like the models'
    expect(r.series.recovery.map((row) => row.label)).toEqual(['Adapter (given the SS string)', 'DPLM alone', expect.stringMatching(/^Lookup: [HEC]→[A-Y] [HEC]→[A-Y] [HEC]→[A-Y]$/)]);
    expect(r.metrics.structureChains).toBe(3);
    for (const row of [...r.series.recovery, ...r.series.probe]) expect(row.valueMean).toBeGreaterThanOrEqual(0);
    expect(r.series.probe.map((p) => p.valueMean).every((q) => q > 0.3 && q < 0.9)).toBe(true);
  }, 120_000);
});
