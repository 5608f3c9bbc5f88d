import { describe, expect, it } from 'vitest';
import { denoiseStepReference } from './denoiseStep';
import { distinctKCount, overRepresented, skippedRunCalls, sampleDplm, topPGumbelDraw, type DplmNetwork, type DplmSamplerConfig, type DplmStart } from './dplmSampler';

const VOCAB = 7; // 0..4 residues, 5 = padding, 6 = mask
const PAD = 5;
const MASK = 6;
const FORBIDDEN = [PAD, MASK];

const config = (over: Partial<DplmSamplerConfig> = {}): DplmSamplerConfig => ({
  batch: 2,
  positions: 12,
  vocab: VOCAB,
  maskToken: MASK,
  padToken: PAD,
  forbidden: FORBIDDEN,
  steps: 40,
  noiseScale: 1,
  resampleRatio: null,
  skipUnchangedK: true,
  ...over,
});

/** Rows of `length` free positions, padding after; `motif` maps a position to a frozen residue. */
function start(cfg: DplmSamplerConfig, length: number, motif: Record<number, number> = {}): DplmStart {
  const tokens = new Int32Array(cfg.batch * cfg.positions);
  const frozen = new Uint8Array(tokens.length);
  for (let b = 0; b < cfg.batch; b++) {
    for (let n = 0; n < cfg.positions; n++) {
      const i = b * cfg.positions + n;
      if (n >= length) [tokens[i], frozen[i]] = [PAD, 1];
      else if (motif[n] !== undefined) [tokens[i], frozen[i]] = [motif[n], 1];
      else tokens[i] = MASK;
    }
  }
  return { tokens, frozen };
}

/** A network whose logits come from `logitsOf(x)`; the step is the plain-TypeScript reference. */
function network(cfg: DplmSamplerConfig, logitsOf: (x: Int32Array) => Float32Array): DplmNetwork & { calls: { step: number; logits: number } } {
  const calls = { step: 0, logits: 0 };
  const forbidden = Array.from({ length: VOCAB }, (_, v) => FORBIDDEN.includes(v));
  return {
    calls,
    step: async (x, stepKey) => {
      calls.step++;
      return denoiseStepReference({ logits: logitsOf(x), positions: x.length, vocab: VOCAB, forbidden, temperature: 1, noiseScale: cfg.noiseScale, stepKey });
    },
    logits: async (x) => {
      calls.logits++;
      return logitsOf(x);
    },
  };
}

/** Every position prefers residue (position mod 5), mildly. */
const gentle = (x: Int32Array) => {
  const logits = new Float32Array(x.length * VOCAB);
  for (let i = 0; i < x.length; i++) logits[i * VOCAB + (i % 5)] = 1;
  return logits;
};

