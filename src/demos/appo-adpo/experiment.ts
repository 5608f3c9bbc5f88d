// One run of the APPO / ADPO demo: the dueling bandit (always-query and APPO at several Γ, every Γ on
// the same contexts and coins per replicate), then the linear-policy ADPO toy — DPO tuned over a grid
// of (β, learning rate) and ADPO's γ tuned, both on tuning replicates of their own, then DPO, ADPO and
// ADPO without pseudo-labels at every γ of the sweep on the claim's replicates — all of it float64
// TypeScript on the CPU, the replicates independent jobs spread over Web Workers; then, optionally,
// the language-model tier on the page's tfjs backend (lmTier.ts), with the fused sequence
// log-probability kernel when that backend is WebGPU.

import { onChosenTfBackend, type ComputeState, type TfPlacement } from '../../gpu/backend';
import { RngStream } from '../../lib/rng';
import type { Claim, DemoResults } from '../../lib/results';
import { Ticker, type RunControl } from '../../lib/schedule';
import { lineFit, mean } from '../../lib/stats';
import { canUseWorkers, runJobs, workerCount } from '../../lib/workerPool';
import { createSequenceLogProbOp } from '../../models/sequenceLogProbOp';
import { sequenceLogProbTfjs } from '../../models/sequenceLogProbTfjs';
import { ADPO_METHODS, type AdpoMethod } from './adpo';
import {
  adpoLmQueriesClaim,
  adpoQueriesClaim,
  appoLogGrowthClaim,
  appoQueriesClaim,
  CLAIM_THRESHOLD,
  doublingRatio,
  FINAL_GAP_MIN,
  finalWin,
  flagRuleClaim,
  lossAgreementClaim,
  median,
  meanFinalGap,
  medianQueryRatio,
  mleConvergedClaim,
  SMALL_GAMMA,
  smallGammaClaim,
  uniformStartClaim,
} from './claims';
import { ADPO_BATCH, ADPO_EVAL_PROMPTS, curveRounds, runAppoAdpoJob, type AdpoJob, type AdpoSummary, type AppoAdpoJob, type AppoJob, type AppoSummary, type ReplicateStream } from './jobs';
import { lossThroughBothOps, runAdpoLmTier, type AdpoLmOptions, type AdpoLmResult } from './lmTier';
import type { AppoAdpoParams } from './params';

export const SLUG = 'appo-adpo';

/** APPO's thresholds on the charts (the claim's Γ and the user's are added). */
export const APPO_THRESHOLDS: readonly number[] = [0.5, 1, 2];
/** ADPO's γ sweep: the claim's γ is tuned from it, the limit row runs at its smallest. */
export const GAMMAS: readonly number[] = [SMALL_GAMMA, 0.25, 0.5, 1, 2];
/** DPO's own tuning grid (and ADPO's β and learning rate: the same). */
export const DPO_BETAS: readonly number[] = [0.03, 0.1, 0.3];
export const DPO_LEARNING_RATES: readonly number[] = [1, 3, 10, 30];
export const TUNING_REPLICATES = 3;

export const METHOD_LABELS: Record<AdpoMethod, string> = { dpo: 'DPO (queries every pair)', adpo: 'ADPO', 'adpo-no-pl': 'ADPO without pseudo-labels' };
export const thresholdLabel = (threshold: number | null) => (threshold === null ? 'always query' : `Γ = ${threshold}`);
export const gammaLabel = (gamma: number) => `γ = ${gamma}`;

