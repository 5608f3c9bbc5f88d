// One run of the SPIN-Diffusion demo: `replicates` independent replicates (replicate.ts) on the tfjs
// backend the `network` choice picks, at the budget the run resolves, then the claims over them and
// the series the view draws (means over replicates with their range, and the first replicate's
// samples and sampling paths).

import { onChosenTfBackend, networkOnGpu, type ComputeState } from '../../gpu/backend';
import { bandColumns, type BandColumns, type DemoResults, type MatrixData } from '../../lib/results';
import { RngStream } from '../../lib/rng';
import { Ticker, type RunControl } from '../../lib/schedule';
import { offThread, runInWorker } from '../../lib/workerRun';
import { BUDGETS, budgetLabel, type BudgetName } from './budget';
import { bestRate, CLAIM_ITERATION, formatRate, spinDiffusionClaims } from './claims';
import { decodeDrawing } from './drawing';
import type { SpinDiffusionParams } from './params';
import { runReplicate, SFT_RATE_DROPS, type ModelScores, type ReplicateOptions, type ReplicateRecord } from './replicate';
import { PROMPTS } from './shapes';
import { WARMUP_SHARE } from './training';

export const SLUG = 'spin-diffusion';
export type SpinDiffusionEnv = Pick<ComputeState, 'info' | 'device'>;
/** The diffusion's steps T (docs/research/alignment.md §2c: T ≈ 40). */
export const DIFFUSION_STEPS = 40;
/** SPIN's rate as a share of the base rate: the rate SFT ends at (SFT_RATE_DROPS' last). */
export const SPIN_RATE_SHARE = SFT_RATE_DROPS[SFT_RATE_DROPS.length - 1];
/** SFT continued's grid, as shares of the base rate: SFT's last rate, and a third of it and three times it. */
export const CONTINUED_RATE_SHARES = [SPIN_RATE_SHARE * 3, SPIN_RATE_SHARE, SPIN_RATE_SHARE / 3] as const;
/** Points per shape of the shown scatter (the rest are scored, not drawn). */
export const SCATTER_PER_PROMPT = 300;
/** Sampling paths kept for the trajectory view. */
export const PATHS = 24;

type Metric = 'precision' | 'logDensity' | 'inModeSpread' | 'winRateVsSft' | 'modesKept';
/** Per iteration k (0: the SFT model): SPIN's and SFT continued's (best rate) means over replicates with their ranges. */
export type IterationRow = { iteration: number } & BandColumns<`spin_${Metric}`> & BandColumns<`continued_${Metric}`>;
export type SftCurveRow = { step: number; loss: number; learningRate: number };
export type PerPromptRow = { prompt: string; method: string; precision: number; logDensity: number; inModeSpread: number; modesKept: number; dataSpread: number };
export type SpinDiffusionSeries = { iterations: IterationRow[]; sftCurve: SftCurveRow[]; perPrompt: PerPromptRow[] };
export type SpinDiffusionMetrics = {
  spinPrecision: number;
  continuedPrecision: number;
  sftPrecision: number;
  spinLogDensity: number;
  continuedLogDensity: number;
  continuedBestRate: number;
  sftSteps: number;
  replicatesDone: number;
};
export type SpinDiffusionResults = DemoResults<SpinDiffusionParams, SpinDiffusionSeries, SpinDiffusionMetrics>;

/** The budget a run uses: 'auto' is the full one only where the network trains on a hardware GPU. */
export function resolveBudget(params: SpinDiffusionParams, env: SpinDiffusionEnv): BudgetName {
  if (params.budget !== 'auto') return params.budget;
  return networkOnGpu(params.network, env) && !env.info.software ? 'full' : 'reduced';
}

