// One run of the DNDM demo: for every T of the sweep and every seed, the T-call Markov sampler and
// DNDM generate B sequences from the same trained network; we record network calls (NFE), wall
// time and sample quality, then check the paper's claims (claims.ts) on these very numbers.

import { networkOnGpu, onChosenTfBackend, type ComputeState, type TfPlacement } from '../../gpu/backend';
import { RngStream } from '../../lib/rng';
import { Ticker, type RunControl } from '../../lib/schedule';
import { offThread, runInWorker } from '../../lib/workerRun';
import type { Claim, DemoResults } from '../../lib/results';
import { decodeChars } from '../../models/charVocab';
import { cpuDecoder, type DisposableDecoder } from '../../models/diffusion/cpuDecoder';
import { fusedStepClaim } from '../../models/diffusion/fusedStepClaim';
import { gpuDecoder } from '../../models/diffusion/modelDecoder';
import { parameterCount } from '../../models/maskedDiffusionTransformer';
import { sample, type SampleResult, type SamplerConfig, type SamplerName, type StepDecoder } from '../../models/diffusion/samplers';
import { expectedNfe, type TransitionSchedule } from '../../models/diffusion/transitionTimes';
import { loadDndmAssets, type DndmAssets } from './assets';
import { BIGRAM_GROUP, QUALITY_MIN_SEQUENCES, SPEEDUP_T, buildClaims, groupBigramKl, type BigramReference } from './claims';
import type { DndmParams } from './params';
import { scoreSamples, type Judge, type SampleQuality } from './quality';
import { SAMPLER_LABELS, tLabel, type Role, type RunRecord } from './records';
import { summarise, type DndmSeries, type Shown, type SummaryMetrics } from './summary';

export const SLUG = 'dndm';
/** The summary's metrics and the model's: its parameter count and, when the manifest records it, its final held-out loss. */
export type DndmMetrics = SummaryMetrics & { parameters: number; heldOutLoss?: number };
export type DndmResults = DemoResults<DndmParams, DndmSeries, DndmMetrics>;
export type DndmEnv = Pick<ComputeState, 'info' | 'device'>;

const SWEEPS: Record<DndmParams['sweep'], number[]> = { full: [25, 50, 100, 1000, Infinity], short: [25, 50, 100, Infinity], off: [] };
export function scheduleOf(params: DndmParams): TransitionSchedule {
  if (params.schedule === 'beta') return { kind: 'beta', alpha: params.alpha, beta: params.beta };
  return { kind: params.schedule };
}

export function sweepGrid(params: DndmParams): number[] {
  const finite = new Set([...SWEEPS[params.sweep].filter(Number.isFinite), params.steps]);
  const grid = Array.from(finite).sort((a, b) => a - b);
  return SWEEPS[params.sweep].includes(Infinity) ? [...grid, Infinity] : grid;
}


/** Which sampler pair runs at T (T = ∞: DNDM-C alone, with the pair's reveal rule). */
export function samplerNames(pair: DndmParams['pair'], T: number): { baseline: SamplerName | null; dndm: SamplerName } {
  const names: Record<DndmParams['pair'], { baseline: SamplerName; dndm: SamplerName; continuous: SamplerName }> = {
    topk: { baseline: 'rdm-k-remask', dndm: 'dndm-k-remask', continuous: 'dndm-c-k-remask' },
    'topk-keep': { baseline: 'rdm-k', dndm: 'dndm-k', continuous: 'dndm-c-k' },
    random: { baseline: 'ancestral', dndm: 'dndm', continuous: 'dndm-c' },
  };
  const chosen = names[pair];
  return Number.isFinite(T) ? { baseline: chosen.baseline, dndm: chosen.dndm } : { baseline: null, dndm: chosen.continuous };
}

function score(result: SampleResult, B: number, L: number, judge: Judge): { quality: SampleQuality; texts: string[]; sequenceNll: number[] } {
  const texts = Array.from({ length: B }, (_, b) => decodeChars(result.tokens.subarray(b * L, (b + 1) * L)));
  return { quality: scoreSamples(texts, judge), texts, sequenceNll: texts.map((t) => judge.ngram.meanNll(t)) };
}

/** Real held-out windows, scored like samples: where the quality numbers of real text sit. */
function referenceRuns(judge: Judge, params: DndmParams, L: number, rng: RngStream): SampleQuality[] {
  const text = judge.referenceText;
  return Array.from({ length: params.seeds }, (_, s) => {
    const r = rng.split(s);
    const windows = Array.from({ length: params.samples }, () => {
      const start = r.int(text.length - L);
      return text.slice(start, start + L);
    });
    return scoreSamples(windows, judge);
  });
}

