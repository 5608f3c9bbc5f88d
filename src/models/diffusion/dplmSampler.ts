// DPLM's sampler (discrete_diffusion.md §1.3; the authors' `generate` with decoding strategy
// "reparam-uncond-deterministic-linear"), written against a network that proposes tokens and
// confidences for every position in one call:
//   for t = 1 … T:
//     x̂₀, score = Gumbel-max sample of the logits, score = log-prob under the perturbed logits
//     (optionally) resample: in a sequence where one amino acid takes more than `ratio` of x̂₀,
//        mask all of its positions and re-predict them once (top-p 0.95, Gumbel-max)
//     K = ⌊N · (1 − t/T)⌋, N = the sequence's free positions (not motif, not padding)
//     the K free positions of lowest score are (or go back to being) the mask, including ones
//     decoded earlier ("uncond"); every other masked free position takes x̂₀; decoded ones keep
//     their token
// Steps where no sequence's K changes are skipped when asked (the network calls that only
// re-rank): NFE is then the number of distinct K values, as DNDM's de-randomisation argues.
// Differences from the code, all stated on the page: no BOS/EOS (N counts the free residues, and
// the resampling share counts residues only); deterministic ranking (noiseScale 0) ranks by
// log-probabilities, as the Gumbel mode does, not by raw logits.

import type { Ticker } from '../../lib/schedule';
import { deriveKey, gumbelFromHash } from '../../lib/rng';
import { denoiseStepKey, selectLowestConfidence, type DenoiseStepOutput } from './denoiseStep';

export interface DplmNetwork {
  /** One network call and the fused step on x [B·P]: proposed tokens and confidences everywhere. */
  step(x: Int32Array, stepKey: number): Promise<DenoiseStepOutput>;
  /** The logits [B·P·V] of x, read back: the resampling call. */
  logits(x: Int32Array): Promise<Float32Array>;
}

export interface DplmSamplerConfig {
  batch: number;
  /** The model's positions P (a sequence's residues, then padding). */
  positions: number;
  vocab: number;
  maskToken: number;
  /** Fills the positions after a sequence's end (frozen, never a residue). */
  padToken: number;
  /** Tokens never produced (mask, padding). */
  forbidden: readonly number[];
  /** Diffusion steps T. */
  steps: number;
  /** 1: Gumbel-max sampling (DPLM's default); 0: argmax tokens, deterministic ranking. */
  noiseScale: number;
  /** Resample a sequence whose commonest amino acid exceeds this share of it; null: never. */
  resampleRatio: number | null;
  skipUnchangedK: boolean;
}

export interface DplmStart {
  /** x at the start [B·P]: the mask at free positions, the motif's residues, padding after the end. */
  tokens: Int32Array;
  /** 1 at positions the sampler never touches (motif residues and padding). */
  frozen: Uint8Array;
}

export interface DplmSample {
  tokens: Int32Array;
  /** Network calls of the main loop. */
  nfe: number;
  /** Extra network calls made by resampling. */
  resampleCalls: number;
  /** Sequences resampled, summed over steps. */
  resampledSequences: number;
  /** x before each call, then the final x (only when asked for). */
  trajectory?: Int32Array[];
}

/**
 * K_b for every sequence at step t: ⌊N_b (1 − t/T)⌋, as ⌊N_b (T − t) / T⌋ in exact integers (in
 * doubles 10 · (1 − 8/10) is 1.999…, which would floor to 1).
 */
export function keepMaskedCounts(free: readonly number[], t: number, steps: number): number[] {
  return free.map((n) => Math.floor((n * (steps - t)) / steps));
}

/**
 * Network calls with unchanged-K steps skipped, for sequences of `free` free positions: the steps t
 * at which some sequence's K differs from step t − 1 (K = N before the first). For one length this
 * is distinctKCount; for mixed lengths the sequences change K at different steps.
 */
export function skippedRunCalls(free: readonly number[], steps: number): number {
  let previous = [...free];
  let calls = 0;
  for (let t = 1; t <= steps; t++) {
    const keep = keepMaskedCounts(free, t, steps);
    if (keep.some((k, b) => k !== previous[b])) calls++;
    previous = keep;
  }
  return calls;
}

/** The number of distinct K values a sequence with N free positions passes through (t = 1 … T). */
export function distinctKCount(free: number, steps: number): number {
  const seen = new Set<number>();
  for (let t = 1; t <= steps; t++) seen.add(keepMaskedCounts([free], t, steps)[0]);
  return seen.size;
}

const TOP_P = 0.95;

/**
 * Top-p (0.95) filtering then a Gumbel-max draw at one position's logits, as the authors'
 * resampling: keeps the most probable tokens until their mass reaches p (the one that crosses it
 * included), returns the token and its log-prob under the perturbed filtered logits.
 */
