// The DPLM demo's charts: bars with min–max whiskers over replicates for the categorical
// comparisons (sampler modes, DPLM vs a baseline), and the guidance dose–response over η.

import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { PlotFrame } from '../../ui/PlotFrame';
import { BandChart } from '../../ui/BandChart';
import type { ComparisonRow, GuidanceRow, RepeatRow } from './summary';
import { yAxisProps } from '../../ui/axes';
import { NEUTRAL, OKABE_ITO } from '../../ui/palette';

export const COLOURS = { dplm: OKABE_ITO.vermillion, baseline: NEUTRAL, share: OKABE_ITO.reddishPurple, run: OKABE_ITO.orange, scorer: OKABE_ITO.vermillion, guide: OKABE_ITO.blue, perplexity: OKABE_ITO.bluishGreen, composition: OKABE_ITO.skyBlue };
const HEIGHT = 260;
const fmt = (v: unknown) => (Array.isArray(v) ? v.map((x) => Number(Number(x).toPrecision(3))).join(' – ') : typeof v === 'number' ? String(Number(v.toPrecision(4))) : String(v));
/** ErrorBar's [below, above] the bar from the band columns. */
const whisker = (mean: number, min: number, max: number) => [mean - min, max - mean];

/** Repeat-collapsed share (left axis) and longest homopolymer run (right axis) per sampler mode. */
export function RepeatBars({ rows }: { rows: readonly RepeatRow[] }) {
  const data = rows.map((r) => ({ ...r, shareErr: whisker(r.repeatShareMean, r.repeatShareMin, r.repeatShareMax), runErr: whisker(r.longestRunMean, r.longestRunMin, r.longestRunMax) }));
  return (
    <PlotFrame height={HEIGHT}>
      <BarChart data={data} margin={{ left: 10, right: 10, bottom: 4 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="mode" />
        <YAxis yAxisId="share" domain={[0, 1]} {...yAxisProps('share of sequences repeat-collapsed')} />
        <YAxis yAxisId="run" orientation="right" allowDecimals={false} {...yAxisProps('longest run (residues)', 'right')} />
        <Tooltip formatter={fmt} />
        <Legend />
        <Bar yAxisId="share" dataKey="repeatShareMean" name="repeat-collapsed share (one amino acid > 25 %)" fill={COLOURS.share} isAnimationActive={false}>
          <ErrorBar dataKey="shareErr" stroke="#222" width={6} />
        </Bar>
        <Bar yAxisId="run" dataKey="longestRunMean" name="mean longest homopolymer run" fill={COLOURS.run} isAnimationActive={false}>
          <ErrorBar dataKey="runErr" stroke="#222" width={6} />
        </Bar>
      </BarChart>
    </PlotFrame>
  );
}

/** One bar per row (its mean), whiskers min–max over replicates; the first row (the method under test) in red, the baseline grey. */
export function ComparisonBars({ rows, yLabel, domain }: { rows: readonly ComparisonRow[]; yLabel: string; domain?: [number, number] }) {
  const data = rows.map((r) => ({ ...r, err: whisker(r.valueMean, r.valueMin, r.valueMax) }));
  return (
    <PlotFrame height={HEIGHT}>
      <BarChart data={data} margin={{ left: 10, right: 10, bottom: 4 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" />
        <YAxis domain={domain ?? [0, 'auto']} {...yAxisProps(yLabel)} />
        <Tooltip formatter={fmt} />
        <Bar dataKey="valueMean" name={`${yLabel} (mean; whiskers: min–max over replicates)`} isAnimationActive={false} legendType="none">
          {data.map((_, i) => (
            <Cell key={i} fill={i === 0 ? COLOURS.dplm : COLOURS.baseline} />
          ))}
          <ErrorBar dataKey="err" stroke="#222" width={8} />
        </Bar>
      </BarChart>
    </PlotFrame>
  );
}

/** Agreement of the held-out scorer (the claim's number) and of the guide with the target, vs η. */
export function GuidanceAgreement({ rows }: { rows: readonly GuidanceRow[] }) {
  return (
    <BandChart
      rows={rows}
      x="eta"
      xLabel="guidance strength η"
      yLabel="agreement with the target SS"
      bands={[
        { key: 'scorer', name: 'held-out scorer (the claim)', colour: COLOURS.scorer },
        { key: 'guide', name: 'guide (what guidance climbs)', colour: COLOURS.guide },
      ]}
    />
  );
}

/** Masked-LM pseudo-perplexity of the guided sequences vs η: the price of pushing. */
export function GuidancePerplexity({ rows }: { rows: readonly GuidanceRow[] }) {
  return <BandChart rows={rows} x="eta" xLabel="guidance strength η" yLabel="masked-LM pseudo-perplexity" bands={[{ key: 'perplexity', name: 'pseudo-perplexity', colour: COLOURS.perplexity }]} />;
}

export function GuidanceComposition({ rows }: { rows: readonly GuidanceRow[] }) {
  return <BandChart rows={rows} x="eta" xLabel="guidance strength η" yLabel="composition KL to natural" bands={[{ key: 'compositionKl', name: 'KL(composition ‖ natural)', colour: COLOURS.composition }]} />;
}
