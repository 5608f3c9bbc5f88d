import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { mean, sampleVariance } from '../../lib/stats';
import { studentQuantile } from '../../lib/studentT';
import { decoderFromLogits, sampleDndm, sampleRdmK, type SamplerConfig } from '../../models/diffusion/samplers';
import { expectedNfe } from '../../models/diffusion/transitionTimes';
import { CHAR_ALPHABET } from '../../models/charVocab';
import { fusedStepClaim } from '../../models/diffusion/fusedStepClaim';
import { bigramClaim, BIGRAM_GROUP, BIGRAM_MARGIN_SHARE, buildClaims, groupBigramKl, QUALITY_MARGIN, qualityClaim, smallTClaim, SPEEDUP_MIN, type BigramReference } from './claims';
import { countBigrams, klFromCounts } from './quality';
import type { RunRecord } from './records';

const schedule = { kind: 'beta', alpha: 3, beta: 3 } as const;
const SEEDS = 4;
const PER_SEED = 16;

function record(T: number, role: 'baseline' | 'dndm', seed: number, nfe: number, wallMs: number, nll: number[], texts: string[]): RunRecord {
  return { T, role, sampler: role === 'dndm' ? 'dndm-k-remask' : 'rdm-k-remask', seed, nfe, wallMs, judgeNll: mean(nll), realWordShare: 0, unigramKl: 0, bigramKl: 0, sequenceNll: nll, texts };
}

/** 64-character texts with characters drawn uniformly from `alphabet`: the test's "corpus" is uniform over all 27. */
function texts(alphabet: string, stream: RngStream, count: number): string[] {
  return Array.from({ length: count }, () => Array.from({ length: 64 }, () => alphabet[stream.int(alphabet.length)]).join(''));
}
const corpus = new Float64Array(CHAR_ALPHABET.length ** 2).fill(1 / CHAR_ALPHABET.length ** 2);
/** Real text of the test: uniform characters, 16 groups. */
const bigram: BigramReference = { corpus, realGroups: groupBigramKl(texts(CHAR_ALPHABET, RngStream.fromSeed(99), 16 * BIGRAM_GROUP), corpus) };

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
  /** The alphabet DNDM's texts are drawn from, per seed (the corpus and the T-call sampler use all 27 characters). */
  dndmAlphabet?: (seed: number) => string;
}

/** Four seeds at T = 1000: the T-call sampler (1000 calls, 1000 ms, NLL 3.6, uniform characters) and DNDM as chosen. */
function runs({ dndmNfe = [61, 60, 62, 61, 60], dndmMs = 60, dndmNll = 3.6, baselineNll = 3.6, sd = 0.4, perSeed = PER_SEED, dndmAlphabet = () => CHAR_ALPHABET }: Setting = {}): RunRecord[] {
  const rng = RngStream.fromSeed(7);
  return Array.from({ length: SEEDS }, (_, seed) => [
    record(1000, 'baseline', seed, 1000, 1000, nlls(baselineNll, sd, rng.split(`b${seed}`), perSeed), texts(CHAR_ALPHABET, rng.split(`bt${seed}`), perSeed)),
    record(1000, 'dndm', seed, dndmNfe[seed], dndmMs, nlls(dndmNll, sd, rng.split(`d${seed}`), perSeed), texts(dndmAlphabet(seed), rng.split(`dt${seed}`), perSeed)),
  ]).flat();
}

const claim = (records: RunRecord[], id: string) => buildClaims({ records, grid: [1000], schedule, length: 64, seeds: SEEDS, bigram }).find((c) => c.id === id)!;

