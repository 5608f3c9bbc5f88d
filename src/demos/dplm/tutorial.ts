import type { TutorialStep } from '../../lib/demo';
import { distinctKCount } from '../../models/diffusion/dplmSampler';
import type { DplmResults } from './experiment';
import type { DplmParams } from './params';

const claim = (r: DplmResults, id: string) => r.claims.find((c) => c.id === id);

/** Only the named parts of the run (each step looks at one or two). */
const only = (...parts: ('unconditional' | 'motifPart' | 'guidance' | 'structure' | 'probe')[]): Partial<DplmParams> => ({
  unconditional: parts.includes('unconditional') ? 'on' : 'off',
  motifPart: parts.includes('motifPart') ? 'on' : 'off',
  guidance: parts.includes('guidance') ? 'on' : 'off',
  structure: parts.includes('structure') ? 'on' : 'off',
  probe: parts.includes('probe') ? 'on' : 'off',
});

/** A short run: 2 replicates of 2 sequences, 24 residues, T = 50, a small motif and a short typed target. */
const SMALL: Partial<DplmParams> = {
  replicates: 2,
  samples: 2,
  length: 24,
  steps: 50,
  scaffoldLength: 48,
  motif: 'KVADA/HAHKL',
  motifStarts: '8,25',
  linkerJitter: 2,
  target: 'typed',
  targetSs: 'CCHHHHHHHHHHHHCCCCHHHHHHHHHHHHCC',
  eta: 2,
};

const between01 = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;

