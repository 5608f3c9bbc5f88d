// One run of the DPLM demo: the trained DPLM generates unconditionally (three ways of ranking),
// around a motif, under secondary-structure guidance and through the structure adapter, and its
// embeddings are probed against a masked LM's; every comparison over replicates, then the claims
// (claims.ts) are judged on these very numbers.

import { networkOnGpu, onChosenTfBackend, type ComputeState, type TfPlacement } from '../../gpu/backend';
import { RngStream } from '../../lib/rng';
import { Ticker, type RunControl } from '../../lib/schedule';
import { offThread, runInWorker } from '../../lib/workerRun';
import type { Claim, DemoResults } from '../../lib/results';
import { fusedStepClaim } from '../../models/diffusion/fusedStepClaim';
import { parameterCount } from '../../models/maskedDiffusionTransformer';
import { loadDplmAssets, type DplmAssets } from './assets';
import { buildClaims } from './claims';
import { dplmNetwork } from './networks';
import { freeStart } from './sampling';
import type { DplmParams } from './params';
import { guidanceTarget, runGuidance, runMotif, runProbe, runStructure, runUnconditional, structureTestChains, trainingSet, type GuidanceRecord, type MotifRecord, type ProbeRecord, type SectionContext, type Shown, type StructureLookup, type StructureRecord, type UnconditionalRecord } from './sections';
import { summarise, type DplmSeries, type DplmSummaryMetrics } from './summary';

export const SLUG = 'dplm';
export type DplmMetrics = DplmSummaryMetrics & { parameters: number; heldOutLoss?: number; structureChains: number };
export type DplmResults = DemoResults<DplmParams, DplmSeries, DplmMetrics>;
export type DplmEnv = Pick<ComputeState, 'info' | 'device'>;

/** The sections in run order, their switch, and their weight on the progress bar (roughly their share of the time). */
const SECTIONS = [
  { id: 'unconditional', on: (p: DplmParams) => p.unconditional === 'on', weight: 0.25 },
  { id: 'motif', on: (p: DplmParams) => p.motifPart === 'on', weight: 0.1 },
  { id: 'guidance', on: (p: DplmParams) => p.guidance === 'on', weight: 0.35 },
  { id: 'structure', on: (p: DplmParams) => p.structure === 'on', weight: 0.2 },
  { id: 'probe', on: (p: DplmParams) => p.probe === 'on', weight: 0.1 },
] as const;

/**
 * The demo's run: in a Web Worker (thread = worker) when the networks run on the CPU, else here, on
 * the page's WebGPU device.
 */
export function runDplm(params: DplmParams, env: DplmEnv, control: RunControl<DplmResults> = {}, given?: DplmAssets): Promise<DplmResults> {
  if (!given && !networkOnGpu(params.network, env) && offThread(params.thread)) return runInWorker(() => new Worker(new URL('./runWorker.ts', import.meta.url), { type: 'module' }), params, env.info, control);
  return computeDplm(params, env, control, given);
}

/** The run itself, in whichever thread calls it. */
export function computeDplm(params: DplmParams, env: DplmEnv, control: RunControl<DplmResults> = {}, given?: DplmAssets): Promise<DplmResults> {
  return onChosenTfBackend(params.network, env, (where) => runOnActiveBackend(params, env, control, given, where));
}