export function replicateOptions(params: SpinDiffusionParams, budget: BudgetName, keepSamples: boolean): ReplicateOptions {
  const b = BUDGETS[budget];
  return {
    prompts: PROMPTS,
    sigma: params.sigma,
    drawing: decodeDrawing(params.drawing),
    dataPerPrompt: params.dataPerPrompt,
    hidden: b.hidden,
    layers: b.layers,
    diffusionSteps: DIFFUSION_STEPS,
    batch: b.batch,
    learningRate: params.learningRate,
    maxSftSteps: b.maxSftSteps,
    checkEvery: b.checkEvery,
    fixedSftSteps: null,
    underfitSteps: b.underfitSteps,
    iterations: Math.max(params.iterations, 1),
    stepsPerIteration: b.stepsPerIteration,
    beta: params.beta,
    sharedNoise: params.pairNoise === 'shared',
    generatedPerPrompt: b.generatedPerPrompt,
    evalPerPrompt: b.evalPerPrompt,
    spinRates: [params.learningRate * SPIN_RATE_SHARE],
    continuedRates: CONTINUED_RATE_SHARES.map((s) => params.learningRate * s),
    keepSamples,
  };
}

function iterationRows(replicates: readonly ReplicateRecord[]): IterationRow[] {
  const spin = replicates.map((r) => r.spin[0].scores);
  const at = spin[0].length - 1;
  const continued = bestRate(replicates, 'continued', at).scores;
  const metrics: Metric[] = ['precision', 'logDensity', 'inModeSpread', 'winRateVsSft', 'modesKept'];
  return spin[0].map((_, k) => {
    let row = { iteration: k } as IterationRow;
    for (const m of metrics) {
      row = { ...row, ...bandColumns(`spin_${m}`, spin.map((s) => s[k][m])), ...bandColumns(`continued_${m}`, continued.map((s) => s[k][m])) };
    }
    return row;
  });
}

function perPromptRows(first: ReplicateRecord, continued: ModelScores[]): PerPromptRow[] {
  const last = first.spin[0].scores.length - 1;
  const rows = (method: string, s: ModelScores) =>
    s.perPrompt.map((p, i) => ({ prompt: p.prompt, method, precision: p.precision, logDensity: p.logDensity, inModeSpread: p.inModeSpread, modesKept: p.modesKept, dataSpread: first.dataScores[i].inModeSpread }));
  return [...rows('SFT', first.spin[0].scores[0]), ...rows('SPIN-Diffusion', first.spin[0].scores[last]), ...rows('SFT continued', continued[last])];
}

