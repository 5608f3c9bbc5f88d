// The five parts of one DPLM demo run, each a comparison over replicates (experiment.ts runs them
// and claims.ts judges them):
//   unconditional  deterministic ranking vs Gumbel-max vs Gumbel-max + resampling: repeats, NFE,
//                  composition, diversity, novelty
//   motif          scaffolds around frozen motif segments vs random scaffolds (natural composition)
//   guidance       η ∈ ETA_GRID: the held-out scorer's agreement with the target SS, perplexity
//   structure      the adapter given each held-out chain's SS string vs the plain DPLM: recovery
//   probe          linear-probe Q3 of DPLM vs masked-LM embeddings

import type { RngStream } from '../../lib/rng';
import type { Ticker } from '../../lib/schedule';
import { skippedRunCalls } from '../../models/diffusion/dplmSampler';
import { AMINO_ACIDS, encodeProtein } from '../../models/protein/aminoAcids';
import { SS_STATES } from '../../models/protein/convTagger';
import type { DplmAssets } from './assets';
import { agreement, commonestResiduePerState, composition, klDivergence, sequenceMetrics, type SequenceMetrics } from './metrics';
import { parseMotif, type MotifSpec } from './motif';
import { dplmNetwork, type NetworkSpec } from './networks';
import type { DplmParams } from './params';
import { pseudoPerplexity } from './plausibility';
import { bootstrapRows, embedChains, probeAccuracy } from './probe';
import { freeStart, generate, motifStart, ssInputs, ssTargets, type Generated, type SamplerSettings } from './sampling';

export const ETA_GRID = [0, 1, 2, 4] as const;
export type SamplerMode = 'deterministic' | 'gumbel' | 'gumbel-resample';
export const SAMPLER_MODES: readonly SamplerMode[] = ['deterministic', 'gumbel', 'gumbel-resample'];

export interface SectionContext {
  params: DplmParams;
  assets: DplmAssets;
  /** The device for the fused step, or null (step in TypeScript). */
  device: GPUDevice | null;
  root: RngStream;
  ticker: Ticker;
  /** Progress within the section, 0…1, with a label. */
  progress: (fraction: number, label: string) => void;
}

export interface RunCount {
  nfe: number;
  /** The calls the formula gives (skippedRunCalls, or T when not skipping): what NFE must equal for the sanity check. */
  expectedNfe: number;
  resampleCalls: number;
}

export interface UnconditionalRecord extends RunCount {
  mode: SamplerMode;
  replicate: number;
  sequences: string[];
  metrics: SequenceMetrics;
  /** The held-out scorer's SS string of each sequence (the track under the sequence view). */
  ss: string[];
}

export interface MotifRecord extends RunCount {
  replicate: number;
  sequences: string[];
  starts: number[][];
  /** Motif residues that came out different (must be 0). */
  motifMismatches: number;
  /** Held-out scorer agreement with the motif's SS on the motif positions: DPLM scaffolds, random scaffolds. */
  motifAgreement: number;
  randomMotifAgreement: number;
  /** Masked-LM pseudo-perplexity of the scaffold residues (motif excluded): DPLM, random. */
  scaffoldPerplexity: number;
  randomScaffoldPerplexity: number;
}

export interface GuidanceRecord extends RunCount {
  eta: number;
  replicate: number;
  sequences: string[];
  /** Agreement with the target of the held-out scorer (the claim) and of the guide (what was climbed). */
  scorerAgreement: number;
  guideAgreement: number;
  perplexity: number;
  /** KL(composition of the guided sequences ‖ natural): how far guidance drifts from natural residues. */
  compositionKl: number;
}

export interface StructureRecord extends RunCount {
  model: 'adapter' | 'dplm';
  /** The held-out chains, in order, and per chain the share of generated residues equal to the native ones. */
  chains: string[];
  recovery: number[];
}

/** The per-state lookup table's recovery on the same chains (no network: the floor the adapter must clear). */
export interface StructureLookup {
  table: Record<string, string>;
  chains: string[];
  recovery: number[];
}

export interface ProbeRecord {
  replicate: number;
  model: 'dplm' | 'mlm';
  q3: number;
}

function settings(p: DplmParams, mode: SamplerMode = 'gumbel-resample'): SamplerSettings {
  return {
    steps: p.steps,
    noiseScale: mode === 'deterministic' ? 0 : 1,
    resampleRatio: mode === 'gumbel-resample' && p.resampleRatio < 1 ? p.resampleRatio : null,
    skip: p.skip === 'on',
  };
}

