import { decodeSpec, networkSpec, seedSpec, threadSpec, type CrossFieldIssue, type NearbySetting, type ParamValues, type Schema } from '../../lib/params';
import { motifSegmentsProblem, motifStartsProblem, placementProblem } from './motif';

/** The model's positions: a sequence of up to this many residues (then padding). */
export const MAX_RESIDUES = 160;

const ssProblem = (text: string): string | null => {
  const bad = [...text].map((ch, i) => [ch, i + 1] as const).filter(([ch]) => !'HEC'.includes(ch));
  if (bad.length === 0) return null;
  return `only H (helix), E (strand) and C (coil) are allowed; found ${bad
    .slice(0, 5)
    .map(([ch, i]) => `"${ch}" at ${i}`)
    .join(', ')}${bad.length > 5 ? `, … (${bad.length} in all)` : ''}`;
};

/**
 * The demo's whole state. The defaults are the claim checks: 5 replicates of 4 sequences for each
 * comparison (docs/DESIGN.md §8: ≥ 5 replicates), T = 500 as the authors' sampler, η ∈ {0, 1, 2, 4}
 * for the guidance dose–response.
 */
export const dplmSchema = {
  seed: seedSpec,
  unconditional: { kind: 'toggle', default: 'on', label: 'Unconditional generation', help: 'Deterministic ranking vs Gumbel-max vs Gumbel-max + resampling: repeats, NFE, composition, diversity, novelty.' },
  motifPart: { kind: 'toggle', default: 'on', label: 'Motif scaffolding', help: 'Scaffolds around the frozen motif, against random scaffolds.' },
  guidance: { kind: 'toggle', default: 'on', label: 'Secondary-structure guidance', help: 'The dose–response over η ∈ {0, 1, 2, 4}, scored by the held-out tagger.' },
  structure: { kind: 'toggle', default: 'on', label: 'Structure conditioning', help: 'The adapter given each held-out chain’s SS string, against the DPLM alone: sequence recovery.' },
  probe: { kind: 'toggle', default: 'on', label: 'Representations (linear probe)', help: 'Secondary structure read from DPLM vs masked-LM embeddings by the same linear probe.' },
  length: { kind: 'int', default: 100, min: 20, max: MAX_RESIDUES, label: 'Length (unconditional)', help: 'Residues of each unconditionally generated sequence.' },
  samples: { kind: 'int', default: 4, min: 2, max: 32, label: 'Sequences per replicate', help: 'Sequences generated together for each replicate and setting.' },
  replicates: { kind: 'int', default: 5, min: 1, max: 10, label: 'Replicates', help: 'Independent repetitions of every comparison (the spread on the charts and in the claims).' },
  steps: { kind: 'int', default: 500, min: 10, max: 1000, label: 'Diffusion steps T', help: 'Steps of the sampler (the authors use 500). With skipping, only steps where the number of masked positions changes call the network.' },
  skip: { kind: 'toggle', default: 'on', label: 'Skip steps where K does not change', help: 'K = ⌊N(1 − t/T)⌋ positions stay masked after step t; for T > N most steps leave K unchanged and only re-rank. Skipping them makes NFE the number of distinct K values.' },
  resampleRatio: { kind: 'float', default: 0.25, min: 0.05, max: 1, step: 0.05, label: 'Resampling share', help: 'When one amino acid takes more than this share of a proposed sequence, its positions are masked and re-predicted once (the authors’ fix for repeats, bytedance/dplm#12). 1 never resamples.' },
  motif: { kind: 'text', default: 'GSAQVKGHGKKVADA/SALSDLHAHKLRVDP', maxLength: MAX_RESIDUES, upperCase: true, check: motifSegmentsProblem, label: 'Motif segments', help: 'Amino acids kept fixed, segments separated by "/" (default: haemoglobin α around its two haem histidines).' },
  motifStarts: { kind: 'text', default: '51,81', maxLength: 40, check: motifStartsProblem, label: 'Segment starts', help: '1-based position of each segment in the scaffold, e.g. 51,81 (drag the segments on the track).' },
  scaffoldLength: { kind: 'int', default: 141, min: 20, max: MAX_RESIDUES, label: 'Scaffold length', help: 'Residues of each scaffold, motif included.' },
  linkerJitter: { kind: 'int', default: 3, min: 0, max: 10, label: 'Linker jitter', help: 'Each sample moves each segment by up to this many residues (order and gaps kept), so linker lengths vary between samples.' },
  target: {
    kind: 'enum',
    default: 'all-alpha',
    options: [
      { value: 'all-alpha', label: 'all-α (haemoglobin α, 141 aa)' },
      { value: 'alpha-beta', label: 'α/β (ubiquitin, 76 aa)' },
      { value: 'typed', label: 'Typed below' },
    ],
    label: 'Guidance target',
    help: 'The secondary-structure string y that guidance climbs log p(y | x) toward; its length sets the length of the guided sequences.',
  },
  targetSs: { kind: 'text', default: '', maxLength: MAX_RESIDUES, upperCase: true, check: ssProblem, label: 'Typed target', help: 'H, E and C, one letter per residue (used when the target is “Typed below”).' },
  foldSteps: { kind: 'int', default: 100, min: 10, max: 1000, label: 'Steps T (structure conditioning)', help: 'Sampler steps for the structure-conditioned runs, which decode by argmax without noise or resampling (the authors’ inverse-folding command: 100 steps). The held-out chains have 18 different lengths, so with skipping nearly every step changes some chain’s K.', advanced: true },
  structureChains: { kind: 'int', default: 18, min: 1, max: 18, label: 'Held-out chains (structure)', help: 'Held-out PDB chains of at most 160 residues that structure conditioning is tried on, shortest first (18: all of them).', advanced: true },
  probeChains: { kind: 'int', default: 303, min: 10, max: 303, label: 'Training chains (probe)', help: 'Training PDB chains whose embeddings the probe may draw its bootstrap from, in a fixed shuffled order (303: all).', advanced: true },
  eta: { kind: 'float', default: 2, min: 0, max: 8, step: 0.5, label: 'Guidance strength η (shown run)', help: 'logits += η·∇ log p(y | x): the run shown step by step. The dose–response sweeps η ∈ {0, 1, 2, 4}.' },
  network: networkSpec('Network runs on'),
  thread: threadSpec('When the networks run on the CPU the whole run can go to a Web Worker, so the page stays responsive. The numbers are the same either way.'),
  decode: decodeSpec('Where the step after each network call runs (Gumbel noise, argmax, confidence). Both give the same tokens for the same logits.'),
} as const satisfies Schema;