/** The first replicate's samples as matrices (x, y, prompt per row), SCATTER_PER_PROMPT per shape, SFT continued's at the rate shown, and its sampling paths (one row per step). */
function sampleMatrices(first: ReplicateRecord, continuedRate: number, evalPerPrompt: number): Record<string, MatrixData> {
  const out: Record<string, MatrixData> = {};
  const s = first.samples;
  if (!s) return out;
  const scatter = (points: Float32Array): MatrixData => {
    const data: number[] = [];
    for (let p = 0; p < PROMPTS.length; p++) {
      for (let i = 0; i < Math.min(SCATTER_PER_PROMPT, evalPerPrompt); i++) {
        const j = p * evalPerPrompt + i;
        data.push(round(points[2 * j]), round(points[2 * j + 1]), p);
      }
    }
    return { rows: data.length / 3, cols: 3, data };
  };
  s.spin.forEach((points, k) => (out[`spin-${k}`] = scatter(points)));
  const shown = Math.max(0, first.continued.findIndex((c) => c.learningRate === continuedRate));
  s.continued[shown].forEach((points, k) => (out[`continued-${k}`] = scatter(points)));
  out.paths = { rows: s.paths.length, cols: s.paths[0].length, data: s.paths.flatMap((row) => Array.from(row, round)) };
  return out;
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** The run in a Web Worker when the network trains on the CPU (thread = worker), else here. */
export function runSpinDiffusion(params: SpinDiffusionParams, env: SpinDiffusionEnv, control: RunControl<SpinDiffusionResults> = {}): Promise<SpinDiffusionResults> {
  if (!networkOnGpu(params.network, env) && offThread(params.thread)) return runInWorker(() => new Worker(new URL('./runWorker.ts', import.meta.url), { type: 'module' }), params, env.info, control);
  return computeSpinDiffusion(params, env, control);
}

export async function computeSpinDiffusion(params: SpinDiffusionParams, env: SpinDiffusionEnv, control: RunControl<SpinDiffusionResults> = {}): Promise<SpinDiffusionResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const ticker = new Ticker(control);
  const budget = resolveBudget(params, env);
  const root = RngStream.fromSeed(params.seed).split('replicates');
  const replicates: ReplicateRecord[] = [];
  const notes = [
    `${budgetLabel(budget)}. Data: ${params.dataPerPrompt} points per shape (ring, two moons, the drawing), σ = ${params.sigma}; T = ${DIFFUSION_STEPS}, β_t linear 1e-3 → 0.25, ancestral sampling.`,
    `SFT: Adam at ${params.learningRate}, dropped to a third and a ninth at each plateau of the held-out loss; its model after ${BUDGETS[budget].underfitSteps} steps is the underfit start of the limit row. SPIN-Diffusion: β = ${params.beta}, Adam peaking at ${formatRate(params.learningRate * SPIN_RATE_SHARE)} (SFT’s last rate) with the model cards’ schedule in every iteration (warm-up over the first ${WARMUP_SHARE * 100} % of its steps, then linear decay to zero), winner and loser noised to one shared t, ${params.pairNoise === 'shared' ? 'with one ε (as Diffusion-DPO’s trainer)' : 'each with its own ε (the notes’ formula)'}. SFT continued: the same steps, batch and schedule, peaking at ${CONTINUED_RATE_SHARES.map((s) => formatRate(params.learningRate * s)).join(', ')}.`,
  ];
  let label = '';
  const assemble = (): SpinDiffusionResults => {
    const first = replicates[0];
    const at = first.spin[0].scores.length - 1;
    const best = bestRate(replicates, 'continued', at);
    return {
      slug: SLUG,
      params,
      backend: env.info,
      metrics: {
        spinPrecision: first.spin[0].scores[at].precision,
        continuedPrecision: best.scores[0][at].precision,
        sftPrecision: first.spin[0].scores[0].precision,
        spinLogDensity: first.spin[0].scores[at].logDensity,
        continuedLogDensity: best.scores[0][at].logDensity,
        continuedBestRate: best.learningRate,
        sftSteps: first.sft.steps,
        replicatesDone: replicates.length,
      },
      series: { iterations: iterationRows(replicates), sftCurve: first.sft.curve.map((c) => ({ ...c })), perPrompt: perPromptRows(first, best.scores[0]) },
      claims: replicates.length === params.replicates ? spinDiffusionClaims(replicates, { budgetLabel: budgetLabel(budget), spinRate: params.learningRate * SPIN_RATE_SHARE }) : [],
      matrices: sampleMatrices(first, best.learningRate, BUDGETS[budget].evalPerPrompt),
      notes,
      timing: { startedAt, totalMs: performance.now() - started, stages: {}, label },
    };
  };
  await onChosenTfBackend(params.network, env, async (where) => {
    label = where.label;
    for (let r = 0; r < params.replicates; r++) {
      const stage = ticker.stage(r / params.replicates, (r + 1) / params.replicates);
      stage.progress(0, `Replicate ${r + 1} of ${params.replicates}`);
      replicates.push(await runReplicate(replicateOptions(params, budget, r === 0), root.split(r), stage));
      if (r + 1 < params.replicates) control.onPartial?.(assemble());
    }
  });
  notes.push(`The claims need iteration ${CLAIM_ITERATION}: ${params.iterations < CLAIM_ITERATION ? `this run stops at ${params.iterations}, so they read iteration ${params.iterations}` : 'read there'}.`);
  ticker.progress(1, 'Done');
  return assemble();
}