function counts(out: Generated, lengths: readonly number[], p: DplmParams, steps = p.steps): RunCount {
  const expected = p.skip === 'on' ? skippedRunCalls(lengths, steps) : steps;
  return { nfe: out.nfe, expectedNfe: expected, resampleCalls: out.resampleCalls };
}

async function withNetwork<T>(ctx: SectionContext, spec: NetworkSpec, body: (net: Awaited<ReturnType<typeof dplmNetwork>>) => Promise<T>): Promise<T> {
  const net = await dplmNetwork(spec, ctx.device);
  try {
    return await body(net);
  } finally {
    net.dispose();
  }
}

/** The held-out scorer's H/E/C string of each sequence. */
async function scorerSs(ctx: SectionContext, sequences: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const s of sequences) {
    const classes = await ctx.assets.scorer.predict(encodeProtein(s), 1, s.length);
    out.push(Array.from(classes, (c) => SS_STATES[c]).join(''));
  }
  return out;
}

export interface Shown {
  /** The first sequence's x before each call and at the end, for the step-by-step view. */
  trajectory: Int32Array[];
  sequences: string[];
  ss: string[];
}

export async function runUnconditional(ctx: SectionContext, natural: readonly number[], training: readonly string[]): Promise<{ records: UnconditionalRecord[]; shown: Shown }> {
  const { params: p, assets } = ctx;
  const P = assets.dplm.config.length;
  const records: UnconditionalRecord[] = [];
  let shown: Shown | null = null;
  const total = SAMPLER_MODES.length * p.replicates;
  for (const mode of SAMPLER_MODES) {
    const s = settings(p, mode);
    await withNetwork(ctx, { model: assets.dplm, batch: p.samples, noiseScale: s.noiseScale }, async (net) => {
      for (let r = 0; r < p.replicates; r++) {
        ctx.progress(records.length / total, `Unconditional, ${mode}, replicate ${r + 1} of ${p.replicates}`);
        const keep = mode === 'gumbel-resample' && r === 0;
        const lengths = new Array<number>(p.samples).fill(p.length);
        const out = await generate(net, freeStart(lengths, P), p.samples, P, s, ctx.root.split('unconditional').split(mode).split(r).key, ctx.ticker, keep);
        const ss = await scorerSs(ctx, out.sequences);
        records.push({ mode, replicate: r, sequences: out.sequences, metrics: sequenceMetrics(out.sequences, natural, training), ss, ...counts(out, lengths, p) });
        if (keep) shown = { trajectory: out.trajectory!.map((x) => x.slice(0, P)), sequences: out.sequences, ss };
      }
    });
  }
  return { records, shown: shown! };
}

/** The motif's SS: the shipped labels when it is the shipped motif, else the scorer's prediction on each segment alone. */
async function motifSs(ctx: SectionContext, motif: MotifSpec): Promise<string[]> {
  const shipped = ctx.assets.data.motif.segments;
  if (shipped.length === motif.segments.length && shipped.every((s, i) => s.sequence === motif.segments[i])) return shipped.map((s) => s.ss3);
  return scorerSs(ctx, motif.segments);
}

/** The same placements with the free positions drawn from the natural composition. */
function randomScaffolds(sequences: readonly string[], frozen: (b: number, i: number) => boolean, natural: readonly number[], rng: RngStream): string[] {
  return sequences.map((s, b) => Array.from(s, (ch, i) => (frozen(b, i) ? ch : AMINO_ACIDS[rng.categorical(natural)])).join(''));
}

function motifTargets(length: number, starts: readonly number[], ss: readonly string[]): string {
  const target = new Array<string>(length).fill(' ');
  starts.forEach((start, s) => [...ss[s]].forEach((ch, j) => (target[start + j] = ch)));
  return target.join('');
}

