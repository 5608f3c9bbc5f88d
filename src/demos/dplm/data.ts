// The DPLM demo's protein data file (public/data/dplm/proteins.json, scripts/make-dplm-data.ts),
// checked on load so that a broken file names what is wrong.

import { AMINO_ACIDS } from '../../models/protein/aminoAcids';

export interface LabelledChain {
  id: string;
  sequence: string;
  ss3: string;
}

export interface SsTemplate {
  id: string;
  label: string;
  source: string;
  ss3: string;
}

export interface MotifSegment {
  /** 0-based start in the source protein. */
  start: number;
  sequence: string;
  ss3: string;
}

export interface ProteinData {
  about: string;
  globinsTrain: string[];
  pdbTrain: LabelledChain[];
  pdbTest: LabelledChain[];
  templates: SsTemplate[];
  motif: { label: string; source: string; length: number; segments: MotifSegment[] };
}

const RESIDUES = new RegExp(`^[${AMINO_ACIDS}]+$`);
const SS = /^[HEC]+$/;

export function checkProteinData(raw: unknown): ProteinData {
  const d = raw as Partial<ProteinData>;
  const fail = (what: string) => {
    throw new Error(`protein data: ${what}`);
  };
  if (!d || typeof d !== 'object') fail('not a JSON object');
  if (!Array.isArray(d.globinsTrain) || d.globinsTrain.some((s) => typeof s !== 'string' || !RESIDUES.test(s))) fail('globinsTrain must be a list of amino-acid strings');
  for (const key of ['pdbTrain', 'pdbTest'] as const) {
    const chains = d[key];
    if (!Array.isArray(chains) || chains.length === 0) fail(`${key} must be a non-empty list of chains`);
    chains!.forEach((c, i) => {
      if (!RESIDUES.test(c.sequence) || !SS.test(c.ss3) || c.sequence.length !== c.ss3.length) fail(`${key}[${i}] (${c.id}) needs an amino-acid sequence and an H/E/C string of the same length`);
    });
  }
  if (!Array.isArray(d.templates) || d.templates.some((t) => !SS.test(t.ss3))) fail('templates must carry H/E/C strings');
  if (!d.motif || !Array.isArray(d.motif.segments) || d.motif.segments.some((s) => !RESIDUES.test(s.sequence) || s.ss3.length !== s.sequence.length)) fail('the motif needs segments with sequences and SS strings');
  return d as ProteinData;
}
