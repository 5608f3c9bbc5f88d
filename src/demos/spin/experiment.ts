// One run of the SPIN demo: the tabular tier (the shown β with its ghost bars, a sweep over β for
// the KL chart, and the claim checks at β = 2, 1, 0.1), then the language-model tier (SFT, SPIN
// iterations vs SFT continued) on the tfjs backend the `network` choice picks, with the fused
// sequence log-prob kernel when that backend is WebGPU.

import * as tf from '@tensorflow/tfjs';
import { networkOnGpu, onChosenTfBackend, type ComputeState, type TfPlacement } from '../../gpu/backend';
import { RngStream } from '../../lib/rng';
import { Ticker, type RunControl } from '../../lib/schedule';
import { offThread, runInWorker } from '../../lib/workerRun';
import type { Claim, DemoResults } from '../../lib/results';
import { initialParameters, MaskedDiffusionTransformer, type TransformerConfig } from '../../models/maskedDiffusionTransformer';
import { reversalLmConfig } from '../../models/reversalLm';
import { createSequenceLogProbOp, type SequenceLogProbOp } from '../../models/sequenceLogProbOp';
import { sequenceLogProbTfjs } from '../../models/sequenceLogProbTfjs';
import { CLAIM_ITERATIONS, fusedLogProbClaim, lmClaims, MLE_TEMPER, REPLICATE_ITERATIONS, START_TEMPERS, TABULAR_REPLICATES, tabularClaims, type TabularReplicate } from './claims';
import { lmSearchNote } from './lmSearch';
import { runLmTier, type LmIterationRecord, type LmSample, type LmTierOptions } from './lmTier';
import type { SpinParams } from './params';
import { encodeBatch, drawTaskPairs } from '../../models/reversalTask';
import { makeTabularProblem, mergePairs, meanKl, probabilities, runTabularSpin, sampleFrom, spinLoss, theoreticalNextIterate, type IterationRecord, type Table, type TabularProblem } from './tabular';

export const SLUG = 'spin';
export type SpinEnv = Pick<ComputeState, 'info' | 'device'>;

/** The tabular tier at the shown β, per iteration (0: the SFT model): SPIN, SFT continued, the closed-form iterate, SPIN's logged metrics. */
export type TabularIterationRow = {
  iteration: number;
  spinKl: number;
  sftKl: number;
  closedFormKl: number;
  spinHeldOutLl: number;
  sftHeldOutLl: number;
  discriminability: number;
  rewardsReal: number;
  rewardsGenerated: number;
  margin: number;
  rewardAccuracy: number;
};
/** The official trainer's logged metrics, which both tiers' rows carry. */
export type RewardRow = Pick<TabularIterationRow, 'iteration' | 'rewardsReal' | 'rewardsGenerated' | 'margin' | 'rewardAccuracy'>;
/** p(response | prompt) at the start of iteration `iteration` (model), after its SPIN training (learnt), the data and the closed-form optimum. */
export type TabularBarRow = { iteration: number; prompt: number; response: number; data: number; model: number; closedForm: number; learnt: number };
/** β as a column of the β sweep: its KL per iteration sits under `β = 0.1`, `β = 1`, …. */
export type BetaLabel = `β = ${number}`;
export type BetaSweepRow = { iteration: number; 'SFT continued': number } & { [beta: BetaLabel]: number };
export type LmSampleRow = { prompt: string; correct: string; spin: string; spinRight: boolean; sft: string; sftRight: boolean };

export type TabularSeries = { tabularIterations: TabularIterationRow[]; tabularBars: TabularBarRow[]; betaSweep: BetaSweepRow[] };
/** The language-model tier: absent with lm off; its iterations arrive one by one, its samples at the end. */
export type LmSeries = { lmIterations?: LmIterationRecord[]; lmSamples?: LmSampleRow[] };
export type SpinSeries = TabularSeries & LmSeries;

