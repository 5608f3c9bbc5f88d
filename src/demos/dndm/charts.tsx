// The recharts views of the DNDM demo. Each reads one series of the results object, typed by its row.

import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { PlotFrame } from '../../ui/PlotFrame';
import { LOG_DOMAIN, xAxisProps, yAxisProps } from '../../ui/axes';
import type { NfeRow, QualityMetric, QualityRow, RealTextColumns, TauRow, TimeRow } from './summary';
import { OKABE_ITO } from '../../ui/palette';

export const COLOURS = { baseline: OKABE_ITO.blue, dndm: OKABE_ITO.vermillion, formula: '#222', real: OKABE_ITO.bluishGreen };
const HEIGHT = 260;
const fmt = (v: unknown) => (Array.isArray(v) ? v.map((x) => Number(x).toPrecision(4)).join(' – ') : typeof v === 'number' ? String(Number(v.toPrecision(4))) : String(v));

/** Transition-time distribution: expected tokens N·p_t per step and the τ drawn in the shown run. */
export function TauHistogram({ rows }: { rows: readonly TauRow[] }) {
  return (
    <PlotFrame height={HEIGHT}>
      <ComposedChart data={rows} margin={{ left: 10, right: 10 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="t" type="number" domain={[1, 'dataMax']} reversed {...xAxisProps('step t (the reverse process runs right to left: T → 1)')} />
        <YAxis allowDecimals={false} {...yAxisProps('tokens')} />
        <Tooltip formatter={fmt} />
        <Legend />
        <Bar dataKey="sampledTokens" name="τ drawn in the shown run" fill={COLOURS.dndm} isAnimationActive={false} />
        <Line dataKey="expectedTokens" name="expected N·p_t" stroke={COLOURS.formula} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </PlotFrame>
  );
}

export function NfeChart({ rows }: { rows: readonly NfeRow[] }) {
  const data = rows.map((r) => ({ ...r, dndmBand: [r.dndmMin, r.dndmMax] }));
  return (
    <PlotFrame height={HEIGHT}>
      <ComposedChart data={data} margin={{ left: 10, right: 10 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="T" {...xAxisProps('diffusion steps T')} />
        <YAxis scale="log" domain={LOG_DOMAIN} {...yAxisProps('network calls (log)')} />
        <Tooltip formatter={fmt} />
        <Legend />
        <Line dataKey="baseline" name="T-call sampler: NFE = T" stroke={COLOURS.baseline} isAnimationActive={false} />
        <Area dataKey="dndmBand" name="DNDM min–max over seeds" stroke="none" fill={COLOURS.dndm} fillOpacity={0.2} isAnimationActive={false} legendType="none" />
        <Line dataKey="dndmMean" name="DNDM measured (mean)" stroke={COLOURS.dndm} isAnimationActive={false} />
        <Line dataKey="formula" name="E[NFE] = Σ 1 − (1 − p_t)^N" stroke={COLOURS.formula} strokeDasharray="5 3" isAnimationActive={false} />
      </ComposedChart>
    </PlotFrame>
  );
}

export function TimeChart({ rows }: { rows: readonly TimeRow[] }) {
  const data = rows.map((r) => ({ ...r, baselineBand: [r.baselineMsMin, r.baselineMsMax], dndmBand: [r.dndmMsMin, r.dndmMsMax] }));
  return (
    <PlotFrame height={HEIGHT}>
      <ComposedChart data={data} margin={{ left: 10, right: 10 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="T" {...xAxisProps('diffusion steps T')} />
        <YAxis scale="log" domain={LOG_DOMAIN} {...yAxisProps('ms per batch (log)')} />
        <Tooltip formatter={fmt} />
        <Legend />
        <Area dataKey="baselineBand" stroke="none" fill={COLOURS.baseline} fillOpacity={0.2} isAnimationActive={false} legendType="none" />
        <Area dataKey="dndmBand" stroke="none" fill={COLOURS.dndm} fillOpacity={0.2} isAnimationActive={false} legendType="none" />
        <Line dataKey="baselineMsMean" name="T-call sampler" stroke={COLOURS.baseline} isAnimationActive={false} />
        <Line dataKey="dndmMsMean" name="DNDM" stroke={COLOURS.dndm} isAnimationActive={false} />
      </ComposedChart>
    </PlotFrame>
  );
}

export const QUALITY_METRICS: Record<QualityMetric, { label: string; real: keyof RealTextColumns; log: boolean }> = {
  Ppl: { label: 'judge perplexity (lower is better)', real: 'realPpl', log: true },
  Words: { label: 'share of complete words that are corpus words', real: 'realWords', log: false },
  UnigramKl: { label: 'unigram KL to the corpus (nats)', real: 'realUnigramKl', log: false },
  BigramKl: { label: 'bigram KL to the corpus (nats)', real: 'realBigramKl', log: false },
};

export function QualityChart({ rows, metric }: { rows: readonly QualityRow[]; metric: QualityMetric }) {
  const m = QUALITY_METRICS[metric];
  const data = rows.map((r) => ({
    ...r,
    baselineBand: [r[`baseline${metric}Min` as const], r[`baseline${metric}Max` as const]],
    dndmBand: [r[`dndm${metric}Min` as const], r[`dndm${metric}Max` as const]],
  }));
  return (
    <PlotFrame height={HEIGHT}>
      <ComposedChart data={data} margin={{ left: 10, right: 10 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="T" {...xAxisProps('diffusion steps T')} />
        <YAxis scale={m.log ? 'log' : 'auto'} domain={m.log ? LOG_DOMAIN : ['auto', 'auto']} {...yAxisProps(m.label)} />
        <Tooltip formatter={fmt} />
        <Legend />
        <Area dataKey="baselineBand" stroke="none" fill={COLOURS.baseline} fillOpacity={0.15} isAnimationActive={false} legendType="none" />
        <Area dataKey="dndmBand" stroke="none" fill={COLOURS.dndm} fillOpacity={0.15} isAnimationActive={false} legendType="none" />
        <Line dataKey={`baseline${metric}Mean`} name="T-call sampler" stroke={COLOURS.baseline} isAnimationActive={false} />
        <Line dataKey={`dndm${metric}Mean`} name="DNDM" stroke={COLOURS.dndm} isAnimationActive={false} />
        <Line dataKey={m.real} name="real held-out text (same sizes)" stroke={COLOURS.real} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
      </ComposedChart>
    </PlotFrame>
  );
}