/** The bigram-check floor: REAL_BIGRAM_GROUPS groups of BIGRAM_GROUP real held-out windows, each group's bigram KL to the corpus. */
const REAL_BIGRAM_GROUPS = 16;
function realBigramGroups(judge: Judge, L: number, rng: RngStream): number[] {
  const text = judge.referenceText;
  const windows = Array.from({ length: REAL_BIGRAM_GROUPS * BIGRAM_GROUP }, () => {
    const start = rng.int(text.length - L);
    return text.slice(start, start + L);
  });
  return groupBigramKl(windows, judge.bigram);
}

async function makeDecoder(params: DndmParams, device: GPUDevice | null, assets: DndmAssets, config: SamplerConfig): Promise<DisposableDecoder & { fused: boolean }> {
  const fused = params.decode === 'fused' || (params.decode === 'auto' && device !== null);
  if (params.decode === 'fused' && device === null) throw new Error('decode = fused needs the network on WebGPU: choose network = webgpu (on a WebGPU browser), or decode = auto');
  const decoder = fused ? await gpuDecoder(device!, assets.model, config) : cpuDecoder(assets.model, config);
  return { ...decoder, fused };
}

/**
 * The demo's run: in a Web Worker (thread = worker) when the network runs on the CPU — tfjs' wasm
 * backend there, the page's thread only draws — else here, on the page's WebGPU device.
 */
export function runDndm(params: DndmParams, env: DndmEnv, control: RunControl<DndmResults> = {}, given?: DndmAssets): Promise<DndmResults> {
  if (!given && !networkOnGpu(params.network, env) && offThread(params.thread)) return runInWorker(() => new Worker(new URL('./runWorker.ts', import.meta.url), { type: 'module' }), params, env.info, control);
  return computeDndm(params, env, control, given);
}

/** The run itself, in whichever thread calls it. */
export function computeDndm(params: DndmParams, env: DndmEnv, control: RunControl<DndmResults> = {}, given?: DndmAssets): Promise<DndmResults> {
  return onChosenTfBackend(params.network, env, (where) => runOnActiveBackend(params, env, control, given, where));
}