/** The tabular tier at the shown β: the SFT model's KL, and SPIN's and SFT continued's after the last iteration. */
export type TabularMetrics = { tabularSftKl: number; tabularSpinKl: number; tabularSftContinuedKl: number; tabularSpinHeldOutLl: number; tabularSftContinuedHeldOutLl: number };
/** The language-model tier's, once it has finished. */
export type LmMetrics = { lmSftExactMatch: number; lmSpinExactMatch: number; lmSftContinuedExactMatch: number; lmSpinHeldOutLl: number; lmSftContinuedHeldOutLl: number };
export type SpinMetrics = TabularMetrics & Partial<LmMetrics>;
export type SpinResults = DemoResults<SpinParams, SpinSeries, SpinMetrics>;

/** The research notes' tabular setting (docs/research/alignment.md §1c); the SFT model's tempering comes from the parameters. */
export const TABULAR_SETUP = { prompts: 8, responses: 12, samples: 2000, dataSharpness: 1.5 } as const;
/** β values of the KL-per-iteration chart (the shown β is added). */
export const SWEEP_BETAS = [0.1, 0.3, 1, 2, 5] as const;
export const betaLabel = (beta: number): BetaLabel => `β = ${beta}`;

export function lmOptions(params: SpinParams): LmTierOptions {
  return {
    sftPairs: params.lmSftPairs,
    heldOutPairs: params.lmHeldOut,
    sftSteps: params.lmSftSteps,
    iterations: params.iterations,
    stepsPerIteration: params.lmSteps,
    beta: params.lmBeta,
    learningRate: params.lmLearningRate,
    spinLearningRate: params.lmSpinLearningRate,
    batch: 32,
    mixPrevious: params.mix === 'previous',
    width: params.lmWidth,
    layers: params.lmLayers,
  };
}

interface TabularTier {
  problem: TabularProblem;
  /** Per β: records and the model's tables p_0 … p_n. */
  runs: Map<number, { records: IterationRecord[]; tables: Table[] }>;
  claims: Claim[];
}

/** One independent replicate of the tabular claims: a fresh problem at the run's settings, SPIN at β = 2 and β = 1, and β = 2 from the MLE start of the same data. */
async function runTabularReplicate(params: SpinParams, rng: RngStream, ticker: Ticker): Promise<TabularReplicate> {
  const optimiser = { learningRate: params.learningRate, steps: params.adamSteps };
  const mixPrevious = params.mix === 'previous';
  // the same stream for both problems: the same p_data, SFT pairs and held-out pairs, only the SFT model differs
  const problem = makeTabularProblem({ ...TABULAR_SETUP, temper: params.temper }, rng.split('problem'));
  const mleProblem = makeTabularProblem({ ...TABULAR_SETUP, temper: MLE_TEMPER }, rng.split('problem'));
  const spin = (p: TabularProblem, beta: number, iterations: number) => runTabularSpin(p, { beta, iterations, optimiser, mixPrevious }, rng.split('spin'), ticker).then((r) => r.records);
  const startSweep = [];
  for (const temper of START_TEMPERS) startSweep.push(await spin(makeTabularProblem({ ...TABULAR_SETUP, temper }, rng.split('problem')), 2, CLAIM_ITERATIONS));
  return { beta2: await spin(problem, 2, REPLICATE_ITERATIONS), beta1: await spin(problem, 1, 1), mleStart: await spin(mleProblem, 2, CLAIM_ITERATIONS), startSweep };
}

