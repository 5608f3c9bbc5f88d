// Motif scaffolding input: the motif's segments ("GSAQVK/SALSD", separated by "/") and where each
// starts in the scaffold ("51,81", 1-based), checked with messages that name the problem; and the
// per-sample placement, where each segment moves by up to ± jitter (the linker lengths sampled per
// run, which users of the authors' code ask for: bytedance/dplm#13) while keeping order and gaps.

import type { RngStream } from '../../lib/rng';
import { AMINO_ACIDS, describeBadResidues } from '../../models/protein/aminoAcids';

export interface MotifSpec {
  segments: string[];
  /** 0-based starts in the scaffold, one per segment. */
  starts: number[];
}

export function motifSegmentsProblem(text: string): string | null {
  if (text.length === 0) return 'is empty: give at least one segment of amino acids';
  const segments = text.split('/');
  const empty = segments.findIndex((s) => s.length === 0);
  if (empty >= 0) return `segment ${empty + 1} is empty (segments are separated by a single "/")`;
  return describeBadResidues('the motif', segments.join(''))?.replace(/^the motif: /, '') ?? null;
}

export function motifStartsProblem(text: string): string | null {
  if (!/^\d+(,\d+)*$/.test(text)) return 'must be 1-based positions separated by commas, e.g. 51,81';
  if (text.split(',').some((p) => Number(p) < 1)) return 'positions start at 1';
  return null;
}

/** The problem with the motif in a scaffold of `length` residues, or null (segments fit, in order, apart). */
export function placementProblem(segmentsText: string, startsText: string, length: number): string | null {
  const segments = segmentsText.split('/');
  const starts = startsText.split(',').map((p) => Number(p) - 1);
  if (segments.length !== starts.length) return `the motif has ${segments.length} segment(s) but ${starts.length} start position(s)`;
  const total = segments.reduce((n, s) => n + s.length, 0);
  if (total > length) return `the motif (${total} residues) is longer than the scaffold (${length})`;
  for (let i = 0; i < segments.length; i++) {
    const end = starts[i] + segments[i].length;
    if (end > length) return `segment ${i + 1} (${segments[i].length} residues from ${starts[i] + 1}) runs past the scaffold's end (${length})`;
    if (i > 0 && starts[i] < starts[i - 1] + segments[i - 1].length) return `segments ${i} and ${i + 1} overlap (or are out of order): segment ${i} ends at ${starts[i - 1] + segments[i - 1].length}, segment ${i + 1} starts at ${starts[i] + 1}`;
  }
  return null;
}

export function parseMotif(segmentsText: string, startsText: string): MotifSpec {
  return { segments: segmentsText.split('/'), starts: startsText.split(',').map((p) => Number(p) - 1) };
}

/**
 * One sample's placement: each start moves by an integer in [−jitter, jitter], drawn left to right
 * and clamped so that segments stay in order, apart and inside the scaffold.
 */
export function jitteredStarts(motif: MotifSpec, length: number, jitter: number, rng: RngStream): number[] {
  const out: number[] = [];
  let earliest = 0;
  motif.segments.forEach((segment, i) => {
    const rest = motif.segments.slice(i + 1).reduce((n, s) => n + s.length, 0);
    const latest = length - rest - segment.length;
    const wanted = motif.starts[i] + rng.int(2 * jitter + 1) - jitter;
    const start = Math.min(latest, Math.max(earliest, wanted));
    out.push(start);
    earliest = start + segment.length;
  });
  return out;
}

export const motifAlphabet = `${AMINO_ACIDS}/`;