export type DplmSchema = typeof dplmSchema;
export type DplmParams = ParamValues<DplmSchema>;

/** Rules across fields: something runs; the motif fits the scaffold in order; a typed target is not empty. */
export function refineDplm(p: DplmParams): CrossFieldIssue<DplmParams>[] {
  const issues: CrossFieldIssue<DplmParams>[] = [];
  if ([p.unconditional, p.motifPart, p.guidance, p.structure, p.probe].every((t) => t === 'off')) issues.push({ field: 'unconditional', problem: 'Every part of the run is switched off', fix: { unconditional: 'on' } });
  const placement = placementProblem(p.motif, p.motifStarts, p.scaffoldLength);
  if (placement) issues.push({ field: 'motifStarts', problem: `Motif: ${placement}`, fix: { motif: dplmSchema.motif.default, motifStarts: dplmSchema.motifStarts.default, scaffoldLength: dplmSchema.scaffoldLength.default } });
  if (p.target === 'typed' && p.targetSs.length < 10) {
    issues.push({ field: 'targetSs', problem: `Typed target: ${p.targetSs.length === 0 ? 'is empty' : `has ${p.targetSs.length} letters`}; type at least 10 letters of H, E, C (or choose a template)`, fix: { target: 'all-alpha' } });
  }
  return issues;
}

/** docs/DESIGN.md §8: where `npm run claims` checks the claims besides the defaults (fixed before looking). */
export const nearbySettings: readonly NearbySetting<DplmParams>[] = [
  { label: 'T = 200, 12 sequences', params: { steps: 200, samples: 12 } },
  { label: 'α/β target, length 80', params: { target: 'alpha-beta', length: 80 } },
];