async function runTabularTier(params: SpinParams, rng: RngStream, ticker: Ticker): Promise<TabularTier> {
  const problem = makeTabularProblem({ ...TABULAR_SETUP, temper: params.temper }, rng.split('problem'));
  const betas = Array.from(new Set<number>([...SWEEP_BETAS, params.beta])).sort((a, b) => a - b);
  // the claims need two iterations at β = 2 whatever the shown count
  const iterations = Math.max(params.iterations, 2);
  const runs = new Map<number, { records: IterationRecord[]; tables: Table[] }>();
  for (const [i, beta] of betas.entries()) {
    ticker.progress((0.05 * i) / betas.length, `Tabular tier: SPIN at β = ${beta}`);
    // every β sees the same synthetic draws at a given opponent (one stream): differences are β's
    const options = { beta, iterations, optimiser: { learningRate: params.learningRate, steps: params.adamSteps }, mixPrevious: params.mix === 'previous' };
    runs.set(beta, await runTabularSpin(problem, options, rng.split('spin'), ticker));
  }
  const sft = probabilities(problem.sft);
  const draw = rng.split('log2-check');
  const selfPairs = mergePairs(problem.train.map(([x, y]) => ({ x, real: y, generated: sampleFrom(sft[x], draw) })));
  const replicates: TabularReplicate[] = [];
  const replicateRng = rng.split('replicates');
  for (let r = 0; r < TABULAR_REPLICATES; r++) {
    ticker.progress(0.05 + (0.05 * r) / TABULAR_REPLICATES, `Tabular tier: replicate ${r + 1} of ${TABULAR_REPLICATES}`);
    replicates.push(await runTabularReplicate(params, replicateRng.split(r), ticker));
  }
  const claims = tabularClaims({
    replicates,
    beta01: runs.get(0.1)!.records,
    lossAtOpponent: spinLoss(problem.sft, sft, selfPairs, params.beta).loss,
    temper: params.temper,
  });
  return { problem, runs, claims };
}

function tabularSeries(params: SpinParams, tier: TabularTier): TabularSeries {
  const { problem, runs } = tier;
  const shown = runs.get(params.beta)!;
  const upTo = params.iterations;
  const iterations = shown.records.slice(0, upTo + 1).map((r, t): TabularIterationRow => ({
    iteration: r.iteration,
    spinKl: r.kl,
    sftKl: r.sftKl,
    // the closed-form iterate from the previous model: where full optimisation would land
    closedFormKl: t === 0 ? r.kl : meanKl(problem.pData, shown.tables[t - 1].map((pT, x) => theoreticalNextIterate(problem.pData[x], pT, params.beta))),
    spinHeldOutLl: r.heldOutLogLikelihood,
    sftHeldOutLl: r.sftHeldOutLogLikelihood,
    discriminability: r.discriminability,
    rewardsReal: r.rewardsReal,
    rewardsGenerated: r.rewardsGenerated,
    margin: r.margin,
    rewardAccuracy: r.rewardAccuracy,
  }));
  const bars: TabularBarRow[] = [];
  for (let t = 0; t < upTo; t++) {
    shown.tables[t].forEach((pT, x) => {
      const ghost = theoreticalNextIterate(problem.pData[x], pT, params.beta);
      pT.forEach((p, y) => bars.push({ iteration: t, prompt: x, response: y, data: problem.pData[x][y], model: p, closedForm: ghost[y], learnt: shown.tables[t + 1][x][y] }));
    });
  }
  const sweep = shown.records.slice(0, upTo + 1).map((r, t) => {
    const row: BetaSweepRow = { iteration: t, 'SFT continued': r.sftKl };
    for (const [beta, run] of runs) row[betaLabel(beta)] = run.records[t].kl;
    return row;
  });
  return { tabularIterations: iterations, tabularBars: bars, betaSweep: sweep };
}

function tabularMetrics(shown: readonly IterationRecord[], iterations: number): TabularMetrics {
  const last = shown[iterations];
  return {
    tabularSftKl: shown[0].kl,
    tabularSpinKl: last.kl,
    tabularSftContinuedKl: last.sftKl,
    tabularSpinHeldOutLl: last.heldOutLogLikelihood,
    tabularSftContinuedHeldOutLl: last.sftHeldOutLogLikelihood,
  };
}