describe('DNDM claim checks', () => {
  it('pass on numbers like the paper’s', () => {
    const good = runs();
    expect(expectedNfe(schedule, 64, 1000)).toBeCloseTo(61.2, 1);
    for (const id of ['nfe-matches-formula', 'speedup-at-1000', 'quality-equivalent', 'bigram-kl-not-worse']) expect(claim(good, id).passed, id).toBe(true);
  });

  it('NFE far from E[NFE] fails (sd of one draw ≈ 1.6 at T = 1000)', () => {
    expect(claim(runs({ dndmNfe: [52, 53, 52, 53, 52] }), 'nfe-matches-formula').passed).toBe(false);
  });

  it('a DNDM that is only 5× faster fails the speed-up claim; its value is the lower end of a t interval over seeds', () => {
    const slow = claim(runs({ dndmMs: 1000 / 5 }), 'speedup-at-1000');
    expect(slow.value).toBeCloseTo(5, 6);
    expect(slow.threshold).toBe(SPEEDUP_MIN);
    expect(slow.passed).toBe(false);
    // per-seed ratios 1000/60, 1000/50, 1000/125, 1000/40: mean 16.6 but a wide interval
    const records = runs().map((r) => (r.role === 'dndm' ? { ...r, wallMs: [60, 50, 125, 40][r.seed] } : r));
    const ratios = [60, 50, 125, 40].map((ms) => 1000 / ms);
    const spread = claim(records, 'speedup-at-1000').spread!;
    expect(spread.estimate).toBeCloseTo(mean(ratios), 12);
    expect(spread.low).toBeCloseTo(mean(ratios) - studentQuantile(0.975, 3) * Math.sqrt(sampleVariance(ratios) / 4), 10);
    expect(claim(records, 'speedup-at-1000').passed).toBe(spread.low >= SPEEDUP_MIN);
  });

  it('the speed-up fails where theory says it must: N = 256 tokens, uniform schedule, T = 1000 (E[NFE] ≈ 226, calls of equal cost)', async () => {
    const config: SamplerConfig = { batch: 1, length: 256, vocab: 4, maskToken: 3, forbidden: [], steps: 1000, schedule: { kind: 'uniform' }, temperature: 1, noiseScale: 1 };
    // every call costs the same: a stub network with flat logits, wall time = calls × 1 ms
    const decoder = decoderFromLogits(async (x) => new Float32Array(x.length * config.vocab), config);
    const rng = RngStream.fromSeed(3);
    const records: RunRecord[] = [];
    for (let seed = 0; seed < 3; seed++) {
      const baseline = await sampleRdmK(config, decoder, rng.split(`b${seed}`), 'topk-remask');
      const dndm = await sampleDndm(config, decoder, rng.split(`d${seed}`), 'topk-remask');
      records.push(record(1000, 'baseline', seed, baseline.nfe, baseline.nfe, [3.6], []), record(1000, 'dndm', seed, dndm.nfe, dndm.nfe, [3.6], []));
    }
    expect(expectedNfe({ kind: 'uniform' }, 256, 1000)).toBeCloseTo(226, 0);
    const c = buildClaims({ records, grid: [1000], schedule: { kind: 'uniform' }, length: 256, seeds: 3 }).find((x) => x.id === 'speedup-at-1000')!;
    expect(c.spread!.estimate).toBeGreaterThan(4);
    expect(c.spread!.estimate).toBeLessThan(5);
    expect(c.passed).toBe(false);
  });

  it('the equivalence test is the TOST: 90% interval of the mean difference inside ±ln 1.25, with the larger of the sequence and seed standard errors', () => {
    const records = runs({ dndmNll: 3.65 });
    const dndm = records.filter((r) => r.role === 'dndm');
    const baseline = records.filter((r) => r.role === 'baseline');
    const c = qualityClaim(dndm, baseline);
    const a = dndm.flatMap((r) => r.sequenceNll);
    const b = baseline.flatMap((r) => r.sequenceNll);
    const sequenceSe = Math.sqrt(sampleVariance(a) / a.length + sampleVariance(b) / b.length);
    const seedMeans = (rs: RunRecord[]) => rs.map((r) => mean(r.sequenceNll));
    const seedSe = Math.sqrt(sampleVariance(seedMeans(dndm)) / SEEDS + sampleVariance(seedMeans(baseline)) / SEEDS);
    const half = seedSe > sequenceSe ? studentQuantile(0.95, 2 * SEEDS - 2) * seedSe : 1.6448536269514722 * sequenceSe;
    expect(c.spread!.estimate).toBeCloseTo(mean(a) - mean(b), 12);
    expect(c.spread!.high - c.spread!.estimate).toBeCloseTo(half, 10);
    expect(c.value).toBeCloseTo(Math.max(Math.abs(c.spread!.low), Math.abs(c.spread!.high)), 12);
    expect(c.threshold).toBeCloseTo(Math.log(1.25), 12);
    expect(c.passed).toBe(c.value < QUALITY_MARGIN);
  });

  it('sequences that move together within a seed (a shared τ) widen the interval: the seeds’ spread decides', () => {
    // tiny spread within a seed, but each seed's batch shifted: 64 "independent" sequences would overstate the evidence
    const shift = [0.3, -0.3, 0.25, -0.2];
    const records = runs({ sd: 0.05 }).map((r) => ({ ...r, sequenceNll: r.sequenceNll.map((x) => x + (r.role === 'dndm' ? shift[r.seed] : -shift[r.seed])) }));
    const c = claim(records, 'quality-equivalent');
    expect(c.spread!.method).toMatch(/s\.e\. from seeds/);
    expect(c.passed).toBe(false);
    expect(c.note).toMatch(/Inconclusive/);
  });

  it('the equivalence test fails on clearly worse text, on clearly better text, and when noise hides the difference', () => {
    // the paper's own weak spot is small T, where DNDM can trail RDM; here DNDM is 0.4 nats/char worse
    const worse = claim(runs({ dndmNll: 4.0 }), 'quality-equivalent');
    expect(worse.passed).toBe(false);
    expect(worse.note).toMatch(/measurably worse/);
    // equivalence is two-sided: much better text is not "the same" either
    expect(claim(runs({ dndmNll: 3.2 }), 'quality-equivalent').passed).toBe(false);
    // equal means but per-sequence spread 1.5 nats: 64 vs 64 sequences cannot rule out a 0.22 gap
    expect(claim(runs({ sd: 1.5 }), 'quality-equivalent').passed).toBe(false);
  });

  it('the equivalence fails where theory says it must: a peaked schedule at small T reveals the sequence in one or two calls', async () => {
    // a two-letter language that alternates (a b a b …, each letter followed by the other with
    // probability 0.95), and a stub network that knows it: a masked position next to a revealed one
    // predicts the other letter, one with no revealed neighbour is a coin. Revealing everything at
    // once leaves no neighbours to lean on.
    const [A, B, MASK, L, BATCH] = [0, 1, 2, 64, 16];
    const config = (schedule: SamplerConfig['schedule']): SamplerConfig => ({ batch: BATCH, length: L, vocab: 3, maskToken: MASK, forbidden: [], steps: 25, schedule, temperature: 1, noiseScale: 1 });
    const denoiser = async (x: Int32Array) => {
      const logits = new Float32Array(x.length * 3);
      for (let i = 0; i < x.length; i++) {
        const n = i % L;
        const neighbour = n > 0 && x[i - 1] !== MASK ? x[i - 1] : n < L - 1 && x[i + 1] !== MASK ? x[i + 1] : -1;
        if (neighbour >= 0) logits[3 * i + (neighbour === A ? B : A)] = Math.log(0.95 / 0.05);
      }
      return logits;
    };
    const nll = (tokens: Int32Array) =>
      Array.from({ length: BATCH }, (_, b) => {
        let sum = Math.log(2);
        for (let n = 1; n < L; n++) sum -= Math.log(tokens[b * L + n] !== tokens[b * L + n - 1] ? 0.95 : 0.05);
        return sum / L;
      });
    const peaked = { kind: 'beta', alpha: 1000, beta: 1000 } as const;
    const rng = RngStream.fromSeed(5);
    const dndm: RunRecord[] = [];
    const baseline: RunRecord[] = [];
    for (let seed = 0; seed < 3; seed++) {
      const t = await sampleRdmK(config(peaked), decoderFromLogits(denoiser, config(peaked)), rng.split(`b${seed}`), 'topk-remask');
      const d = await sampleDndm(config(peaked), decoderFromLogits(denoiser, config(peaked)), rng.split(`d${seed}`), 'topk-remask');
      expect(d.nfe).toBeLessThanOrEqual(2);
      baseline.push(record(25, 'baseline', seed, t.nfe, t.nfe, nll(t.tokens), []));
      dndm.push(record(25, 'dndm', seed, d.nfe, d.nfe, nll(d.tokens), []));
    }
    const c = qualityClaim(dndm, baseline);
    expect(c.passed).toBe(false);
    expect(c.spread!.low).toBeGreaterThan(0);
    expect(c.note).toMatch(/measurably worse/);
  });

  it('the equivalence test refuses fewer than 32 sequences per sampler, however close', () => {
    const few = claim(runs({ perSeed: 4, sd: 0.01 }), 'quality-equivalent');
    expect(few.passed).toBe(false);
    expect(few.note).toMatch(/Too few sequences/);
  });

  it('the bigram check: per seed, the mean KL of its groups of 8 sequences; a t interval over seeds, against a quarter of the real-text floor', () => {
    const records = runs();
    const dndm = records.filter((r) => r.role === 'dndm');
    const baseline = records.filter((r) => r.role === 'baseline');
    const c = bigramClaim(dndm, baseline, bigram);
    const seedKl = (r: RunRecord) => {
      const groups = [0, 1].map((g) => r.texts.slice(g * BIGRAM_GROUP, (g + 1) * BIGRAM_GROUP));
      return mean(groups.map((group) => klFromCounts(group.map(countBigrams).reduce((x, y) => x.map((v, i) => v + y[i])), corpus)));
    };
    const differences = dndm.map((d, i) => seedKl(d) - seedKl(baseline[i]));
    expect(c.spread!.replicates).toBe(SEEDS);
    expect(c.spread!.estimate).toBeCloseTo(mean(differences), 12);
    expect(c.spread!.high).toBeCloseTo(mean(differences) + studentQuantile(0.975, SEEDS - 1) * Math.sqrt(sampleVariance(differences) / SEEDS), 10);
    expect(c.threshold).toBeCloseTo(BIGRAM_MARGIN_SHARE * mean(bigram.realGroups), 12);
    expect(c.value).toBeCloseTo(c.spread!.high, 12);
    expect(c.passed).toBe(true);
  });

  it('the bigram check fails when DNDM’s letter pairs are off, and on too few sequences', () => {
    // DNDM writes with 20 of the 27 characters: its bigrams are far from the corpus
    expect(claim(runs({ dndmAlphabet: () => CHAR_ALPHABET.slice(0, 20) }), 'bigram-kl-not-worse').passed).toBe(false);
    // only some seeds degenerate: the interval is wide and its upper end too high
    expect(claim(runs({ dndmAlphabet: (s) => (s % 2 === 0 ? CHAR_ALPHABET.slice(0, 14) : CHAR_ALPHABET) }), 'bigram-kl-not-worse').passed).toBe(false);
    const few = claim(runs({ perSeed: 2 }), 'bigram-kl-not-worse');
    expect(few.passed).toBe(false);
    expect(few.note).toMatch(/Too few sequences/);
  });

  it('the small-T limit row: NFE ratio ≤ 2 at T = 25, and it fails (the saving is large) when DNDM calls far less', () => {
    const at25 = (dndmNfe: number) => [0, 1].flatMap((seed) => [record(25, 'baseline', seed, 25, 25, [3.6], []), record(25, 'dndm', seed, dndmNfe, dndmNfe, [3.6], [])]);
    const limit = smallTClaim(at25(18))!;
    expect(limit.kind).toBe('limit');
    expect(limit.value).toBeCloseTo(25 / 18, 12);
    expect(limit.passed).toBe(true);
    expect(smallTClaim(at25(10))!.passed).toBe(false);
    expect(smallTClaim(runs())).toBeNull();
  });

  it('the fused-step check fails on one differing token or a confidence off by more than 1e-4', () => {
    const a = { tokens: Int32Array.from([1, 2, 3]), confidence: Float64Array.from([-0.1, -0.2, -0.3]) };
    expect(fusedStepClaim(a, a).passed).toBe(true);
    expect(fusedStepClaim(a, { ...a, tokens: Int32Array.from([1, 2, 4]) }).passed).toBe(false);
    expect(fusedStepClaim(a, { ...a, confidence: Float64Array.from([-0.1, -0.2, -0.3002]) }).passed).toBe(false);
  });
});
