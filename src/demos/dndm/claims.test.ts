import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { mean, sampleVariance } from '../../lib/stats';
import { expectedNfe } from '../../models/diffusion/transitionTimes';
import { bigramClaim, BIGRAM_MARGIN_SHARE, buildClaims, fusedStepClaim, QUALITY_MARGIN, qualityClaim, SPEEDUP_MIN } from './claims';
import type { SampleQuality } from './quality';
import type { RunRecord } from './records';

const schedule = { kind: 'beta', alpha: 3, beta: 3 } as const;
const SEEDS = 5;
const PER_SEED = 13;

function record(T: number, role: 'baseline' | 'dndm', seed: number, nfe: number, wallMs: number, nll: number[], bigramKl = 0.5): RunRecord {
  return { T, role, sampler: role === 'dndm' ? 'dndm-k-remask' : 'rdm-k-remask', seed, nfe, wallMs, judgeNll: mean(nll), realWordShare: 0, unigramKl: 0, bigramKl, sequenceNll: nll, texts: [] };
}

/** Per-sequence NLLs around `centre` with spread ≈ `sd` (seeded, so the tests are exact). */
function nlls(centre: number, sd: number, stream: RngStream, count = PER_SEED): number[] {
  return Array.from({ length: count }, () => centre + sd * stream.normal());
}

interface Setting {
  dndmNfe?: number[];
  dndmMs?: number;
  dndmNll?: number;
  baselineNll?: number;
  sd?: number;
  perSeed?: number;
  dndmBigram?: (seed: number) => number;
}

/** Five seeds at T = 1000: the T-call sampler (1000 calls, 1000 ms, NLL 3.6, bigram KL 0.5) and DNDM as chosen. */
function runs({ dndmNfe = [61, 60, 62, 61, 60], dndmMs = 60, dndmNll = 3.6, baselineNll = 3.6, sd = 0.4, perSeed = PER_SEED, dndmBigram = () => 0.5 }: Setting = {}): RunRecord[] {
  const rng = RngStream.fromSeed(7);
  return Array.from({ length: SEEDS }, (_, seed) => [
    record(1000, 'baseline', seed, 1000, 1000, nlls(baselineNll, sd, rng.split(`b${seed}`), perSeed), 0.5 + 0.02 * Math.sin(seed)),
    record(1000, 'dndm', seed, dndmNfe[seed], dndmMs, nlls(dndmNll, sd, rng.split(`d${seed}`), perSeed), dndmBigram(seed) + 0.02 * Math.cos(seed)),
  ]).flat();
}

/** Real text of each seed's size: bigram KL 0.4 (the floor), so the bigram margin is 0.1. */
const reference: SampleQuality[] = Array.from({ length: SEEDS }, () => ({ judgeNll: 1.25, realWordShare: 1, unigramKl: 0.02, bigramKl: 0.4 }));

const claim = (records: RunRecord[], id: string) => buildClaims({ records, grid: [1000], schedule, length: 64, seeds: SEEDS, reference }).find((c) => c.id === id)!;