describe("DPLM's sampler", () => {
  it('skipping unchanged K makes NFE the number of distinct K values', async () => {
    for (const [length, steps] of [[10, 40], [10, 5], [7, 7], [10, 500]] as const) {
      const cfg = config({ steps });
      const net = network(cfg, gentle);
      const out = await sampleDplm(cfg, start(cfg, length), net, 1);
      expect(out.nfe).toBe(distinctKCount(length, steps));
      expect(out.nfe).toBe(Math.min(length, steps));
      expect(net.calls.step).toBe(out.nfe);
    }
    // mixed lengths: the union of the steps at which each sequence's K changes
    const mixed = config({ steps: 40 });
    const s = start(mixed, 10);
    s.tokens.fill(PAD, 12 + 7, 24);
    s.frozen.fill(1, 12 + 7, 24);
    const out = await sampleDplm(mixed, s, network(mixed, gentle), 1);
    expect(out.nfe).toBe(skippedRunCalls([10, 7], 40));
    expect(out.nfe).toBeGreaterThan(10);
    const cfg = config({ steps: 40, skipUnchangedK: false });
    expect((await sampleDplm(cfg, start(cfg, 10), network(cfg, gentle), 1)).nfe).toBe(40);
  });

  it('decodes every free position, keeps motif residues and padding exactly, never emits mask or padding there', async () => {
    const cfg = config();
    const motif = { 2: 4, 3: 4, 7: 0 };
    const s = start(cfg, 10, motif);
    const out = await sampleDplm(cfg, s, network(cfg, gentle), 3);
    for (let b = 0; b < cfg.batch; b++) {
      for (let n = 0; n < cfg.positions; n++) {
        const tok = out.tokens[b * cfg.positions + n];
        if (n >= 10) expect(tok).toBe(PAD);
        else if (n in motif) expect(tok).toBe(motif[n as keyof typeof motif]);
        else expect(tok).toBeLessThan(PAD);
      }
    }
  });

  it('the masked count follows K = ⌊N(1 − t/T)⌋ and decoded tokens can go back to the mask', async () => {
    const cfg = config({ batch: 1, steps: 10, noiseScale: 0 });
    // confidence of a decoded position drops once its right-hand neighbour is decoded: the rule must re-mask it
    const fickle = (x: Int32Array) => {
      const logits = new Float32Array(x.length * VOCAB);
      for (let i = 0; i < x.length; i++) {
        const sure = i + 1 < x.length && x[i + 1] !== MASK ? -3 : 2 + i / 10;
        logits[i * VOCAB + (i % 5)] = sure;
      }
      return logits;
    };
    const out = await sampleDplm(cfg, start(cfg, 10), network(cfg, fickle), 1, undefined, true);
    const masked = out.trajectory!.map((x) => Array.from(x.subarray(0, 10)).filter((t) => t === MASK).length);
    expect(masked).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    let remasked = 0;
    for (let s = 1; s < out.trajectory!.length; s++) for (let i = 0; i < 10; i++) if (out.trajectory![s - 1][i] !== MASK && out.trajectory![s][i] === MASK) remasked++;
    expect(remasked).toBeGreaterThan(0);
  });

  it('resampling re-predicts the positions of an amino acid above the share, with one extra call', async () => {
    const cfg = config({ batch: 1, positions: 8, steps: 8, resampleRatio: 0.25 });
    // the step's network wants residue 0 everywhere; the resampling call (its own logits here) residue 1 or 2
    const collapsing = (x: Int32Array) => {
      const logits = new Float32Array(x.length * VOCAB);
      for (let i = 0; i < x.length; i++) logits[i * VOCAB] = 30;
      return logits;
    };
    const spread = (x: Int32Array) => {
      const logits = new Float32Array(x.length * VOCAB);
      for (let i = 0; i < x.length; i++) logits[i * VOCAB + 1 + (i % 2)] = 30;
      return logits;
    };
    const net = { ...network(cfg, collapsing), logits: async (x: Int32Array) => (logitCalls++, spread(x)) };
    let logitCalls = 0;
    const out = await sampleDplm(cfg, start(cfg, 8), net, 5);
    expect(out.resampleCalls).toBeGreaterThan(0);
    expect(logitCalls).toBe(out.resampleCalls);
    const zeros = Array.from(out.tokens).filter((t) => t === 0).length;
    expect(zeros).toBeLessThan(8);
    const plain = await sampleDplm({ ...cfg, resampleRatio: null }, start(cfg, 8), network(cfg, collapsing), 5);
    expect(Array.from(plain.tokens).filter((t) => t === 0).length).toBe(8);
  });

  it('finds the over-represented amino acids of a row over its residues only', () => {
    const tokens = Int32Array.from([0, 0, 0, 1, 2, 3, PAD, PAD, 1, 1, 2, 3, 4, 0, 2, 3]);
    const residue = Uint8Array.from(tokens, (t) => (t === PAD ? 0 : 1));
    expect([...overRepresented(tokens, residue, 0, 8, 0.25)]).toEqual([0]); // 3 of 6 residues
    expect([...overRepresented(tokens, residue, 1, 8, 0.25)]).toEqual([]); // at most 2 of 8
  });

  it('top-p keeps the head of the distribution: a token with 96 % of the mass always wins', () => {
    const forbidden = [false, false, false, false, false, true, true];
    const logits = Float32Array.from([Math.log(0.96), Math.log(0.02), Math.log(0.01), Math.log(0.005), Math.log(0.005), 0, 0]);
    for (let c = 0; c < 50; c++) expect(topPGumbelDraw(logits, 0, VOCAB, forbidden, 9, c).token).toBe(0);
    // flat logits: the draws spread over the kept tokens
    const flat = new Float32Array(VOCAB);
    const seen = new Set(Array.from({ length: 200 }, (_, c) => topPGumbelDraw(flat, 0, VOCAB, forbidden, 9, c).token));
    expect(seen.size).toBe(5);
  });
});