export async function runMotif(ctx: SectionContext, natural: readonly number[]): Promise<MotifRecord[]> {
  const { params: p, assets } = ctx;
  const P = assets.dplm.config.length;
  const motif = parseMotif(p.motif, p.motifStarts);
  const ss = await motifSs(ctx, motif);
  const s = settings(p);
  const records: MotifRecord[] = [];
  await withNetwork(ctx, { model: assets.dplm, batch: p.samples, noiseScale: s.noiseScale }, async (net) => {
    for (let r = 0; r < p.replicates; r++) {
      ctx.progress(r / p.replicates, `Motif scaffolding, replicate ${r + 1} of ${p.replicates}`);
      const rng = ctx.root.split('motif').split(r);
      const start = motifStart(motif, p.scaffoldLength, p.samples, P, p.linkerJitter, rng.split('placement'));
      const out = await generate(net, start, p.samples, P, s, rng.split('sampling').key, ctx.ticker);
      const inMotif = (b: number, i: number) => start.frozen[b * P + i] === 1;
      let mismatches = 0;
      start.starts.forEach((rowStarts, b) => motif.segments.forEach((seg, k) => [...seg].forEach((ch, j) => (mismatches += out.sequences[b][rowStarts[k] + j] === ch ? 0 : 1))));
      const random = randomScaffolds(out.sequences, inMotif, natural, rng.split('random'));
      const agreementOf = async (seqs: string[]) => {
        const predicted = await scorerSs(ctx, seqs);
        return predicted.reduce((sum, pred, b) => sum + agreement(pred, motifTargets(p.scaffoldLength, start.starts[b], ss)), 0) / seqs.length;
      };
      const linkers = out.sequences.map((seq, b) => Uint8Array.from(seq, (_, i) => (inMotif(b, i) ? 0 : 1)));
      records.push({
        replicate: r,
        sequences: out.sequences,
        starts: start.starts,
        motifMismatches: mismatches,
        motifAgreement: await agreementOf(out.sequences),
        randomMotifAgreement: await agreementOf(random),
        scaffoldPerplexity: await pseudoPerplexity(assets.mlm, out.sequences, linkers),
        randomScaffoldPerplexity: await pseudoPerplexity(assets.mlm, random, linkers),
        ...counts(out, [p.scaffoldLength - motif.segments.join('').length], p),
      });
    }
  });
  return records;
}

/** The guidance target's SS string. */
export function guidanceTarget(p: DplmParams, templates: DplmAssets['data']['templates']): string {
  if (p.target === 'typed') return p.targetSs;
  const t = templates.find((x) => x.id === p.target);
  if (!t) throw new Error(`guidance target ${p.target} is not in the protein data`);
  return t.ss3;
}

export async function runGuidance(ctx: SectionContext, natural: readonly number[]): Promise<{ records: GuidanceRecord[]; shown: Shown }> {
  const { params: p, assets } = ctx;
  const P = assets.dplm.config.length;
  const target = guidanceTarget(p, assets.data.templates);
  const L = target.length;
  const targets = ssTargets(new Array<string>(p.samples).fill(target), P);
  const s = settings(p);
  const records: GuidanceRecord[] = [];
  const etas = [...ETA_GRID, ...(ETA_GRID.includes(p.eta as (typeof ETA_GRID)[number]) ? [] : [p.eta])];
  let shown: Shown | null = null;
  for (const eta of etas) {
    const spec: NetworkSpec = { model: assets.dplm, batch: p.samples, noiseScale: s.noiseScale, guidance: { tagger: assets.guide, target: targets, eta } };
    await withNetwork(ctx, spec, async (net) => {
      for (let r = 0; r < p.replicates; r++) {
        ctx.progress(records.length / (etas.length * p.replicates), `Guidance η = ${eta}, replicate ${r + 1} of ${p.replicates}`);
        const keep = eta === p.eta && r === 0;
        const lengths = new Array<number>(p.samples).fill(L);
        const out = await generate(net, freeStart(lengths, P), p.samples, P, s, ctx.root.split('guidance').split(`eta ${eta}`).split(r).key, ctx.ticker, keep);
        const scored = await scorerSs(ctx, out.sequences);
        const guided: string[] = [];
        for (const seq of out.sequences) guided.push(Array.from(await assets.guide.predict(encodeProtein(seq), 1, seq.length), (c) => SS_STATES[c]).join(''));
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
        records.push({
          eta,
          replicate: r,
          sequences: out.sequences,
          scorerAgreement: mean(scored.map((x) => agreement(x, target))),
          guideAgreement: mean(guided.map((x) => agreement(x, target))),
          perplexity: await pseudoPerplexity(assets.mlm, out.sequences),
          compositionKl: klDivergence(composition(out.sequences), natural),
          ...counts(out, lengths, p),
        });
        if (keep) shown = { trajectory: out.trajectory!.map((x) => x.slice(0, P)), sequences: out.sequences, ss: scored };
      }
    });
  }
  return { records, shown: shown! };
}