/** Means over replicates at round t: `regret: <label>` and `queries: <label>` per threshold. */
export type AppoCurveRow = { t: number } & { [column: `${'regret' | 'queries'}: ${string}`]: number };
export type AppoTradeoffRow = { threshold: string; gamma: number; queryShare: number; regretRatio: number; doublingRatio: number };
/** One checkpoint of the shown replicate: win-rate against the queries spent so far. */
export type WinQueriesRow = { method: AdpoMethod; queries: number; winRate: number };
export type MarginBinRow = { margin: number; count: number; queried: boolean };
/** Share of the pseudo-labels given in each interval that contradict the true preference, mean over replicates, per γ. */
export type WrongShareRow = { pairs: number } & { [gamma: `γ = ${number}`]: number | null };
export type GammaSweepRow = { gamma: number; adpoQueryRatio: number; noPlQueryRatio: number; finalGap: number; noPlFinalGap: number; queriedShare: number; againstTruthShare: number; againstHumanShare: number };
export type DpoTuningRow = { beta: number; learningRate: number; finalWinRate: number; chosen: boolean };
/** ADPO at one (β, learning rate) of the grid on the tuning replicates, against the tuned DPO there. */
export type AdpoTuningRow = { beta: number; learningRate: number; queryRatio: number; finalGap: number; chosen: boolean };

export type AppoAdpoSeries = {
  appoCurves: AppoCurveRow[];
  appoTradeoff: AppoTradeoffRow[];
  winVsQueries?: WinQueriesRow[];
  marginHistogram?: MarginBinRow[];
  wrongShare?: WrongShareRow[];
  gammaSweep?: GammaSweepRow[];
  dpoTuning?: DpoTuningRow[];
  adpoTuning?: AdpoTuningRow[];
  /** The language-model tier's first replicate: win-rate against labels asked, per method. */
  lmWinVsQueries?: WinQueriesRow[];
};

export type AppoAdpoMetrics = {
  appoQueryShare: number;
  appoRegretRatio: number;
  tunedBeta?: number;
  tunedLearningRate?: number;
  tunedGamma?: number;
  adpoBeta?: number;
  adpoLearningRate?: number;
  shownGamma?: number;
  adpoQueryRatio?: number;
  dpoFinalWinRate?: number;
  lmQueryRatio?: number;
  lmDpoFinalWinRate?: number;
  lmAdpoFinalWinRate?: number;
  lmReferenceScore?: number;
};

export type AppoAdpoResults = DemoResults<AppoAdpoParams, AppoAdpoSeries, AppoAdpoMetrics>;

const replicates = (n: number) => Array.from({ length: n }, (_, r) => r);

/** The thresholds this run's bandit runs at: always-query, the chart's, the claim's and the user's. */
export function appoThresholds(params: AppoAdpoParams): (number | null)[] {
  return [null, ...Array.from(new Set([...APPO_THRESHOLDS, CLAIM_THRESHOLD, params.threshold])).sort((a, b) => a - b)];
}

function appoSeries(params: AppoAdpoParams, thresholds: readonly (number | null)[], runs: readonly AppoSummary[][]): Pick<AppoAdpoSeries, 'appoCurves' | 'appoTradeoff'> {
  const always = runs[0];
  const appoCurves = curveRounds(params.horizon).map((t, i) => {
    const row: AppoCurveRow = { t };
    thresholds.forEach((threshold, k) => {
      row[`regret: ${thresholdLabel(threshold)}`] = mean(runs[k].map((r) => r.curve[i].regret));
      row[`queries: ${thresholdLabel(threshold)}`] = mean(runs[k].map((r) => r.curve[i].queries));
    });
    return row;
  });
  const appoTradeoff = thresholds.map((threshold, k) => ({
    threshold: thresholdLabel(threshold),
    gamma: threshold ?? 0,
    queryShare: median(runs[k].map((r) => r.finalQueries / params.horizon)),
    regretRatio: median(runs[k].map((r, i) => r.finalRegret / always[i].finalRegret)),
    doublingRatio: median(runs[k].map(doublingRatio)),
  }));
  return { appoCurves, appoTradeoff };
}

