// Sequence-level metrics of generated proteins, reimplemented from their plain definitions (no
// folding model exists in a browser, so pLDDT and TM-score based diversity and novelty are out of
// reach; these are the proxies the notes name, discrete_diffusion.md §3):
// - composition KL: KL(generated ‖ natural) of amino-acid frequencies (natural: the training set)
// - repeat share: sequences whose commonest amino acid exceeds 25 % of them (DPLM App. D.1's collapse)
// - longest homopolymer run
// - identity: the best ungapped identity over diagonal shifts of up to ±SHIFT residues, matches /
//   the shorter length: pairwise within a batch (diversity = 1 − mean identity) and the maximum
//   against the training sequences (novelty = 1 − that)

import { AMINO_ACIDS } from '../../models/protein/aminoAcids';

export const REPEAT_SHARE = 0.25;
const SHIFT = 10;

/** Amino-acid frequencies (20) of a set of sequences, with a half count of smoothing. */
export function composition(sequences: readonly string[]): number[] {
  const counts = new Array<number>(20).fill(0.5);
  for (const s of sequences) for (const ch of s) counts[AMINO_ACIDS.indexOf(ch)] += 1;
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => c / total);
}

/** KL(p ‖ q) in nats. */
export function klDivergence(p: readonly number[], q: readonly number[]): number {
  return p.reduce((s, pi, i) => s + (pi > 0 ? pi * Math.log(pi / q[i]) : 0), 0);
}

/** The share of its length that a sequence's commonest amino acid takes. */
export function topResidueShare(sequence: string): number {
  const counts = new Map<string, number>();
  for (const ch of sequence) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return sequence.length === 0 ? 0 : Math.max(...counts.values()) / sequence.length;
}

export function longestRun(sequence: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < sequence.length; i++) {
    run = i > 0 && sequence[i] === sequence[i - 1] ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best;
}

/** Best ungapped identity of a and b over shifts −SHIFT … SHIFT (matches / the shorter length). */
export function identity(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  if (shorter === 0) return 0;
  let best = 0;
  for (let shift = -SHIFT; shift <= SHIFT; shift++) {
    let matches = 0;
    for (let i = Math.max(0, -shift); i < a.length && i + shift < b.length; i++) if (a[i] === b[i + shift]) matches++;
    best = Math.max(best, matches);
  }
  return best / shorter;
}

export interface SequenceMetrics {
  compositionKl: number;
  /** Share of sequences whose commonest amino acid exceeds REPEAT_SHARE of them. */
  repeatShare: number;
  meanLongestRun: number;
  /** Mean pairwise identity within the batch (NaN for one sequence). */
  meanPairwiseIdentity: number;
  /** Mean over sequences of the highest identity to any training sequence. */
  meanMaxTrainingIdentity: number;
}

export function sequenceMetrics(sequences: readonly string[], natural: readonly number[], training: readonly string[]): SequenceMetrics {
  const pairs: number[] = [];
  for (let i = 0; i < sequences.length; i++) for (let j = i + 1; j < sequences.length; j++) pairs.push(identity(sequences[i], sequences[j]));
  const maxTraining = sequences.map((s) => training.reduce((best, t) => Math.max(best, identity(s, t)), 0));
  const avg = (xs: number[]) => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
  return {
    compositionKl: klDivergence(composition(sequences), natural),
    repeatShare: avg(sequences.map((s) => (topResidueShare(s) > REPEAT_SHARE ? 1 : 0))),
    meanLongestRun: avg(sequences.map(longestRun)),
    meanPairwiseIdentity: avg(pairs),
    meanMaxTrainingIdentity: avg(maxTraining),
  };
}

/** Share of positions where two equal-length label strings agree (positions where `target` is a space are skipped). */
export function agreement(predicted: string, target: string): number {
  let right = 0;
  let counted = 0;
  for (let i = 0; i < Math.min(predicted.length, target.length); i++) {
    if (target[i] === ' ') continue;
    counted++;
    if (predicted[i] === target[i]) right++;
  }
  return counted === 0 ? NaN : right / counted;
}

/**
 * The structure-conditioning floor: for each SS state (H, E, C) the commonest residue of the training
 * chains in that state. Generating that residue at every position reads the SS string and nothing
 * else, so an adapter that reads more than per-state preferences must beat it.
 */
export function commonestResiduePerState(chains: readonly { sequence: string; ss3: string }[]): Record<string, string> {
  const counts: Record<string, Map<string, number>> = {};
  for (const c of chains)
    [...c.ss3].forEach((state, i) => {
      const m = (counts[state] ??= new Map());
      m.set(c.sequence[i], (m.get(c.sequence[i]) ?? 0) + 1);
    });
  // ties go to the letter first in the alphabet, so the table does not depend on chain order
  return Object.fromEntries(Object.entries(counts).map(([state, m]) => [state, [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0]]));
}
