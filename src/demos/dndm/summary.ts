// The run's records turned into the results' series and metrics: NFE, time and quality per T
// (mean and min–max band over seeds), every run, sample texts, the τ histogram and the step-by-step
// trajectories of the shown run. The row types are what the views, the tutorial and the tests read.

import { bandColumns, type BandColumns } from '../../lib/results';
import { mean } from '../../lib/stats';
import { decodeChars } from '../../models/charVocab';
import type { SampleResult } from '../../models/diffusion/samplers';
import { expectedNfe, nfeVariance, transitionTimeDistribution, type TransitionSchedule } from '../../models/diffusion/transitionTimes';
import type { DndmParams } from './params';
import type { SampleQuality } from './quality';
import { SAMPLER_LABELS, stepsOf, tLabel, type Role, type RunRecord, type TLabel } from './records';

/** Which T a row is about: the label the charts show, and `steps` for code (null: T = ∞, continuous time). */
export type TColumns = { T: TLabel; steps: number | null };
/** A band over the T-call sampler's runs: null at T = ∞, where DNDM-C has no T-call counterpart. */
export type BaselineBandColumns<K extends string> = { [k in keyof BandColumns<K>]: number | null };

export type NfeRow = TColumns & { formula: number; formulaSd: number } & BandColumns<'dndm'> & { baseline: number | null };
export type TimeRow = TColumns & BaselineBandColumns<'baselineMs'> & BandColumns<'dndmMs'> & { speedup: number | null; nfeRatio: number | null };

/** The quality measures, as the column names spell them (`dndmPplMean`, `realPpl`, …). */
export type QualityMetric = 'Ppl' | 'Words' | 'UnigramKl' | 'BigramKl';
/** The same measures on real held-out text cut to the samples' sizes: where real text sits. */
export type RealTextColumns = { [k in `real${QualityMetric}`]: number };
export type QualityRow = TColumns & BaselineBandColumns<`baseline${QualityMetric}`> & BandColumns<`dndm${QualityMetric}`> & RealTextColumns;

export type RunRow = TColumns & { sampler: string; seed: number; nfe: number; wallMs: number; judgePerplexity: number; realWordShare: number; unigramKl: number; bigramKl: number };
export type SampleRow = TColumns & { sampler: string; sequence: number; text: string };
export type TauRow = { t: number; probability: number; expectedTokens: number; sampledTokens: number };
/** One frame of a denoising trajectory: x before network call `call` (null: the final frame), at time t. */
export type TrajectoryRow = { frame: number; call: number | null; t: number | null; masked: number; text: string };
export type PositionRow = { position: number; tau: number; token: string };

/** The shown run's series (T = params.steps, seed 0): absent from partial results before that T is done. */
export type ShownRunSeries = { tau?: TauRow[]; trajectory?: TrajectoryRow[]; baselineTrajectory?: TrajectoryRow[]; positions?: PositionRow[] };
export type DndmSeries = { nfe: NfeRow[]; time: TimeRow[]; quality: QualityRow[]; runs: RunRow[]; samples: SampleRow[] } & ShownRunSeries;

export type ShownRunMetrics = { shownNfeDndm: number; shownNfeBaseline: number; shownExpectedNfe: number };
export type SummaryMetrics = { realTextPerplexity: number; realTextWordShare: number } & Partial<ShownRunMetrics>;

export interface Shown {
  dndm: SampleResult;
  baseline: SampleResult | null;
}

const tColumns = (T: number): TColumns => ({ T: tLabel(T), steps: stepsOf(T) });

function baselineBandColumns<K extends string>(prefix: K, values: readonly number[]): BaselineBandColumns<K> {
  if (values.length > 0) return bandColumns(prefix, values);
  return { [`${prefix}Mean`]: null, [`${prefix}Min`]: null, [`${prefix}Max`]: null } as BaselineBandColumns<K>;
}

function trajectoryRows(result: SampleResult | null, L: number, times: (call: number) => number | null): TrajectoryRow[] {
  const trajectory = result?.trajectory;
  if (!trajectory) return [];
  const last = trajectory.length - 1;
  return trajectory.map((x, frame) => {
    const text = decodeChars(x.subarray(0, L));
    return { frame, call: frame < last ? frame + 1 : null, t: frame < last ? times(frame) : 0, masked: Array.from(text).filter((c) => c === '_').length, text };
  });
}