/** Cumulative queries of the claim's Γ against log t over the last 90% of the rounds: queries per e-fold of t. */
export function queriesPerEFold(rows: readonly AppoCurveRow[], horizon: number): number {
  const key = `queries: ${thresholdLabel(CLAIM_THRESHOLD)}` as const;
  const late = rows.filter((r) => r.t >= horizon / 10);
  return lineFit(
    late.map((r) => Math.log(r.t)),
    late.map((r) => r[key]),
  ).slope;
}

/** DPO's tuning grid on the tuning replicates: mean final win-rate per (β, learning rate). */
function dpoTuningRows(runs: readonly AdpoSummary[][]): DpoTuningRow[] {
  const rows: DpoTuningRow[] = [];
  let k = 0;
  for (const beta of DPO_BETAS) for (const learningRate of DPO_LEARNING_RATES) rows.push({ beta, learningRate, finalWinRate: mean(runs[k++].map(finalWin)), chosen: false });
  const best = rows.reduce((a, b) => (b.finalWinRate > a.finalWinRate ? b : a));
  best.chosen = true;
  return rows;
}

/**
 * γ for the claim, chosen on the tuning replicates: the fewest queries to DPO's target (median ratio
 * to DPO's own) among the γ that end no lower than DPO − 0.01 on average; the largest γ (ADPO closest
 * to DPO) if none does.
 */
export function tuneGamma(dpo: readonly AdpoSummary[], adpoByGamma: readonly AdpoSummary[][]): number {
  let best = GAMMAS[GAMMAS.length - 1];
  let bestRatio = Infinity;
  GAMMAS.forEach((gamma, k) => {
    const gap = meanFinalGap(dpo, adpoByGamma[k]);
    const ratio = medianQueryRatio(dpo, adpoByGamma[k]);
    if (gap >= FINAL_GAP_MIN && ratio < bestRatio) [best, bestRatio] = [gamma, ratio];
  });
  return best;
}

/**
 * ADPO's own (β, learning rate): the fewest queries to the tuned DPO's target (median ratio) among
 * the grid points that end no lower than DPO − 0.01 on average; DPO's own point if none does.
 */
export function adpoTuningRows(dpo: readonly AdpoSummary[], runs: readonly AdpoSummary[][], fallback: { beta: number; learningRate: number }): AdpoTuningRow[] {
  const rows: AdpoTuningRow[] = [];
  let k = 0;
  for (const beta of DPO_BETAS)
    for (const learningRate of DPO_LEARNING_RATES) {
      const adpo = runs[k++];
      rows.push({ beta, learningRate, queryRatio: medianQueryRatio(dpo, adpo), finalGap: meanFinalGap(dpo, adpo), chosen: false });
    }
  const eligible = rows.filter((r) => r.finalGap >= FINAL_GAP_MIN && Number.isFinite(r.queryRatio));
  const best = eligible.length > 0 ? eligible.reduce((a, b) => (b.queryRatio < a.queryRatio ? b : a)) : rows.find((r) => r.beta === fallback.beta && r.learningRate === fallback.learningRate)!;
  best.chosen = true;
  return rows;
}

function gammaSweepRows(dpo: readonly AdpoSummary[], adpo: readonly AdpoSummary[][], noPl: readonly AdpoSummary[][]): GammaSweepRow[] {
  return GAMMAS.map((gamma, k) => {
    const last = adpo[k].map((a) => a.checkpoints[a.checkpoints.length - 1]);
    return {
      gamma,
      adpoQueryRatio: medianQueryRatio(dpo, adpo[k]),
      noPlQueryRatio: medianQueryRatio(dpo, noPl[k]),
      finalGap: meanFinalGap(dpo, adpo[k]),
      noPlFinalGap: meanFinalGap(dpo, noPl[k]),
      queriedShare: mean(last.map((c) => c.queries / c.pairsSeen)),
      againstTruthShare: mean(last.map((c) => c.pseudoLabelsAgainstTruth / Math.max(1, c.pseudoLabels))),
      againstHumanShare: mean(last.map((c) => c.wrongPseudoLabels / Math.max(1, c.pseudoLabels))),
    };
  });
}