async function runOnActiveBackend(params: DplmParams, env: DplmEnv, control: RunControl<DplmResults>, given: DplmAssets | undefined, where: TfPlacement): Promise<DplmResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const ticker = new Ticker(control);
  ticker.progress(0, 'Loading the models and the protein data');
  const assets = given ?? (await loadDplmAssets());
  const stages: Record<string, number> = { load: performance.now() - started };
  const fused = params.decode === 'fused' || (params.decode === 'auto' && where.device !== null);
  if (params.decode === 'fused' && where.device === null) throw new Error('decode = fused needs the network on WebGPU: choose network = webgpu (on a WebGPU browser), or decode = auto');
  const root = RngStream.fromSeed(params.seed);
  const { natural, training } = trainingSet(assets);
  let done = 0;
  const context = (share: number): SectionContext => ({
    params,
    assets,
    device: fused ? where.device : null,
    root,
    ticker,
    progress: (fraction, label) => ticker.progress(done + share * fraction, label),
  });
  // on the fused path, one step of the fused kernel against the TypeScript step on the same logits
  const fusedCheck = fused ? await checkFusedStep(assets, where.device!, root.split('fused-check').key) : [];
  let unconditional: UnconditionalRecord[] = [];
  let motif: MotifRecord[] = [];
  let guidance: GuidanceRecord[] = [];
  let structure: StructureRecord[] = [];
  let structureLookup: StructureLookup | null = null;
  let probe: ProbeRecord[] = [];
  let shownUnconditional: Shown | null = null;
  let shownGuided: Shown | null = null;

  const assemble = (): DplmResults => {
    const { series, metrics } = summarise({ unconditional, motif, guidance, structure, structureLookup, probe, shownUnconditional, shownGuided, guidedEta: params.eta, guidanceTarget: guidanceTarget(params, assets.data.templates) });
    const heldOut = assets.manifests.dplm.training.finalHeldOutLoss;
    const complete = SECTIONS.every((s) => !s.on(params) || stages[s.id] !== undefined);
    return {
      slug: SLUG,
      params,
      backend: env.info,
      metrics: { ...metrics, parameters: parameterCount(assets.dplm.config), structureChains: structureTestChains(assets, params.structureChains).length, ...(typeof heldOut === 'number' ? { heldOutLoss: heldOut } : {}) },
      series,
      claims: complete ? [...buildClaims({ unconditional, motif, guidance, structure, structureLookup, probe }, params.skip === 'on'), ...fusedCheck] : [],
      matrices: {},
      notes: notes(params, assets, where, fused),
      timing: { startedAt, totalMs: performance.now() - started, stages: { ...stages }, label: where.label },
    };
  };

  const totalWeight = SECTIONS.reduce((w, s) => w + (s.on(params) ? s.weight : 0), 0);
  const timed = async (id: (typeof SECTIONS)[number]['id'], body: (ctx: SectionContext) => Promise<void>) => {
    const section = SECTIONS.find((s) => s.id === id)!;
    if (!section.on(params)) return;
    const share = section.weight / totalWeight;
    const t0 = performance.now();
    await body(context(share));
    stages[id] = performance.now() - t0;
    done += share;
    control.onPartial?.(assemble());
  };
  await timed('unconditional', async (ctx) => {
    const out = await runUnconditional(ctx, natural, training);
    unconditional = out.records;
    shownUnconditional = out.shown;
  });
  await timed('motif', async (ctx) => {
    motif = await runMotif(ctx, natural);
  });
  await timed('guidance', async (ctx) => {
    const out = await runGuidance(ctx, natural);
    guidance = out.records;
    shownGuided = out.shown;
  });
  await timed('structure', async (ctx) => {
    ({ records: structure, lookup: structureLookup } = await runStructure(ctx));
  });
  await timed('probe', async (ctx) => {
    probe = await runProbe(ctx);
  });
  ticker.progress(1, 'Done');
  return assemble();
}

async function checkFusedStep(assets: DplmAssets, device: GPUDevice, key: number): Promise<Claim[]> {
  const P = assets.dplm.config.length;
  const spec = { model: assets.dplm, batch: 2, noiseScale: 1 };
  const x = freeStart([P, Math.floor(P / 2)], P).tokens;
  const [gpu, cpu] = [await dplmNetwork(spec, device), await dplmNetwork(spec, null)];
  try {
    return [fusedStepClaim(await gpu.step(x, key), await cpu.step(x, key))];
  } finally {
    gpu.dispose();
    cpu.dispose();
  }
}

function notes(params: DplmParams, assets: DplmAssets, where: TfPlacement, fused: boolean): string[] {
  const c = assets.dplm.config;
  const q3 = (m: typeof assets.manifests.guide) => (typeof m.training.heldOutQ3 === 'number' ? `held-out Q3 ${(m.training.heldOutQ3 as number).toFixed(2)}` : 'Q3 not recorded');
  return [
    `Models: DPLM and a masked LM of the same size (${(parameterCount(c) / 1000).toFixed(0)} k parameters: width ${c.width}, ${c.layers} layers, ${c.heads} heads, up to ${c.length} residues), trained on the same ${assets.data.globinsTrain.length} globins and ${assets.data.pdbTrain.length} PDB chains for the same steps: teaching models, far below the paper's 150M–3B ESM-2 scale.`,
    `Network: ${where.label}. Denoising step: ${fused ? 'fused WGSL kernel reading the tfjs logits in place' : 'logits read back, step in TypeScript'}. Resampling re-predicts with one extra network call, its draw in TypeScript.`,
    `Sampler as the authors' code (reparam-uncond-deterministic-linear, Gumbel-max, resampling share ${params.resampleRatio}): T = ${params.steps} (structure conditioning: T = ${params.foldSteps}, argmax with deterministic unmasking, as the authors' inverse-folding command)${params.skip === 'on' ? ', steps where K does not change skipped' : ''}. No BOS/EOS tokens: N counts the free residues.`,
    `Secondary-structure taggers: the guide (one 13-wide linear convolution: residue propensities over a window, ${q3(assets.manifests.guide)}) and the held-out scorer (one 15-wide convolution, another seed, ${q3(assets.manifests.scorer)}), both trained on the DSSP labels of the theseus PDB chains (trypsins, lactate dehydrogenases, cytochromes) and scored on ${assets.data.pdbTest.length} chains of other families.`,
    'The structure adapter is a toy stand-in for the paper’s 3-D backbone encoder: it reads each residue’s secondary-structure state (H, E or C) and edits the frozen DPLM’s last hidden state at that residue, one learned edit per state.',
    'pLDDT, scTM and TM-score diversity need a folding model, which a browser lacks: plausibility here is the masked LM’s pseudo-perplexity, diversity and novelty are sequence identities.',
  ];
}