export function topPGumbelDraw(logits: ArrayLike<number>, offset: number, vocab: number, forbidden: readonly boolean[], key: number, counter: number): { token: number; score: number } {
  const order = Array.from({ length: vocab }, (_, v) => v).filter((v) => !forbidden[v]);
  order.sort((a, b) => logits[offset + b] - logits[offset + a]);
  const top = logits[offset + order[0]];
  const weights = order.map((v) => Math.exp(logits[offset + v] - top));
  const total = weights.reduce((a, b) => a + b, 0);
  const kept: number[] = [];
  let mass = 0;
  for (let i = 0; i < order.length && mass < TOP_P * total; i++) {
    kept.push(order[i]);
    mass += weights[i];
  }
  const z = kept.map((v) => logits[offset + v] + gumbelFromHash(key, counter * vocab + v));
  let best = 0;
  for (let i = 1; i < z.length; i++) if (z[i] > z[best]) best = i;
  const logSum = Math.log(z.reduce((s, zi) => s + Math.exp(zi - z[best]), 0));
  return { token: kept[best], score: -logSum };
}

/** Rows whose commonest amino acid (over their residue positions) takes more than `ratio`: the tokens to re-mask. */
export function overRepresented(tokens: Int32Array, residue: Uint8Array, row: number, positions: number, ratio: number): Set<number> {
  const counts = new Map<number, number>();
  let n = 0;
  for (let i = row * positions; i < (row + 1) * positions; i++) {
    if (!residue[i]) continue;
    n++;
    counts.set(tokens[i], (counts.get(tokens[i]) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, c]) => c > n * ratio).map(([token]) => token));
}

/** The authors' resampling of one step's proposal, in place; returns the sequences resampled. */
async function resample(proposal: DenoiseStepOutput, x: Int32Array, start: DplmStart, config: DplmSamplerConfig, network: DplmNetwork, key: number): Promise<number> {
  const { batch, positions, vocab, maskToken, resampleRatio } = config;
  const residue = Uint8Array.from(start.tokens, (tok) => (tok === config.padToken ? 0 : 1));
  const input = Int32Array.from(x);
  const remask = new Uint8Array(x.length);
  let rows = 0;
  for (let b = 0; b < batch; b++) {
    const over = overRepresented(proposal.tokens, residue, b, positions, resampleRatio!);
    if (over.size === 0) continue;
    rows++;
    for (let i = b * positions; i < (b + 1) * positions; i++) {
      if (start.frozen[i]) continue;
      input[i] = over.has(proposal.tokens[i]) ? maskToken : proposal.tokens[i];
      remask[i] = over.has(proposal.tokens[i]) ? 1 : 0;
    }
  }
  if (rows === 0) return 0;
  const logits = await network.logits(input);
  const forbidden = Array.from({ length: vocab }, (_, v) => config.forbidden.includes(v) || v === maskToken);
  for (let i = 0; i < x.length; i++) {
    if (!remask[i]) continue;
    const { token, score } = topPGumbelDraw(logits, i * vocab, vocab, forbidden, key, i);
    proposal.tokens[i] = token;
    proposal.confidence[i] = score;
  }
  return rows;
}

export async function sampleDplm(config: DplmSamplerConfig, start: DplmStart, network: DplmNetwork, samplingKey: number, ticker?: Ticker, keepTrajectory = false): Promise<DplmSample> {
  const { batch, positions, steps, maskToken } = config;
  const x = Int32Array.from(start.tokens);
  const free: number[] = [];
  for (let b = 0; b < batch; b++) {
    let n = 0;
    for (let i = b * positions; i < (b + 1) * positions; i++) if (!start.frozen[i]) n++;
    free.push(n);
  }
  const eligible = Uint8Array.from(start.frozen, (f) => 1 - f);
  const trajectory: Int32Array[] = [];
  const resampleKey = deriveKey(samplingKey, 'resample');
  let previous = free;
  let nfe = 0;
  let resampleCalls = 0;
  let resampledSequences = 0;
  for (let t = 1; t <= steps; t++) {
    const keep = keepMaskedCounts(free, t, steps);
    if (config.skipUnchangedK && keep.every((k, b) => k === previous[b])) continue;
    previous = keep;
    await ticker?.tick();
    if (keepTrajectory) trajectory.push(Int32Array.from(x));
    const proposal = await network.step(x, denoiseStepKey(samplingKey, t));
    nfe++;
    if (config.resampleRatio !== null) {
      const rows = await resample(proposal, x, start, config, network, deriveKey(resampleKey, t));
      if (rows > 0) resampleCalls++;
      resampledSequences += rows;
    }
    const stay = selectLowestConfidence(proposal.confidence, eligible, keep, batch, positions);
    for (let i = 0; i < x.length; i++) {
      if (start.frozen[i]) continue;
      if (stay[i]) x[i] = maskToken;
      else if (x[i] === maskToken) x[i] = proposal.tokens[i];
    }
  }
  if (keepTrajectory) trajectory.push(Int32Array.from(x));
  return { tokens: x, nfe, resampleCalls, resampledSequences, ...(keepTrajectory ? { trajectory } : {}) };
}