/** Held-out chains that fit the model, shortest first (ties in file order): the structure-conditioning test set. */
export function structureTestChains(assets: DplmAssets, count = Infinity): DplmAssets['data']['pdbTest'] {
  const fit = assets.data.pdbTest.filter((c) => c.sequence.length <= assets.dplm.config.length);
  return fit
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.sequence.length - b.c.sequence.length || a.i - b.i)
    .slice(0, count)
    .map(({ c }) => c);
}

/**
 * The authors' inverse-folding decoding (discrete_diffusion.md §1.3–1.4: `--unmasking_strategy
 * deterministic --sampling_strategy argmax`, 100 iterations): no Gumbel noise, no resampling. It is
 * deterministic, so each model runs once and the spread of the comparison is over the chains.
 */
export async function runStructure(ctx: SectionContext): Promise<{ records: StructureRecord[]; lookup: StructureLookup }> {
  const { params: p, assets } = ctx;
  const P = assets.dplm.config.length;
  const chains = structureTestChains(assets, p.structureChains);
  const lengths = chains.map((c) => c.sequence.length);
  const s: SamplerSettings = { steps: p.foldSteps, noiseScale: 0, resampleRatio: null, skip: p.skip === 'on' };
  const records: StructureRecord[] = [];
  for (const model of ['adapter', 'dplm'] as const) {
    ctx.progress(records.length / 2, `Structure conditioning, ${model === 'adapter' ? 'adapter' : 'DPLM alone'}`);
    const spec: NetworkSpec = { model: assets.dplm, batch: chains.length, noiseScale: s.noiseScale, ...(model === 'adapter' ? { conditioning: { adapter: assets.adapter, ss: ssInputs(chains.map((c) => c.ss3), P) } } : {}) };
    await withNetwork(ctx, spec, async (net) => {
      const out = await generate(net, freeStart(lengths, P), chains.length, P, s, ctx.root.split('structure').key, ctx.ticker);
      const recovery = out.sequences.map((seq, b) => [...seq].filter((ch, i) => ch === chains[b].sequence[i]).length / seq.length);
      records.push({ model, chains: chains.map((c) => c.id), recovery, ...counts(out, lengths, p, p.foldSteps) });
    });
  }
  const table = commonestResiduePerState(assets.data.pdbTrain);
  const lookup = chains.map((c) => [...c.ss3].filter((state, i) => table[state] === c.sequence[i]).length / c.sequence.length);
  return { records, lookup: { table, chains: chains.map((c) => c.id), recovery: lookup } };
}

/** The first `count` training chains in a fixed shuffled order (seeded: the same for both models). */
export function probeTrainingChains(assets: DplmAssets, count: number, root: RngStream): DplmAssets['data']['pdbTrain'] {
  const order = assets.data.pdbTrain.map((c, i) => ({ c, key: root.split('probe-order').split(i).uniform() }));
  return order
    .sort((a, b) => a.key - b.key)
    .slice(0, count)
    .map(({ c }) => c);
}

export async function runProbe(ctx: SectionContext): Promise<ProbeRecord[]> {
  const { params: p, assets } = ctx;
  const records: ProbeRecord[] = [];
  for (const model of ['dplm', 'mlm'] as const) {
    ctx.progress(model === 'dplm' ? 0 : 0.5, `Linear probe: ${model === 'dplm' ? 'DPLM' : 'masked-LM'} embeddings`);
    const net = model === 'dplm' ? assets.dplm : assets.mlm;
    const train = await embedChains(net, probeTrainingChains(assets, p.probeChains, ctx.root), ctx.ticker);
    const test = await embedChains(net, assets.data.pdbTest, ctx.ticker);
    for (let r = 0; r < p.replicates; r++) {
      await ctx.ticker.tick();
      // the same bootstrap for both models: a paired comparison
      const rows = bootstrapRows(train.chainLengths, ctx.root.split('probe').split(r));
      records.push({ replicate: r, model, q3: await probeAccuracy(train, rows, test) });
    }
  }
  return records;
}

/** The natural amino-acid composition and the training sequences (novelty is measured against them). */
export function trainingSet(assets: DplmAssets): { natural: number[]; training: string[] } {
  const training = [...assets.data.globinsTrain, ...assets.data.pdbTrain.map((c) => c.sequence)];
  return { natural: composition(training), training };
}
