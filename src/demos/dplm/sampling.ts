// Starting batches for the DPLM sampler, one per task of the demo, and the run of one batch:
// unconditional (all free), motif scaffolding (segments frozen at jittered starts), guided toward an
// SS string, and structure-conditioned (the adapter sees each chain's SS string). Sequences shorter
// than the model's positions are padded; padding is frozen.

import type { RngStream } from '../../lib/rng';
import type { Ticker } from '../../lib/schedule';
import { sampleDplm, type DplmSample, type DplmSamplerConfig, type DplmStart } from '../../models/diffusion/dplmSampler';
import { decodeProtein, encodeProtein, MASK, PAD, PROTEIN_VOCAB } from '../../models/protein/aminoAcids';
import { encodeSs } from '../../models/protein/convTagger';
import { SS_NONE } from '../../models/protein/structureAdapter';
import { jitteredStarts, type MotifSpec } from './motif';
import { FORBIDDEN } from './networks';
import type { DisposableNetwork } from './networks';

/** Rows of the given lengths, all free, padding after each. */
export function freeStart(lengths: readonly number[], positions: number): DplmStart {
  const tokens = new Int32Array(lengths.length * positions).fill(PAD);
  const frozen = new Uint8Array(tokens.length).fill(1);
  lengths.forEach((n, b) => {
    if (n > positions) throw new Error(`a sequence of ${n} residues does not fit the model's ${positions} positions`);
    tokens.fill(MASK, b * positions, b * positions + n);
    frozen.fill(0, b * positions, b * positions + n);
  });
  return { tokens, frozen };
}

export interface MotifStart extends DplmStart {
  /** Per row: the 0-based start of each segment. */
  starts: number[][];
}

/** `batch` scaffolds of `length` residues with the motif's segments frozen at jittered starts. */
export function motifStart(motif: MotifSpec, length: number, batch: number, positions: number, jitter: number, rng: RngStream): MotifStart {
  const start = freeStart(new Array<number>(batch).fill(length), positions);
  const starts: number[][] = [];
  for (let b = 0; b < batch; b++) {
    const rowStarts = jitteredStarts(motif, length, jitter, rng);
    starts.push(rowStarts);
    motif.segments.forEach((segment, s) => {
      const at = b * positions + rowStarts[s];
      start.tokens.set(encodeProtein(segment), at);
      start.frozen.fill(1, at, at + segment.length);
    });
  }
  return { ...start, starts };
}

/** Per-position SS classes [B·P] of one SS string per row (−1 on padding): the guidance target. */
export function ssTargets(ss: readonly string[], positions: number): Int32Array {
  const out = new Int32Array(ss.length * positions).fill(-1);
  ss.forEach((s, b) => out.set(encodeSs(s), b * positions));
  return out;
}

/** Per-position SS input states [B·P] for the adapter (SS_NONE on padding). */
export function ssInputs(ss: readonly string[], positions: number): Int32Array {
  const out = new Int32Array(ss.length * positions).fill(SS_NONE);
  ss.forEach((s, b) => out.set(encodeSs(s), b * positions));
  return out;
}

export interface SamplerSettings {
  steps: number;
  noiseScale: number;
  resampleRatio: number | null;
  skip: boolean;
}

export function samplerConfig(batch: number, positions: number, s: SamplerSettings): DplmSamplerConfig {
  return {
    batch,
    positions,
    vocab: PROTEIN_VOCAB,
    maskToken: MASK,
    padToken: PAD,
    forbidden: FORBIDDEN,
    steps: s.steps,
    noiseScale: s.noiseScale,
    resampleRatio: s.resampleRatio,
    skipUnchangedK: s.skip,
  };
}

export interface Generated extends DplmSample {
  sequences: string[];
}

export async function generate(network: DisposableNetwork, start: DplmStart, batch: number, positions: number, s: SamplerSettings, key: number, ticker?: Ticker, keepTrajectory = false): Promise<Generated> {
  const out = await sampleDplm(samplerConfig(batch, positions, s), start, network, key, ticker, keepTrajectory);
  const sequences = Array.from({ length: batch }, (_, b) => decodeProtein(out.tokens.subarray(b * positions, (b + 1) * positions)));
  return { ...out, sequences };
}