/** Of a finished language-model tier: iteration 0 is the SFT model, the last row both models' end. */
function lmMetrics(records: readonly LmIterationRecord[]): Partial<LmMetrics> {
  const last = records.at(-1);
  if (!last) return {};
  return {
    lmSftExactMatch: records[0].spinExactMatch,
    lmSpinExactMatch: last.spinExactMatch,
    lmSftContinuedExactMatch: last.sftExactMatch,
    lmSpinHeldOutLl: last.spinHeldOutLogLikelihood,
    lmSftContinuedHeldOutLl: last.sftHeldOutLogLikelihood,
  };
}

interface LmTierOutcome {
  records: LmIterationRecord[];
  samples: LmSample[];
  claims: Claim[];
  label: string;
  fused: boolean;
  ms: number;
}

/** Fused kernel vs op chain on a fresh model's logits: the op the LM tier trains through is checked on every GPU run. */
async function checkFusedOp(op: SequenceLogProbOp, config: TransformerConfig, rng: RngStream): Promise<Claim> {
  const model = new MaskedDiffusionTransformer(config, initialParameters(config, rng.split('init')));
  try {
    const rows = encodeBatch(drawTaskPairs(32, rng.split('pairs')));
    const [fused, chain] = tf.tidy(() => {
      const logits = model.forward(tf.tensor2d(rows.inputs, [rows.batch, rows.length], 'int32'), null);
      const targets = tf.tensor2d(rows.targets, [rows.batch, rows.length], 'int32');
      const mask = tf.tensor2d(rows.mask, [rows.batch, rows.length]);
      return [op(logits, targets, mask), sequenceLogProbTfjs(logits, targets, mask)];
    });
    const [a, b] = [await fused.data(), await chain.data()];
    tf.dispose([fused, chain]);
    return fusedLogProbClaim(a, b);
  } finally {
    model.dispose();
  }
}

async function runLanguageModelTier(params: SpinParams, where: TfPlacement, rng: RngStream, ticker: Ticker, onRecord: (r: LmIterationRecord) => void): Promise<LmTierOutcome> {
  const started = performance.now();
  const { op, fused } = params.logProb === 'chain' ? { op: sequenceLogProbTfjs, fused: false } : await createSequenceLogProbOp(where.device);
  const options = lmOptions(params);
  const claims: Claim[] = fused ? [await checkFusedOp(op, reversalLmConfig(options), rng.split('fused-check'))] : [];
  // replicate 0 is the run shown on the page; the others only feed the claim
  const share = 0.9 / params.lmReplicates;
  const { records, samples } = await runLmTier(options, op, rng, ticker.stage(0.1, 0.1 + share), onRecord);
  const replicates: LmIterationRecord[][] = [records];
  for (let r = 1; r < params.lmReplicates; r++) {
    const stage = ticker.stage(0.1 + r * share, 0.1 + (r + 1) * share);
    stage.progress(0, `Language model: replicate ${r + 1} of ${params.lmReplicates}`);
    replicates.push((await runLmTier(options, op, rng.split(`replicate-${r}`), stage)).records);
  }
  const rates = { sft: options.learningRate, spin: options.spinLearningRate };
  return { records, samples, claims: [...lmClaims(replicates, rates), ...claims], label: where.label, fused, ms: performance.now() - started };
}

function lmSeries(outcome: LmTierOutcome | null, partial: LmIterationRecord[]): LmSeries {
  const records = outcome?.records ?? partial;
  if (records.length === 0) return {};
  return {
    lmIterations: records.map((r) => ({ ...r })),
    ...(outcome ? { lmSamples: outcome.samples.map((s): LmSampleRow => ({ prompt: s.prompt, correct: s.correct, spin: s.spin, spinRight: s.spin === s.correct, sft: s.sft, sftRight: s.sft === s.correct })) } : {}),
  };
}