function shownRun(shown: Shown, params: DndmParams, L: number, schedule: TransitionSchedule): { series: ShownRunSeries; metrics: ShownRunMetrics } {
  const p = transitionTimeDistribution(schedule, params.steps);
  const counts = new Array<number>(params.steps).fill(0);
  const tau = shown.dndm.tau;
  if (tau) for (const t of Array.from(tau)) counts[t - 1]++;
  const callTimes = tau ? Array.from(new Set(Array.from(tau))).sort((a, b) => b - a) : [];
  const finalText = decodeChars(shown.dndm.tokens.subarray(0, L));
  return {
    series: {
      tau: Array.from(p, (pt, i) => ({ t: i + 1, probability: pt, expectedTokens: L * pt, sampledTokens: counts[i] })),
      trajectory: trajectoryRows(shown.dndm, L, (call) => callTimes[call] ?? null),
      baselineTrajectory: trajectoryRows(shown.baseline, L, (call) => params.steps - call),
      positions: tau ? Array.from(tau, (t, n) => ({ position: n, tau: t, token: finalText[n] })) : [],
    },
    metrics: {
      shownNfeDndm: shown.dndm.nfe,
      shownNfeBaseline: shown.baseline?.nfe ?? NaN,
      shownExpectedNfe: expectedNfe(schedule, L, params.steps),
    },
  };
}

export function summarise(params: DndmParams, grid: number[], records: RunRecord[], reference: SampleQuality[], shown: Shown | null, L: number, schedule: TransitionSchedule): { series: DndmSeries; metrics: SummaryMetrics } {
  const at = (T: number, role: Role) => records.filter((r) => r.T === T && r.role === role);
  // a T is summarised once DNDM ran at it, so DNDM's bands are never empty
  const done = grid.filter((T) => at(T, 'dndm').length > 0);
  const refMean = (f: (q: SampleQuality) => number) => mean(reference.map(f));
  const nfe = done.map(
    (T): NfeRow => ({
      ...tColumns(T),
      formula: Number.isFinite(T) ? expectedNfe(schedule, L, T) : L,
      formulaSd: Number.isFinite(T) ? Math.sqrt(nfeVariance(schedule, L, T)) : 0,
      ...bandColumns('dndm', at(T, 'dndm').map((r) => r.nfe)),
      baseline: stepsOf(T),
    }),
  );
  const time = done.map((T): TimeRow => {
    const b = at(T, 'baseline');
    const d = at(T, 'dndm');
    return {
      ...tColumns(T),
      ...baselineBandColumns('baselineMs', b.map((r) => r.wallMs)),
      ...bandColumns('dndmMs', d.map((r) => r.wallMs)),
      speedup: b.length ? mean(b.map((r) => r.wallMs)) / mean(d.map((r) => r.wallMs)) : null,
      nfeRatio: b.length ? mean(b.map((r) => r.nfe)) / mean(d.map((r) => r.nfe)) : null,
    };
  });
  const quality = done.map((T): QualityRow => {
    const b = at(T, 'baseline');
    const d = at(T, 'dndm');
    return {
      ...tColumns(T),
      ...baselineBandColumns('baselinePpl', b.map((r) => Math.exp(r.judgeNll))),
      ...bandColumns('dndmPpl', d.map((r) => Math.exp(r.judgeNll))),
      ...baselineBandColumns('baselineWords', b.map((r) => r.realWordShare)),
      ...bandColumns('dndmWords', d.map((r) => r.realWordShare)),
      ...baselineBandColumns('baselineUnigramKl', b.map((r) => r.unigramKl)),
      ...bandColumns('dndmUnigramKl', d.map((r) => r.unigramKl)),
      ...baselineBandColumns('baselineBigramKl', b.map((r) => r.bigramKl)),
      ...bandColumns('dndmBigramKl', d.map((r) => r.bigramKl)),
      realPpl: Math.exp(refMean((q) => q.judgeNll)),
      realWords: refMean((q) => q.realWordShare),
      realUnigramKl: refMean((q) => q.unigramKl),
      realBigramKl: refMean((q) => q.bigramKl),
    };
  });
  const runs = records.map(
    (r): RunRow => ({
      ...tColumns(r.T),
      sampler: SAMPLER_LABELS[r.sampler],
      seed: r.seed,
      nfe: r.nfe,
      wallMs: Math.round(r.wallMs * 10) / 10,
      judgePerplexity: Math.exp(r.judgeNll),
      realWordShare: r.realWordShare,
      unigramKl: r.unigramKl,
      bigramKl: r.bigramKl,
    }),
  );
  const samples = records
    .filter((r) => r.seed === 0)
    .flatMap((r) => r.texts.slice(0, 2).map((text, i): SampleRow => ({ ...tColumns(r.T), sampler: SAMPLER_LABELS[r.sampler], sequence: i, text })));
  const realText = { realTextPerplexity: Math.exp(refMean((q) => q.judgeNll)), realTextWordShare: refMean((q) => q.realWordShare) };
  if (!shown) return { series: { nfe, time, quality, runs, samples }, metrics: realText };
  const shownSummary = shownRun(shown, params, L, schedule);
  return { series: { nfe, time, quality, runs, samples, ...shownSummary.series }, metrics: { ...realText, ...shownSummary.metrics } };
}