describe('DNDM claim checks', () => {
  it('pass on numbers like the paper’s', () => {
    const good = runs();
    expect(expectedNfe(schedule, 64, 1000)).toBeCloseTo(61.2, 1);
    for (const id of ['nfe-matches-formula', 'speedup-at-1000', 'quality-equivalent', 'bigram-kl-not-worse']) expect(claim(good, id).passed, id).toBe(true);
  });

  it('NFE far from E[NFE] fails (sd of one draw ≈ 1.6 at T = 1000)', () => {
    expect(claim(runs({ dndmNfe: [52, 53, 52, 53, 52] }), 'nfe-matches-formula').passed).toBe(false);
  });

  it('a DNDM that is only 5× faster fails the speed-up claim', () => {
    const slow = claim(runs({ dndmMs: 1000 / 5 }), 'speedup-at-1000');
    expect(slow.value).toBeCloseTo(5, 6);
    expect(slow.threshold).toBe(SPEEDUP_MIN);
    expect(slow.passed).toBe(false);
  });

  it('the equivalence test is the TOST: 90% interval of the mean difference inside ±ln 1.25', () => {
    const records = runs({ dndmNll: 3.65 });
    const c = qualityClaim(records.filter((r) => r.role === 'dndm'), records.filter((r) => r.role === 'baseline'));
    const a = records.filter((r) => r.role === 'dndm').flatMap((r) => r.sequenceNll);
    const b = records.filter((r) => r.role === 'baseline').flatMap((r) => r.sequenceNll);
    const se = Math.sqrt(sampleVariance(a) / a.length + sampleVariance(b) / b.length);
    expect(c.spread!.estimate).toBeCloseTo(mean(a) - mean(b), 12);
    expect(c.spread!.high - c.spread!.estimate).toBeCloseTo(1.6448536269514722 * se, 12);
    expect(c.value).toBeCloseTo(Math.max(Math.abs(c.spread!.low), Math.abs(c.spread!.high)), 12);
    expect(c.threshold).toBeCloseTo(Math.log(1.25), 12);
    expect(c.passed).toBe(c.value < QUALITY_MARGIN);
  });

  it('the equivalence test fails on clearly worse text, on clearly better text, and when noise hides the difference', () => {
    // the paper's own weak spot is small T, where DNDM can trail RDM; here DNDM is 0.4 nats/char worse
    expect(claim(runs({ dndmNll: 4.0 }), 'quality-equivalent').passed).toBe(false);
    // equivalence is two-sided: much better text is not "the same" either
    expect(claim(runs({ dndmNll: 3.2 }), 'quality-equivalent').passed).toBe(false);
    // equal means but per-sequence spread 1.5 nats: 65 vs 65 sequences cannot rule out a 0.22 gap
    expect(claim(runs({ sd: 1.5 }), 'quality-equivalent').passed).toBe(false);
  });

  it('the equivalence test refuses fewer than 32 sequences per sampler, however close', () => {
    const few = claim(runs({ perSeed: 4, sd: 0.01 }), 'quality-equivalent');
    expect(few.passed).toBe(false);
    expect(few.note).toMatch(/Too few sequences/);
  });

  it('the bigram check: mean ± 1.96 s.e. over seeds of the KL difference, against a quarter of the real-text floor', () => {
    const records = runs({ dndmBigram: () => 0.53 });
    const c = bigramClaim(records.filter((r) => r.role === 'dndm'), records.filter((r) => r.role === 'baseline'), reference);
    const differences = Array.from({ length: SEEDS }, (_, s) => records.find((r) => r.seed === s && r.role === 'dndm')!.bigramKl - records.find((r) => r.seed === s && r.role === 'baseline')!.bigramKl);
    expect(c.spread!.estimate).toBeCloseTo(mean(differences), 12);
    expect(c.threshold).toBeCloseTo(BIGRAM_MARGIN_SHARE * 0.4, 12);
    expect(c.value).toBeCloseTo(c.spread!.high, 12);
    expect(c.passed).toBe(true);
    // DNDM's bigrams 0.2 nats further from the corpus than the T-call sampler's: fails
    expect(claim(runs({ dndmBigram: () => 0.7 }), 'bigram-kl-not-worse').passed).toBe(false);
    // a gap that varies wildly over seeds: the interval is too wide to pass
    expect(claim(runs({ dndmBigram: (s) => 0.5 + (s % 2 === 0 ? 0.4 : -0.3) }), 'bigram-kl-not-worse').passed).toBe(false);
  });

  it('the fused-step check fails on one differing token or a confidence off by more than 1e-4', () => {
    const a = { tokens: Int32Array.from([1, 2, 3]), confidence: Float64Array.from([-0.1, -0.2, -0.3]) };
    expect(fusedStepClaim(a, a).passed).toBe(true);
    expect(fusedStepClaim(a, { ...a, tokens: Int32Array.from([1, 2, 4]) }).passed).toBe(false);
    expect(fusedStepClaim(a, { ...a, confidence: Float64Array.from([-0.1, -0.2, -0.3002]) }).passed).toBe(false);
  });
});