/** Per γ, the share of each interval's pseudo-labels that contradict the true preference, mean over the replicates that gave any. */
function wrongShareRows(adpo: readonly AdpoSummary[][]): WrongShareRow[] {
  const checkpoints = adpo[0][0].checkpoints;
  const rows: WrongShareRow[] = [];
  for (let i = 1; i < checkpoints.length; i++) {
    const row: WrongShareRow = { pairs: checkpoints[i].pairsSeen };
    GAMMAS.forEach((gamma, k) => {
      const shares = adpo[k].flatMap((run) => {
        const [a, b] = [run.checkpoints[i - 1], run.checkpoints[i]];
        const given = b.pseudoLabels - a.pseudoLabels;
        return given > 0 ? [(b.pseudoLabelsAgainstTruth - a.pseudoLabelsAgainstTruth) / given] : [];
      });
      row[`γ = ${gamma}`] = shares.length > 0 ? mean(shares) : null;
    });
    rows.push(row);
  }
  return rows;
}

const MARGIN_BINS = 40;

export function marginHistogram(margins: readonly number[], gamma: number): MarginBinRow[] {
  const sorted = margins.map(Math.abs).sort((a, b) => a - b);
  const reach = Math.max(2 * gamma, sorted[Math.floor(0.99 * (sorted.length - 1))] ?? 1);
  const width = (2 * reach) / MARGIN_BINS;
  const counts = new Array<number>(MARGIN_BINS).fill(0);
  for (const m of margins) counts[Math.min(MARGIN_BINS - 1, Math.max(0, Math.floor((m + reach) / width)))]++;
  return counts.map((count, i) => {
    const margin = -reach + (i + 0.5) * width;
    return { margin: Number(margin.toPrecision(4)), count, queried: Math.abs(margin) <= gamma };
  });
}

