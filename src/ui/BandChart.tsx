// Lines with min–max bands over seeds: each series reads `${key}Mean`, `${key}Min`, `${key}Max`.

import { Area, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { PlotFrame } from './PlotFrame';
import type { SeriesRow } from '../lib/results';
import { LOG_DOMAIN, xAxisProps, yAxisProps } from './axes';

export interface BandSpec {
  key: string;
  name: string;
  colour: string;
}

const fmt = (v: unknown) => (Array.isArray(v) ? v.map((x) => Number(Number(x).toPrecision(4))).join(' – ') : typeof v === 'number' ? String(Number(v.toPrecision(4))) : String(v));

export function BandChart({ rows, x, xLabel, yLabel, bands, logY = false, height = 260 }: { rows: readonly SeriesRow[]; x: string; xLabel: string; yLabel: string; bands: readonly BandSpec[]; logY?: boolean; height?: number }) {
  // a log axis cannot show 0: lift zeros to a floor well below the data
  const floor = logY ? Math.min(...rows.flatMap((r) => bands.map((b) => Number(r[`${b.key}Min`]))).filter((v) => v > 0), 1) / 10 : 0;
  const lift = (v: unknown) => (logY ? Math.max(Number(v), floor) : Number(v));
  const data = rows.map((r) => {
    const row: Record<string, unknown> = { ...r };
    for (const b of bands) {
      row[`${b.key}Band`] = [lift(r[`${b.key}Min`]), lift(r[`${b.key}Max`])];
      row[`${b.key}Line`] = lift(r[`${b.key}Mean`]);
    }
    return row;
  });
  return (
    <PlotFrame height={height}>
      <ComposedChart data={data} margin={{ left: 10, right: 10, bottom: 4 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey={x} {...xAxisProps(xLabel)} />
        <YAxis
          scale={logY ? 'log' : 'auto'}
          domain={logY ? LOG_DOMAIN : ['auto', 'auto']}
          {...yAxisProps(yLabel)}
        />
        <Tooltip formatter={fmt} />
        <Legend />
        {bands.map((b) => (
          <Area key={`${b.key}-band`} dataKey={`${b.key}Band`} stroke="none" fill={b.colour} fillOpacity={0.18} isAnimationActive={false} legendType="none" />
        ))}
        {bands.map((b) => (
          <Line key={b.key} dataKey={`${b.key}Line`} name={`${b.name} (mean; band: min–max over seeds)`} stroke={b.colour} dot={false} isAnimationActive={false} />
        ))}
      </ComposedChart>
    </PlotFrame>
  );
}
