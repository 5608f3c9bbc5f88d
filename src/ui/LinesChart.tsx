// A plain multi-line chart over one x column: the shape most per-iteration views need.

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { PlotFrame } from './PlotFrame';
import type { SeriesRow } from '../lib/results';
import { LOG_DOMAIN, xAxisProps, yAxisProps } from './axes';

export interface LineSpec {
  /** Column of the rows (read by function, so keys may contain dots or spaces). */
  key: string;
  name: string;
  colour: string;
  dashed?: boolean;
}

const fmt = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(4))) : String(v));

export function LinesChart({ rows, x, xLabel, yLabel, lines, log = false, logX = false, height = 260 }: { rows: readonly SeriesRow[]; x: string; xLabel: string; yLabel: string; lines: readonly LineSpec[]; log?: boolean; logX?: boolean; height?: number }) {
  return (
    <PlotFrame height={height}>
      <LineChart data={rows as SeriesRow[]} margin={{ left: 10, right: 10, bottom: 4 }}>
        <CartesianGrid strokeDasharray="3 3" />
        {logX ? (
          <XAxis dataKey={x} type="number" scale="log" domain={LOG_DOMAIN} tickFormatter={(v) => String(Number(Number(v).toPrecision(3)))} {...xAxisProps(xLabel)} />
        ) : (
          <XAxis dataKey={x} allowDecimals={false} {...xAxisProps(xLabel)} />
        )}
        <YAxis
          scale={log ? 'log' : 'auto'}
          domain={log ? LOG_DOMAIN : ['auto', 'auto']}
          {...yAxisProps(yLabel)}
        />
        <Tooltip formatter={fmt} />
        <Legend />
        {lines.map((l) => (
          <Line key={l.key} dataKey={(row: SeriesRow) => row[l.key]} name={l.name} stroke={l.colour} strokeDasharray={l.dashed ? '5 3' : undefined} isAnimationActive={false} />
        ))}
      </LineChart>
    </PlotFrame>
  );
}