/**
 * The demo's run: in a Web Worker (thread = worker) when nothing of it needs the GPU — the tabular
 * tier is float64 TypeScript, and the language model then trains on tfjs' wasm backend — else here.
 */
export function runSpin(params: SpinParams, env: SpinEnv, control: RunControl<SpinResults> = {}): Promise<SpinResults> {
  const needsGpu = params.lm === 'on' && networkOnGpu(params.network, env);
  if (!needsGpu && offThread(params.thread)) return runInWorker(() => new Worker(new URL('./runWorker.ts', import.meta.url), { type: 'module' }), params, env.info, control);
  return computeSpin(params, env, control);
}

/** The run itself, in whichever thread calls it. */
export async function computeSpin(params: SpinParams, env: SpinEnv, control: RunControl<SpinResults> = {}): Promise<SpinResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const ticker = new Ticker(control);
  const root = RngStream.fromSeed(params.seed);
  const stages: Record<string, number> = {};
  const notes: string[] = [];

  const tabular = await runTabularTier(params, root.split('tabular'), ticker);
  stages.tabular = performance.now() - started;
  let lm: LmTierOutcome | null = null;
  const partialLm: LmIterationRecord[] = [];

  const assemble = (label: string): SpinResults => {
    const series: SpinSeries = { ...tabularSeries(params, tabular), ...lmSeries(lm, partialLm) };
    const metrics: SpinMetrics = { ...tabularMetrics(tabular.runs.get(params.beta)!.records, params.iterations), ...(lm ? lmMetrics(lm.records) : {}) };
    return {
      slug: SLUG,
      params,
      backend: env.info,
      metrics,
      series,
      claims: [...tabular.claims, ...(lm?.claims ?? [])],
      matrices: {},
      notes,
      timing: { startedAt, totalMs: performance.now() - started, stages: { ...stages }, label },
    };
  };

  notes.push(
    `Tabular tier: K = ${TABULAR_SETUP.prompts} prompts × V = ${TABULAR_SETUP.responses} responses, ${TABULAR_SETUP.samples} SFT pairs; SFT model θ = ${params.temper} · log p̂; Adam (rate ${params.learningRate}, ${params.adamSteps} full-batch steps) per iteration, for SPIN and for SFT continued alike; exact arithmetic in float64.`,
  );
  if (params.lm === 'off') {
    ticker.progress(1, 'Done');
    return assemble('Tabular tier only (float64 TypeScript)');
  }
  control.onPartial?.(assemble('Tabular tier done; language model training'));
  lm = await onChosenTfBackend(params.network, env, (where) =>
    runLanguageModelTier(params, where, root.split('lm'), ticker, (r) => {
      partialLm.push(r);
      control.onPartial?.(assemble(where.label));
    }),
  );
  stages.languageModel = lm.ms;
  const o = lmOptions(params);
  notes.push(
    `Language-model tier: a ${o.layers}-layer causal transformer (width ${o.width}) reverses words of 3–5 letters a–h; SFT on ${o.sftPairs} pairs for ${o.sftSteps} steps, then ${o.iterations} SPIN iterations of ${o.stepsPerIteration} steps (β = ${o.beta}, Adam rate ${o.spinLearningRate}) vs SFT continued for as many steps (rate ${o.learningRate}); exact match on ${o.heldOutPairs} held-out words by near-greedy decoding.`,
    `The language-model claim is over ${params.lmReplicates} replicate${params.lmReplicates === 1 ? '' : 's'} of this recipe (the chart shows the first); SPIN's learning rate is its own (the best it reached in the search below), SFT continued keeps the SFT rate, and both take the same steps on the same SFT pairs.`,
    lmSearchNote(),
    `Language model ran on ${lm.label}; sequence log-probabilities by ${lm.fused ? 'the fused WGSL kernel (forward and backward)' : 'the tfjs op chain (log-softmax, gather, sum)'}.`,
  );
  ticker.progress(1, 'Done');
  return assemble(lm.label);
}
