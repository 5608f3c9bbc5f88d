// The run's records turned into the results' series and metrics: NFE, time and quality per T
// (mean and min–max band over seeds), every run, sample texts, the τ histogram and the step-by-step
// trajectories of the shown run.

import type { SeriesRow } from '../../lib/results';
import { band, mean } from '../../lib/stats';
import { decodeChars } from '../../models/charVocab';
import type { SampleResult } from '../../models/diffusion/samplers';
import { expectedNfe, nfeVariance, transitionTimeDistribution, type TransitionSchedule } from '../../models/diffusion/transitionTimes';
import type { DndmParams } from './params';
import type { SampleQuality } from './quality';
import { SAMPLER_LABELS, tLabel, type Role, type RunRecord } from './records';

export interface Shown {
  dndm: SampleResult;
  baseline: SampleResult | null;
}

function trajectoryRows(result: SampleResult | null, L: number, times: (call: number) => number | null): SeriesRow[] {
  if (!result?.trajectory) return [];
  return result.trajectory.map((x, frame) => {
    const seq = x.subarray(0, L);
    const text = decodeChars(seq);
    return { frame, call: frame < result.trajectory!.length - 1 ? frame + 1 : null, t: frame < result.trajectory!.length - 1 ? times(frame) : 0, masked: Array.from(text).filter((c) => c === '_').length, text };
  });
}

export function summarise(params: DndmParams, grid: number[], records: RunRecord[], reference: SampleQuality[], shown: Shown | null, L: number, schedule: TransitionSchedule): { series: Record<string, SeriesRow[]>; metrics: Record<string, number> } {
  const at = (T: number, role: Role) => records.filter((r) => r.T === T && r.role === role);
  const done = grid.filter((T) => at(T, 'dndm').length > 0);
  const pick = (rs: RunRecord[], f: (r: RunRecord) => number, prefix: string): SeriesRow => {
    if (rs.length === 0) return { [`${prefix}Mean`]: null, [`${prefix}Min`]: null, [`${prefix}Max`]: null };
    const b = band(rs.map(f));
    return { [`${prefix}Mean`]: b.mean, [`${prefix}Min`]: b.min, [`${prefix}Max`]: b.max };
  };
  const refMean = (f: (q: SampleQuality) => number) => mean(reference.map(f));
  const nfe = done.map((T) => ({
    T: tLabel(T),
    steps: Number.isFinite(T) ? T : null,
    formula: Number.isFinite(T) ? expectedNfe(schedule, L, T) : L,
    formulaSd: Number.isFinite(T) ? Math.sqrt(nfeVariance(schedule, L, T)) : 0,
    ...pick(at(T, 'dndm'), (r) => r.nfe, 'dndm'),
    baseline: Number.isFinite(T) ? T : null,
  }));
  const time = done.map((T) => {
    const b = at(T, 'baseline');
    const d = at(T, 'dndm');
    return {
      T: tLabel(T),
      ...pick(b, (r) => r.wallMs, 'baselineMs'),
      ...pick(d, (r) => r.wallMs, 'dndmMs'),
      speedup: b.length ? mean(b.map((r) => r.wallMs)) / mean(d.map((r) => r.wallMs)) : null,
      nfeRatio: b.length ? mean(b.map((r) => r.nfe)) / mean(d.map((r) => r.nfe)) : null,
    };
  });
  const quality = done.map((T) => {
    const b = at(T, 'baseline');
    const d = at(T, 'dndm');
    return {
      T: tLabel(T),
      ...pick(b, (r) => Math.exp(r.judgeNll), 'baselinePpl'),
      ...pick(d, (r) => Math.exp(r.judgeNll), 'dndmPpl'),
      ...pick(b, (r) => r.realWordShare, 'baselineWords'),
      ...pick(d, (r) => r.realWordShare, 'dndmWords'),
      ...pick(b, (r) => r.unigramKl, 'baselineUnigramKl'),
      ...pick(d, (r) => r.unigramKl, 'dndmUnigramKl'),
      ...pick(b, (r) => r.bigramKl, 'baselineBigramKl'),
      ...pick(d, (r) => r.bigramKl, 'dndmBigramKl'),
      realPpl: Math.exp(refMean((q) => q.judgeNll)),
      realWords: refMean((q) => q.realWordShare),
      realUnigramKl: refMean((q) => q.unigramKl),
      realBigramKl: refMean((q) => q.bigramKl),
    };
  });
  const runs = records.map((r) => ({
    T: tLabel(r.T),
    sampler: SAMPLER_LABELS[r.sampler],
    seed: r.seed,
    nfe: r.nfe,
    wallMs: Math.round(r.wallMs * 10) / 10,
    judgePerplexity: Math.exp(r.judgeNll),
    realWordShare: r.realWordShare,
    unigramKl: r.unigramKl,
    bigramKl: r.bigramKl,
  }));
  const samples = records
    .filter((r) => r.seed === 0)
    .flatMap((r) => r.texts.slice(0, 2).map((text, i) => ({ T: tLabel(r.T), sampler: SAMPLER_LABELS[r.sampler], sequence: i, text })));
  const series: Record<string, SeriesRow[]> = { nfe, time, quality, runs, samples };
  const metrics: Record<string, number> = {
    realTextPerplexity: Math.exp(refMean((q) => q.judgeNll)),
    realTextWordShare: refMean((q) => q.realWordShare),
  };
  if (shown) {
    const p = transitionTimeDistribution(schedule, params.steps);
    const counts = new Array<number>(params.steps).fill(0);
    const tau = shown.dndm.tau;
    if (tau) for (const t of Array.from(tau)) counts[t - 1]++;
    series.tau = Array.from(p, (pt, i) => ({ t: i + 1, probability: pt, expectedTokens: L * pt, sampledTokens: counts[i] }));
    const callTimes = tau ? Array.from(new Set(Array.from(tau))).sort((a, b) => b - a) : [];
    series.trajectory = trajectoryRows(shown.dndm, L, (call) => callTimes[call] ?? null);
    series.baselineTrajectory = trajectoryRows(shown.baseline, L, (call) => params.steps - call);
    const finalText = decodeChars(shown.dndm.tokens.subarray(0, L));
    series.positions = tau ? Array.from(tau, (t, n) => ({ position: n, tau: t, token: finalText[n] })) : [];
    metrics.shownNfeDndm = shown.dndm.nfe;
    metrics.shownNfeBaseline = shown.baseline?.nfe ?? NaN;
    metrics.shownExpectedNfe = expectedNfe(schedule, L, params.steps);
  }
  return { series, metrics };
}