export async function runAppoAdpo(params: AppoAdpoParams, env: Pick<ComputeState, 'info' | 'device'>, control: RunControl<AppoAdpoResults> = {}): Promise<AppoAdpoResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const ticker = new Ticker(control);
  const createWorker = params.parallel === 'workers' && canUseWorkers() ? () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }) : null;
  // the bandit and the linear policy take this share of the progress bar, the language model the rest
  const share = params.lm === 'on' ? LINEAR_TIERS_SHARE : 1;
  const run = async <R>(jobs: AppoAdpoJob[], from: number, to: number, what: string) =>
    (await runJobs(jobs, runAppoAdpoJob, ticker, createWorker, (done, total) => ticker.progress(share * (from + ((to - from) * done) / total), `${what}: ${done} of ${total} runs`))) as R[];

  // the bandit, and DPO's tuning grid (independent of each other: one batch of jobs)
  const thresholds = appoThresholds(params);
  const appoJobs: AppoJob[] = thresholds.flatMap((threshold) => replicates(params.replicates).map((replicate) => ({ kind: 'appo' as const, params, replicate, threshold })));
  const adpoJob = (stream: ReplicateStream, replicate: number, method: AdpoMethod, beta: number, learningRate: number, gamma: number, keepMargins = false): AdpoJob => ({ kind: 'adpo', params, stream, replicate, method, beta, learningRate, gamma, keepMargins });
  const gridJobs = DPO_BETAS.flatMap((beta) => DPO_LEARNING_RATES.flatMap((lr) => replicates(TUNING_REPLICATES).map((r) => adpoJob('tuning', r, 'dpo', beta, lr, 0))));
  const first = await run<AppoSummary | AdpoSummary>([...appoJobs, ...gridJobs], 0, 0.55, `Bandit (${thresholds.length} thresholds × ${params.replicates} replicates) and DPO’s tuning grid (${gridJobs.length})`);
  const appoRuns = thresholds.map((_, k) => first.slice(k * params.replicates, (k + 1) * params.replicates) as AppoSummary[]);
  const gridRuns = DPO_BETAS.flatMap((_, b) => DPO_LEARNING_RATES.map((__, l) => first.slice(appoJobs.length + (b * DPO_LEARNING_RATES.length + l) * TUNING_REPLICATES, appoJobs.length + (b * DPO_LEARNING_RATES.length + l + 1) * TUNING_REPLICATES) as AdpoSummary[]));
  const stages: Record<string, number> = { 'bandit and DPO tuning': performance.now() - started };

  const always = appoRuns[0];
  const atClaim = appoRuns[thresholds.indexOf(CLAIM_THRESHOLD)];
  const series: AppoAdpoSeries = appoSeries(params, thresholds, appoRuns);
  const dpoTuning = dpoTuningRows(gridRuns);
  const tuned = dpoTuning.find((r) => r.chosen)!;
  series.dpoTuning = dpoTuning;
  const appoClaims: Claim[] = [appoQueriesClaim({ horizon: params.horizon, always, atClaim }), appoLogGrowthClaim({ horizon: params.horizon, atClaim })];
  const metrics: AppoAdpoMetrics = {
    appoQueryShare: median(atClaim.map((r) => r.finalQueries / params.horizon)),
    appoRegretRatio: median(atClaim.map((r, i) => r.finalRegret / always[i].finalRegret)),
    tunedBeta: tuned.beta,
    tunedLearningRate: tuned.learningRate,
  };
  let adpoClaims: Claim[] = [];
  let lmClaims: Claim[] = [];
  let lmLabel: string | null = null;
  const label = createWorker ? `CPU (float64 TypeScript), replicates spread over ${workerCount()} Web Workers` : 'CPU (float64 TypeScript), one thread';
  const assemble = (): AppoAdpoResults => ({
    slug: SLUG,
    params,
    backend: env.info,
    metrics: { ...metrics },
    series: { ...series },
    claims: [...appoClaims, ...adpoClaims, ...lmClaims, flagRuleClaim(), mleConvergedClaim(appoRuns.flat())].sort((a, b) => CLAIM_ORDER.indexOf(a.kind) - CLAIM_ORDER.indexOf(b.kind)),
    matrices: {},
    notes: notes(params, metrics, series, lmLabel),
    timing: { startedAt, totalMs: performance.now() - started, stages: { ...stages }, label: lmLabel ? `${label}; language model: ${lmLabel}` : label },
  });
  control.onPartial?.(assemble());

  // ADPO's γ, tuned on the tuning replicates at DPO's tuned (β, learning rate)
  const tuningDpo = gridRuns[DPO_BETAS.indexOf(tuned.beta) * DPO_LEARNING_RATES.length + DPO_LEARNING_RATES.indexOf(tuned.learningRate)];
  const gammaJobs = GAMMAS.flatMap((gamma) => replicates(TUNING_REPLICATES).map((r) => adpoJob('tuning', r, 'adpo', tuned.beta, tuned.learningRate, gamma)));
  const gammaRuns = await run<AdpoSummary>(gammaJobs, 0.55, 0.7, `ADPO’s γ tuning (${GAMMAS.length} γ × ${TUNING_REPLICATES} tuning replicates)`);
  const tunedGamma = tuneGamma(
    tuningDpo,
    GAMMAS.map((_, k) => gammaRuns.slice(k * TUNING_REPLICATES, (k + 1) * TUNING_REPLICATES)),
  );
  const shownGamma = params.shownGamma === 'tuned' ? tunedGamma : Number(params.shownGamma);

  // ADPO's own (β, learning rate) at that γ, on the same tuning replicates (a second coordinate step)
  const adpoGridJobs = DPO_BETAS.flatMap((beta) => DPO_LEARNING_RATES.flatMap((lr) => replicates(TUNING_REPLICATES).map((r) => adpoJob('tuning', r, 'adpo', beta, lr, tunedGamma))));
  const adpoGridRuns = await run<AdpoSummary>(adpoGridJobs, 0.7, 0.8, `ADPO’s own (β, learning rate) at γ = ${tunedGamma} (${adpoGridJobs.length})`);
  const adpoTuning = adpoTuningRows(tuningDpo, DPO_BETAS.flatMap((_, b) => DPO_LEARNING_RATES.map((__, l) => adpoGridRuns.slice((b * DPO_LEARNING_RATES.length + l) * TUNING_REPLICATES, (b * DPO_LEARNING_RATES.length + l + 1) * TUNING_REPLICATES))), tuned);
  series.adpoTuning = adpoTuning;
  const own = adpoTuning.find((r) => r.chosen)!;

  // the claim's replicates: DPO at its own tuning, then ADPO and ADPO without pseudo-labels at ADPO's, at every γ
  const claimJobs: AdpoJob[] = [
    ...replicates(params.replicates).map((r) => adpoJob('claim', r, 'dpo', tuned.beta, tuned.learningRate, 0)),
    ...(['adpo', 'adpo-no-pl'] as const).flatMap((method) => GAMMAS.flatMap((gamma) => replicates(params.replicates).map((r) => adpoJob('claim', r, method, own.beta, own.learningRate, gamma, r === 0 && method === 'adpo' && gamma === shownGamma)))),
  ];
  const claimRuns = await run<AdpoSummary>(claimJobs, 0.8, 1, `ADPO tier: DPO, ADPO and ADPO without pseudo-labels at ${GAMMAS.length} γ × ${params.replicates} replicates`);
  const n = params.replicates;
  const dpo = claimRuns.slice(0, n);
  const byGamma = (method: 'adpo' | 'adpo-no-pl') => GAMMAS.map((_, k) => claimRuns.slice(n + ((method === 'adpo' ? 0 : GAMMAS.length) + k) * n, n + ((method === 'adpo' ? 0 : GAMMAS.length) + k + 1) * n));
  const adpo = byGamma('adpo');
  const noPl = byGamma('adpo-no-pl');
  const shownIndex = GAMMAS.indexOf(shownGamma);
  stages['ADPO tier'] = performance.now() - started - stages['bandit and DPO tuning'];

  series.gammaSweep = gammaSweepRows(dpo, adpo, noPl);
  series.wrongShare = wrongShareRows(adpo);
  series.winVsQueries = ADPO_METHODS.flatMap((method) => {
    const shown = method === 'dpo' ? dpo[0] : (method === 'adpo' ? adpo : noPl)[shownIndex][0];
    return shown.checkpoints.map((c) => ({ method, queries: c.queries, winRate: c.winRate }));
  });
  series.marginHistogram = marginHistogram(adpo[shownIndex][0].margins ?? [], shownGamma);
  const tunedIndex = GAMMAS.indexOf(tunedGamma);
  Object.assign(metrics, { tunedGamma, shownGamma, adpoBeta: own.beta, adpoLearningRate: own.learningRate, adpoQueryRatio: series.gammaSweep[tunedIndex].adpoQueryRatio, dpoFinalWinRate: mean(dpo.map(finalWin)) });
  adpoClaims = [
    adpoQueriesClaim({ pairs: params.pairs, gamma: tunedGamma, dpo, adpo: adpo[tunedIndex], adpoNoPl: noPl[tunedIndex], adpoSetting: own, dpoSetting: tuned, tuningGap: own.finalGap }),
    smallGammaClaim(dpo, adpo[GAMMAS.indexOf(SMALL_GAMMA)], tunedGamma),
    uniformStartClaim([...dpo, ...adpo.flat(), ...noPl.flat(), ...gridRuns.flat(), ...gammaRuns, ...adpoGridRuns]),
  ];
  if (params.lm === 'on') {
    control.onPartial?.(assemble());
    const lmStarted = performance.now();
    const lm = await onChosenTfBackend(params.network, env, (where) => runLanguageModelTier(params, where, ticker.stage(LINEAR_TIERS_SHARE, 1)));
    stages['language-model tier'] = performance.now() - lmStarted;
    lmLabel = `${lm.where.label}; sequence log-probabilities by ${lm.fused ? 'the fused WGSL kernel' : 'the tfjs op chain'}`;
    const first = lm.replicates[0];
    series.lmWinVsQueries = first.runs.flatMap((run) => run.checkpoints.map((c) => ({ method: run.method, queries: c.queries, winRate: c.winRate })));
    const byMethod = (method: AdpoMethod) => lm.replicates.map((r) => ({ checkpoints: r.runs.find((run) => run.method === method)!.checkpoints, margins: null }));
    const [lmDpo, lmAdpo, lmNoPl] = ADPO_METHODS.map(byMethod);
    const options = lmOptions(params);
    lmClaims = [adpoLmQueriesClaim({ pairs: options.streamPairs, gamma: options.gamma, dpo: lmDpo, adpo: lmAdpo, adpoNoPl: lmNoPl, beta: options.beta, learningRate: options.learningRate, tiedPairs: lm.replicates.map((r) => r.tiedPairs) }), ...lm.claims];
    Object.assign(metrics, {
      lmQueryRatio: lmClaims[0].value,
      lmDpoFinalWinRate: mean(lmDpo.map(finalWin)),
      lmAdpoFinalWinRate: mean(lmAdpo.map(finalWin)),
      lmReferenceScore: mean(lm.replicates.map((r) => r.referenceScore)),
    });
  }
  ticker.progress(1, 'Done');
  return assemble();
}

