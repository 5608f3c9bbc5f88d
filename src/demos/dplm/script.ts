// "Export as a script": the DPLM run in Python (script.py). The five networks run in PyTorch (the same
// architectures, loaded from the shipped weights); the NumPy part computes what needs no network (the
// sampler's call schedule, the seeded motif placements, the per-state lookup table's recovery, the
// models' sizes) and is what the agreement test compares: the page's default run is ~23 min of
// network work on a CPU, which the 20 s NumPy run cannot repeat. (Run by hand with PyTorch at the
// defaults, the script reproduced the shipped run's claims to the last digit.)
import body from './script.py?raw';
import { claimValue, type DemoScript } from '../../lib/pythonScript';
import type { DplmResults } from './experiment';
import type { DplmParams } from './params';
import { MODE_LABELS } from './summary';

const on = (toggle: string) => toggle === 'on';

const EXACT_COUNT = 'A count from integer arithmetic (K = ⌊N(T − t)/T⌋ per step): no rounding on either side.';
const SEEDED = 'Drawn from the same seeded stream (root/motif/r/placement, rng.int per segment, row by row): the same integers.';

const repeatRow = (r: DplmResults, mode: keyof typeof MODE_LABELS) => r.series.repeats.find((row) => row.mode === MODE_LABELS[mode]);
const lookupRow = (r: DplmResults) => r.series.recovery.find((row) => row.label.startsWith('Lookup'));
/** The page's 0-based start of segment s in motif sample b (replicate 0, the samples table). */
const motifStart = (r: DplmResults, b: number, s: number) => {
  const row = r.series.samples.find((x) => x.task === 'motif' && x.index === b);
  return row ? Number(row.motifStarts.split(',')[s]) : NaN;
};

export const script: DemoScript<DplmParams, DplmResults> = {
  frameworks: 'numpy+pytorch',
  body,
  constants: (p) => [
    { name: 'SEED', value: p.seed, comment: 'the seed: the same seed draws the same noise, placements and bootstraps as the page' },
    { name: 'UNCONDITIONAL', value: on(p.unconditional), comment: 'run unconditional generation (deterministic ranking vs Gumbel-max vs Gumbel-max + resampling)' },
    { name: 'MOTIF_PART', value: on(p.motifPart), comment: 'run motif scaffolding (against random scaffolds)' },
    { name: 'GUIDANCE', value: on(p.guidance), comment: 'run the secondary-structure guidance dose-response over eta in {0, 1, 2, 4}' },
    { name: 'STRUCTURE', value: on(p.structure), comment: 'run structure conditioning (the adapter vs the DPLM alone vs the lookup table)' },
    { name: 'PROBE', value: on(p.probe), comment: 'run the linear probe on DPLM vs masked-LM embeddings' },
    { name: 'LENGTH', value: p.length, comment: 'residues of each unconditionally generated sequence (at most 160, the models\' positions)' },
    { name: 'SAMPLES', value: p.samples, comment: 'sequences generated together per replicate and setting' },
    { name: 'REPLICATES', value: p.replicates, comment: 'independent repetitions of every comparison' },
    { name: 'STEPS', value: p.steps, comment: 'diffusion steps T of the sampler (the authors use 500)' },
    { name: 'SKIP', value: on(p.skip), comment: 'skip steps where no sequence\'s K = floor(N (1 - t/T)) changes (NFE = distinct K values)' },
    { name: 'RESAMPLE_RATIO', value: p.resampleRatio, comment: 'resample a proposal whose commonest amino acid exceeds this share (1: never)' },
    { name: 'MOTIF', value: p.motif, comment: 'motif segments kept fixed, separated by "/"' },
    { name: 'MOTIF_STARTS', value: p.motifStarts, comment: '1-based start of each segment in the scaffold' },
    { name: 'SCAFFOLD_LENGTH', value: p.scaffoldLength, comment: 'residues of each scaffold, motif included' },
    { name: 'LINKER_JITTER', value: p.linkerJitter, comment: 'each sample moves each segment by up to this many residues' },
    { name: 'TARGET', value: p.target, comment: 'guidance target: "all-alpha", "alpha-beta" (templates of the data) or "typed" (TARGET_SS)' },
    { name: 'TARGET_SS', value: p.targetSs, comment: 'the typed target, H/E/C per residue (used when TARGET is "typed")' },
    { name: 'FOLD_STEPS', value: p.foldSteps, comment: 'sampler steps of structure conditioning (argmax, deterministic unmasking)' },
    { name: 'STRUCTURE_CHAINS', value: p.structureChains, comment: 'held-out chains (at most 160 residues, shortest first) for structure conditioning' },
    { name: 'PROBE_CHAINS', value: p.probeChains, comment: 'training chains the probe\'s bootstrap draws from, in a fixed seeded order' },
    { name: 'ETA', value: p.eta, comment: 'guidance strength of the shown run (added to the sweep when off the grid)' },
    { name: 'DATA_FILE', value: 'data/dplm/proteins.json', comment: 'the protein data (public/data/dplm/proteins.json of the playground), relative to this script: the network parts read it' },
  ],
  data: ['data/dplm/proteins.json'],
  weights: ['weights/dplm-proteins/', 'weights/mlm-proteins/', 'weights/dplm-structure-adapter/', 'weights/ss-tagger-guide/', 'weights/ss-tagger-scorer/'],
  agreement: [
    { key: 'nfe_runs_off', page: (r) => claimValue(r, 'nfe-distinct-k'), tolerance: { abs: 0 }, why: `The nfe-distinct-k claim: sampler runs whose network calls differ from the formula. ${EXACT_COUNT}` },
    { key: 'nfe', page: (r) => r.metrics.nfe, tolerance: { abs: 0 }, why: `Mean NFE of the Gumbel-max + resampling runs. ${EXACT_COUNT}` },
    ...(['deterministic', 'gumbel', 'gumbel-resample'] as const).map((mode) => ({
      key: `nfe_mean_${mode.replace('-', '_')}`,
      page: (r: DplmResults) => repeatRow(r, mode)?.nfeMean ?? NaN,
      tolerance: { abs: 0 },
      why: `Mean NFE of the ${MODE_LABELS[mode]} runs. ${EXACT_COUNT}`,
    })),
    { key: 'parameters', page: (r) => r.metrics.parameters, tolerance: { abs: 0 }, why: 'Counted from the DPLM manifest’s config with the same parameter list.' },
    { key: 'structure_chains', page: (r) => r.metrics.structureChains, tolerance: { abs: 0 }, why: 'The held-out chains of at most 160 residues: a count from the data.' },
    { key: 'held_out_loss', page: (r) => r.metrics.heldOutLoss ?? NaN, tolerance: { abs: 0 }, why: 'Read from the same manifest field (finalHeldOutLoss).' },
    ...(['Mean', 'Min', 'Max'] as const).map((stat) => ({
      key: `lookup_recovery_${stat.toLowerCase()}`,
      page: (r: DplmResults) => lookupRow(r)?.[`value${stat}`] ?? NaN,
      tolerance: { rel: 1e-12 },
      why: 'The per-state lookup table’s recovery on the held-out chains: ratios of integer counts and a left-to-right float64 mean on both sides (measured gap 0).',
    })),
    ...[0, 1, 2, 3].flatMap((b) =>
      [0, 1].map((s) => ({
        key: `motif_start_r0_b${b}_s${s}`,
        page: (r: DplmResults) => motifStart(r, b, s),
        tolerance: { abs: 0 },
        why: SEEDED,
      })),
    ),
  ],
  seconds: 2,
};