export const tutorial: TutorialStep<DplmParams, DplmResults>[] = [
  {
    title: 'A protein out of masks',
    focus: 'dplm-unconditional',
    params: { ...SMALL, ...only('unconditional') },
    body:
      'DPLM is a protein language model trained as absorbing diffusion: mask a random share of a sequence’s residues, learn to predict them back. ' +
      'Generation starts from a fully masked sequence. Each network call predicts every masked residue; the most confident predictions stay and the rest are masked again, ' +
      'fewer each time. Press Play in “Watch a protein come out of the masks” and step through it with the buttons or the slider.',
    expect: {
      label: 'The shown run starts with all 24 positions masked and ends with none.',
      check: (r) => r.series.unconditionalSteps[0]?.masked === r.params.length && r.series.unconditionalSteps.at(-1)?.masked === 0,
    },
  },
  {
    title: 'Only call the network when K changes',
    focus: 'dplm-unconditional',
    params: { ...SMALL, ...only('unconditional'), length: 24, steps: 60 },
    body:
      'After step t of T, K = ⌊N(1 − t/T)⌋ positions stay masked. With T = 60 steps for N = 24 residues, most steps leave K where it was: calling the network there would only re-rank. ' +
      'Skipping those steps (the default) costs nothing in what the sampler can do, and the number of calls becomes the number of distinct K values. Switch the skipping off to see NFE = T.',
    expect: {
      label: 'NFE equals the number of distinct K values (the sanity check), fewer than T = 60.',
      check: (r) => claim(r, 'nfe-distinct-k')?.passed === true && r.metrics.nfe === distinctKCount(24, 60) && r.metrics.nfe < 60,
    },
  },
  {
    title: 'Repeats: deterministic ranking vs Gumbel-max and resampling',
    focus: 'chart-repeats',
    params: { ...SMALL, ...only('unconditional'), samples: 3 },
    body:
      'Keeping strictly the most confident residues tends to collapse into repeats (the same amino acid again and again). DPLM’s sampler adds Gumbel noise to the confidences, ' +
      'and the authors’ code re-masks and re-predicts a proposal in which one amino acid takes more than a quarter of the sequence. Compare the three samplers on the repeats chart; ' +
      'with two replicates of three sequences the whiskers are wide, which is why the claim uses more.',
    expect: {
      label: 'All three samplers ran, and every unconditional sequence has 24 residues and no mask left.',
      check: (r) => r.series.repeats.length === 3 && r.series.samples.filter((s) => s.task === 'unconditional').every((s) => /^[ACDEFGHIKLMNPQRSTVWY]{24}$/.test(s.sequence)),
    },
  },
  {
    title: 'Motif scaffolding: keep some residues, design the rest',
    focus: 'chart-motif-agreement',
    params: { ...SMALL, ...only('motifPart') },
    body:
      'Motif scaffolding is the same sampler with some positions never masked: here two short segments (KVADA and HAHKL, pieces of the default haemoglobin α motif) at positions 8 and 25 ' +
      'of a 48-residue scaffold, each moved by up to 2 residues per sample. In the samples the motif is bold, with a dark bar under it. The charts compare DPLM’s scaffolds with random ones around the same motif: ' +
      'does the held-out tagger still read the motif’s structure, and do the scaffolds look like protein to a masked LM?',
    expect: { label: 'Every motif residue came out exactly as given (the sanity check).', check: (r) => claim(r, 'motif-preserved')?.passed === true },
  },
  {
    title: 'Steering toward a secondary structure',
    focus: 'chart-guidance-agreement',
    params: { ...SMALL, ...only('guidance'), targetSs: 'CEEEEECCHHHHHHHHHHCCEEEEEC', eta: 4 },
    body:
      'Guidance adds η times the gradient of a small tagger’s log p(target structure | sequence) to the logits at every call. Here the target is a strand, a helix and a strand (26 residues). ' +
      'The dose–response chart shows agreement with the target at η = 0, 1, 2 and 4, read by a second tagger that guidance never saw; the step player shows one run at η = 4. ' +
      'Watch the perplexity chart too: pushing harder can make the sequences less protein-like.',
    expect: {
      label: 'The sweep covered η = 0, 1, 2, 4, and the guided sequences have the target’s 26 residues.',
      check: (r) =>
        r.series.guidance.map((g) => g.eta).join(',') === '0,1,2,4' &&
        r.series.guidedSteps.at(-1)?.masked === 0 &&
        r.series.samples.filter((s) => s.task.startsWith('guided')).every((s) => s.sequence.length === 26),
    },
  },
  {
    title: 'Structure in, sequence out; and what the embeddings know',
    focus: 'chart-recovery',
    params: { ...SMALL, ...only('structure', 'probe'), structureChains: 3, probeChains: 24 },
    body:
      'Two more uses of the same model. A small adapter feeds each held-out chain’s secondary-structure string into the frozen DPLM (a toy stand-in for the paper’s 3-D backbone encoder); ' +
      'recovery counts the generated residues that match the native chain (here the 3 shortest held-out chains), beside a lookup table with no network that writes the commonest training residue of each position’s SS state. And a linear probe reads secondary structure from DPLM’s embeddings and from a masked LM trained the same way ' +
      '(here from 24 training chains): the paper finds diffusion pre-training gives the better representation. Each claim row says whether that held here.',
    expect: {
      label: 'Both comparisons ran: recovery (adapter, DPLM alone, lookup table) and Q3 are shares between 0 and 1.',
      check: (r) => r.series.recovery.length === 3 && r.series.probe.length === 2 && [...r.series.recovery, ...r.series.probe].every((row) => between01(row.valueMean)),
    },
  },
  {
    title: 'The claims, at the defaults',
    focus: 'claims',
    params: {},
    body:
      'The defaults run every part with 5 replicates of 4 sequences at T = 500, guided toward haemoglobin α’s all-α structure, on all 18 held-out chains that fit and all 303 training chains for the probe: ' +
      'the page opens on this run, computed beforehand with this code. Read the claim rows: each paper claim is a mean over replicates with its interval (structure conditioning decodes deterministically, so its spread is over the chains), and a row that fails says so with its numbers.',
    expect: {
      label: 'Every part ran with 5 replicates (structure conditioning: over its 18 chains), and the two sanity checks hold.',
      check: (r) =>
        r.claims.filter((c) => c.kind === 'paper').every((c) => c.spread?.replicates === (c.id === 'adapter-recovery' ? r.metrics.structureChains : 5)) && claim(r, 'motif-preserved')?.passed === true && claim(r, 'nfe-distinct-k')?.passed === true,
    },
  },
];