async function runOnActiveBackend(params: DndmParams, env: DndmEnv, control: RunControl<DndmResults>, given: DndmAssets | undefined, where: TfPlacement): Promise<DndmResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const ticker = new Ticker(control);
  ticker.progress(0, 'Loading the model and the judge');
  const assets = given ?? (await loadDndmAssets());
  const stages: Record<string, number> = { load: performance.now() - started };
  const { config: modelConfig } = assets.model;
  const L = modelConfig.length;
  const B = params.samples;
  const schedule = scheduleOf(params);
  const config = (steps: number): SamplerConfig => ({
    batch: B,
    length: L,
    vocab: modelConfig.vocab,
    maskToken: modelConfig.vocab - 1,
    forbidden: [],
    steps,
    schedule,
    temperature: params.temperature,
    noiseScale: params.noise === 'gumbel' ? 1 : 0,
  });
  const decoder = await makeDecoder(params, where.device, assets, config(params.steps));
  const root = RngStream.fromSeed(params.seed);
  const grid = sweepGrid(params);
  const records: RunRecord[] = [];
  const notes: string[] = [];
  const claimsExtra: Claim[] = [];
  let shown: Shown | null = null;
  try {
    // warm-up (shader compilation, first allocations) outside every timed run; on the fused path
    // the same call checks the fused step against the TypeScript one on real logits
    ticker.progress(0, 'First network call (compiles its kernels)');
    const warmX = new Int32Array(B * L).fill(modelConfig.vocab - 1);
    const warm = await decoder.decode(warmX, 1, 1);
    if (decoder.fused) {
      const reference = await cpuDecoder(assets.model, config(params.steps)).decode(warmX, 1, 1);
      claimsExtra.push(fusedStepClaim(warm, reference));
    }
    stages.warmUp = performance.now() - started - stages.load;

    const totalCalls = grid.reduce((s, T) => s + params.seeds * (Number.isFinite(T) ? T + expectedNfe(schedule, L, T) : L), 0);
    let calls = 0;
    let label = '';
    const counted: StepDecoder = async (x, t, key) => {
      calls++;
      if (calls % 5 === 0) ticker.progress(calls / totalCalls, label);
      return decoder.decode(x, t, key);
    };
    const reference = referenceRuns(assets.judge, params, L, root.split('reference'));
    const bigram: BigramReference = { corpus: assets.judge.bigram, realGroups: realBigramGroups(assets.judge, L, root.split('bigram-floor')) };
    const sweepStart = performance.now();
    for (const T of grid) {
      const names = samplerNames(params.pair, T);
      for (let seed = 0; seed < params.seeds; seed++) {
        const stream = root.split('sweep').split(tLabel(T)).split(seed);
        const keep = seed === 0 && T === params.steps;
        const runOne = async (role: Role, name: SamplerName) => {
          label = `T = ${tLabel(T)}, seed ${seed + 1} of ${params.seeds}: ${SAMPLER_LABELS[name]}`;
          const result = await sample(name, config(Number.isFinite(T) ? T : params.steps), counted, stream.split(role), ticker, keep);
          const { quality, texts, sequenceNll } = score(result, B, L, assets.judge);
          records.push({ T, role, sampler: name, seed, nfe: result.nfe, wallMs: result.wallMs, ...quality, texts, sequenceNll });
          return result;
        };
        const baseline = names.baseline ? await runOne('baseline', names.baseline) : null;
        const dndm = await runOne('dndm', names.dndm);
        if (keep) shown = { dndm, baseline };
      }
      control.onPartial?.(assemble());
    }
    stages.sweep = performance.now() - sweepStart;

    function assemble(): DndmResults {
      const { series, metrics } = summarise(params, grid, records, reference, shown, L, schedule);
      const heldOut = assets.manifest.training.finalHeldOutLoss;
      return {
        slug: SLUG,
        params,
        backend: env.info,
        metrics: { ...metrics, parameters: parameterCount(modelConfig), ...(typeof heldOut === 'number' ? { heldOutLoss: heldOut } : {}) },
        series,
        claims: [...buildClaims({ records, grid, schedule, length: L, seeds: params.seeds, bigram }), ...claimsExtra],
        matrices: {},
        notes,
        timing: {
          startedAt,
          totalMs: performance.now() - started,
          stages: { ...stages },
          label: where.label,
        },
      };
    }

    notes.push(
      `Model: ${describeModel(assets)} masked-diffusion transformer trained on KJV text (public/weights/dndm-kjv); a teaching model, so its samples are word-like strings, not scripture.`,
      `Network: ${where.label}. Denoising step: ${decoder.fused ? 'fused WGSL kernel reading the tfjs logits in place (zero-copy)' : 'logits read back, step in TypeScript'}.`,
      'One transition-time vector τ per batch (as in the authors’ code): NFE counts network calls for the whole batch.',
      revealRuleNote(params.pair),
      `“Same quality” at T = ${SPEEDUP_T} is an equivalence test on single sequences (${params.seeds} seeds × ${params.samples} = ${params.seeds * params.samples} per sampler; it needs at least ${QUALITY_MIN_SEQUENCES}). ` +
        (params.pair === 'random'
          ? 'The sequences of one batch share τ, which here decides which positions all of them reveal together; '
          : 'The sequences of one batch share τ, which under top-k fixes how many positions stay masked at each call; ') +
        'so the interval takes its standard error from the seeds’ means whenever they spread more than single sequences do.',
      'DNDM-C (T = ∞) is in the charts but carries no claim: the notes call it better still at the paper’s scale (BLEU on translation); here its quality is shown at T = ∞ beside the others.',
    );
    ticker.progress(1, 'Done');
    return assemble();
  } finally {
    decoder.dispose();
  }
}

function revealRuleNote(pair: DndmParams['pair']): string {
  if (pair === 'topk')
    return (
      'Top-k as in the authors’ code: after each call the least confident positions among all 64 are masked, so a decoded token can go back to the mask; at T = ∞ the same rule in continuous time (DNDM-C-k, one position fewer masked per call). ' +
      'RDM-k keeps ⌊L(t − 1)/T⌋ positions masked after step t: a linear rate, matching the training noise (the authors’ RDM runs used a cosine rate).'
    );
  if (pair === 'topk-keep') return 'Top-k keeping decoded tokens (not the authors’ rule, which can re-mask): only still-masked positions compete; at T = ∞ the same rule in continuous time (DNDM-C-k).';
  return 'Random order: each token is revealed at its own τ (DNDM) or by a 1/t coin (ancestral); at T = ∞ DNDM-C reveals tokens in the order of their continuous τ.';
}

function describeModel(assets: DndmAssets): string {
  const c = assets.model.config;
  const count = parameterCount(c);
  return `${(count / 1000).toFixed(0)} k-parameter (width ${c.width}, ${c.layers} layers, ${c.heads} heads, L = ${c.length})`;
}