/** Claims in the page's order: the paper's, then the limits, then the sanity checks. */
const CLAIM_ORDER = ['paper', 'limit', 'sanity'];
/** Share of the progress bar the bandit and the linear policy take when the language model runs too. */
const LINEAR_TIERS_SHARE = 0.3;

export function lmOptions(params: AppoAdpoParams): AdpoLmOptions {
  return {
    sftPairs: 128,
    sftSteps: params.lmSftSteps,
    streamPairs: params.lmStreamPairs,
    batch: 32,
    beta: params.lmBeta,
    learningRate: params.lmLearningRate,
    gamma: params.lmGamma,
    heldOut: params.lmHeldOut,
    evalEvery: 8,
    width: 32,
    layers: 2,
    oracleTemperature: params.lmOracleTemperature,
  };
}

/** The tier's replicates on the chosen backend, and the fused kernel's sanity row where it runs. */
async function runLanguageModelTier(params: AppoAdpoParams, where: TfPlacement, ticker: Ticker): Promise<{ replicates: AdpoLmResult[]; claims: Claim[]; where: TfPlacement; fused: boolean }> {
  const { op, fused } = params.logProb === 'chain' ? { op: sequenceLogProbTfjs, fused: false } : await createSequenceLogProbOp(where.device);
  const root = RngStream.fromSeed(params.seed).split('lm');
  const options = lmOptions(params);
  const claims: Claim[] = [];
  if (fused) {
    const check = await lossThroughBothOps(options, op, sequenceLogProbTfjs, root.split('loss-check'));
    claims.push(lossAgreementClaim(check.fused, check.chain, check.pairs));
  }
  const replicates: AdpoLmResult[] = [];
  for (let r = 0; r < params.lmReplicates; r++) {
    const stage = ticker.stage(r / params.lmReplicates, (r + 1) / params.lmReplicates);
    stage.progress(0, `Language model: replicate ${r + 1} of ${params.lmReplicates}`);
    replicates.push(await runAdpoLmTier(ADPO_METHODS, options, op, root.split(r), stage));
  }
  return { replicates, claims, where, fused };
}

