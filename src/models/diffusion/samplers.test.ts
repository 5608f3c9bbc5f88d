import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { decoderFromLogits, sample, type Denoiser, type SamplerConfig, type SamplerName } from './samplers';
import { distinctTimesDescending, sampleTransitionTimes } from './transitionTimes';

const VOCAB = 6; // 0..4 letters, 5 = mask
const MASK = 5;
const config = (steps: number, length = 16, batch = 2): SamplerConfig => ({
  batch,
  length,
  vocab: VOCAB,
  maskToken: MASK,
  forbidden: [],
  steps,
  schedule: { kind: 'beta', alpha: 3, beta: 3 },
  temperature: 1,
  noiseScale: 0,
});

/** A denoiser that knows the answer: target token (b + n) mod 5, with position-dependent certainty. */
function teacher(batch: number, length: number): { denoiser: Denoiser; target: Int32Array; calls: number[] } {
  const target = Int32Array.from({ length: batch * length }, (_, i) => (Math.floor(i / length) + (i % length)) % 5);
  const calls: number[] = [];
  const denoiser: Denoiser = async (x, t) => {
    calls.push(t);
    const logits = new Float32Array(batch * length * VOCAB);
    for (let i = 0; i < batch * length; i++) logits[i * VOCAB + target[i]] = 2 + (i % 7);
    expect(x).toHaveLength(batch * length);
    return logits;
  };
  return { denoiser, target, calls };
}

const NAMES: SamplerName[] = ['ancestral', 'rdm-k', 'rdm-k-remask', 'dndm', 'dndm-k', 'dndm-k-remask', 'dndm-c', 'dndm-c-k', 'dndm-c-k-remask'];

describe('masked-diffusion samplers', () => {
  for (const name of NAMES) {
    // with this teacher a position's confidence does not depend on x, so even the re-masking rule never re-masks
    it(`${name}: decodes every position, never emits the mask, the masked count never grows`, async () => {
      const cfg = config(50);
      const { denoiser, target } = teacher(cfg.batch, cfg.length);
      const result = await sample(name, cfg, decoderFromLogits(denoiser, cfg), RngStream.fromSeed(1), undefined, true);
      expect(Array.from(result.tokens)).toEqual(Array.from(target));
      const maskedCounts = result.trajectory!.map((x) => x.filter((v) => v === MASK).length);
      expect(maskedCounts[0]).toBe(cfg.batch * cfg.length);
      expect(maskedCounts.at(-1)).toBe(0);
      for (let k = 1; k < maskedCounts.length; k++) expect(maskedCounts[k]).toBeLessThanOrEqual(maskedCounts[k - 1]);
    });
  }

  it('NFE: T for the Markov samplers, |{τ_n}| for DNDM and DNDM-k, L for DNDM-C', async () => {
    const steps = 1000;
    const length = 64;
    const cfg = config(steps, length, 1);
    const rng = RngStream.fromSeed(4);
    const distinct = distinctTimesDescending(sampleTransitionTimes(cfg.schedule, length, steps, rng.split('tau'))).length;
    const nfe = async (name: SamplerName) => (await sample(name, cfg, decoderFromLogits(teacher(1, length).denoiser, cfg), rng)).nfe;
    expect(await nfe('ancestral')).toBe(steps);
    expect(await nfe('rdm-k')).toBe(steps);
    expect(await nfe('dndm')).toBe(distinct);
    expect(await nfe('dndm-k')).toBe(distinct);
    expect(await nfe('dndm-c')).toBe(length);
    expect(await nfe('rdm-k-remask')).toBe(steps);
    expect(await nfe('dndm-k-remask')).toBe(distinct);
    expect(await nfe('dndm-c-k')).toBe(length);
    expect(await nfe('dndm-c-k-remask')).toBe(length);
    expect(distinct).toBeLessThanOrEqual(length);
    expect(distinct).toBeGreaterThan(40); // E[NFE] ≈ 61 for Beta(3,3), N = 64, T = 1000
  });

  it('DNDM calls the network at decreasing times, and is reproducible from the seed', async () => {
    const cfg = { ...config(25), noiseScale: 1 };
    const a = teacher(cfg.batch, cfg.length);
    const first = await sample('dndm', cfg, decoderFromLogits(a.denoiser, cfg), RngStream.fromSeed(9));
    for (let k = 1; k < a.calls.length; k++) expect(a.calls[k]).toBeLessThan(a.calls[k - 1]);
    const second = await sample('dndm', cfg, decoderFromLogits(teacher(cfg.batch, cfg.length).denoiser, cfg), RngStream.fromSeed(9));
    expect(Array.from(second.tokens)).toEqual(Array.from(first.tokens));
    expect(second.nfe).toBe(first.nfe);
  });

  /** A denoiser sure of position 0 while it is masked and unsure of it once decoded; sure of the rest by position. */
  function doubter(length: number): Denoiser {
    return async (x) => {
      const logits = new Float32Array(length * VOCAB);
      for (let i = 0; i < length; i++) {
        if (i === 0 && x[0] !== MASK) continue; // flat logits: confidence log(1/5), the lowest
        logits[i * VOCAB + (i % 5)] = i === 0 ? 20 : 2 + i;
      }
      return logits;
    };
  }
  const remaskedAtSomeFrame = (trajectory: Int32Array[]) => trajectory.some((x, k) => k > 0 && x[0] === MASK && trajectory.slice(0, k).some((y) => y[0] !== MASK));

  for (const [keep, remask] of [
    ['rdm-k', 'rdm-k-remask'],
    ['dndm-k', 'dndm-k-remask'],
    ['dndm-c-k', 'dndm-c-k-remask'],
  ] as const) {
    it(`${remask} puts a decoded token the network now doubts back to the mask; ${keep} keeps it`, async () => {
      const cfg = config(8, 8, 1);
      const run = (name: SamplerName) => sample(name, cfg, decoderFromLogits(doubter(8), cfg), RngStream.fromSeed(3), undefined, true);
      const kept = await run(keep);
      const remasked = await run(remask);
      expect(remaskedAtSomeFrame(kept.trajectory!)).toBe(false);
      expect(remaskedAtSomeFrame(remasked.trajectory!)).toBe(true);
      for (const r of [kept, remasked]) expect(Array.from(r.tokens).every((v) => v !== MASK)).toBe(true);
    });
  }

  it('DNDM-C-k reveals the most confident position first; DNDM-C reveals the latest τ', async () => {
    const cfg = config(50, 16, 1);
    const firstRevealed = async (name: SamplerName) => {
      const r = await sample(name, cfg, decoderFromLogits(teacher(1, 16).denoiser, cfg), RngStream.fromSeed(5), undefined, true);
      return { position: Array.from(r.trajectory![1]).findIndex((v) => v !== MASK), tau: Array.from(r.tau!) };
    };
    const topk = await firstRevealed('dndm-c-k');
    expect(topk.position % 7).toBe(6); // the teacher's most confident positions: logit 2 + (i mod 7)
    const random = await firstRevealed('dndm-c');
    expect(random.tau[random.position]).toBe(Math.max(...random.tau));
  });
});