function notes(params: AppoAdpoParams, metrics: AppoAdpoMetrics, series: AppoAdpoSeries, lmLabel: string | null): string[] {
  const out = [
    `Bandit: d = ${params.dim}, K = ${params.arms} fresh standard-normal arms per round, T = ${params.horizon}, ‖θ*‖ = 1, Bradley–Terry temperature ${params.temperature}. The learner’s θ̂ is the ridge-regularised MLE (λ = ${params.lambda}) of the queried duels only, by damped Newton steps after each; a¹ is greedy, a² the optimistic challenger with bonus √(d log t)·‖φ − φ_{a¹}‖_{Σ⁻¹}. Regret is the greedy arm’s. Every Γ sees, replicate by replicate, the same θ*, contexts and label coins. Cumulative queries at Γ = ${CLAIM_THRESHOLD} grow by about ${queriesPerEFold(series.appoCurves, params.horizon).toFixed(0)} per e-fold of t over the last 90% of the rounds (a least-squares line against log t).`,
    `Linear policy: d = ${params.policyDim}, K = ${params.candidates} candidates per prompt, a stream of ${params.pairs} pairs (two distinct candidates drawn from the uniform reference) in batches of ${ADPO_BATCH}, one pass of SGD on the DPO loss, win-rate exact over ${ADPO_EVAL_PROMPTS} held-out prompts against the uniform reference under the true Bradley–Terry model (temperature ${params.labelTemperature}).`,
  ];
  if (metrics.tunedBeta !== undefined) out.push(`DPO’s own tuning: the best (β, learning rate) of ${DPO_BETAS.length * DPO_LEARNING_RATES.length} on ${TUNING_REPLICATES} tuning replicates by final win-rate is (${metrics.tunedBeta}, ${metrics.tunedLearningRate}). Smaller β makes the policy π ∝ exp(⟨u, φ⟩/β) sharper for the same implicit reward u; the research notes’ toy (β = 1, learning rate 0.3) left DPO far below its best, and there ADPO’s pseudo-labels mostly sharpened the policy.`);
  if (metrics.tunedGamma !== undefined) out.push(`ADPO’s own tuning, on the same tuning replicates in two steps: γ = ${metrics.tunedGamma} at DPO’s (β, learning rate) (the fewest queries to DPO’s target among the γ of {${GAMMAS.join(', ')}} that end within 0.01 of DPO), then its own (β, learning rate) = (${metrics.adpoBeta}, ${metrics.adpoLearningRate}) at that γ, by the same rule; the charts show γ = ${metrics.shownGamma}. The margin m = β⟨w, Δφ⟩ is the implicit reward difference, so γ’s scale is the reward’s: the official repository’s 0.9–2.0 are for a language model’s margins, not this toy’s.`);
  if (lmLabel !== null && metrics.lmDpoFinalWinRate !== undefined) {
    const o = lmOptions(params);
    out.push(
      `Language model: a ${o.layers}-layer causal transformer (width ${o.width}) that reverses words of 3–5 letters a–h, SFT on ${o.sftPairs} pairs for ${o.sftSteps} steps: the reference (its answers score ${metrics.lmReferenceScore?.toFixed(2)} on average). ` +
        `It answers each of ${o.streamPairs} stream prompts twice; the oracle scores an answer one point per letter of the reversed prompt in its place, minus one per letter of length difference, and the human prefers the better-scored answer with probability σ(Δscore / ${o.oracleTemperature}). ` +
        `DPO, ADPO (γ = ${o.gamma}) and ADPO without pseudo-labels fine-tune copies of the reference on the same stream (batches of ${o.batch}, β = ${o.beta}, Adam ${o.learningRate}); win-rate: one sample per held-out prompt (${o.heldOut}) against the reference's, by the oracle's probability. ` +
        `Final win-rates over ${params.lmReplicates} replicates: DPO ${metrics.lmDpoFinalWinRate.toFixed(3)}, ADPO ${metrics.lmAdpoFinalWinRate?.toFixed(3)}. Ran on ${lmLabel}.`,
    );
  }
  return out;
}
