// Views particular to the APPO / ADPO demo: the margin histogram with ADPO's ±γ query band.

import { Bar, BarChart, CartesianGrid, Cell, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AdpoMethod } from './adpo';
import type { MarginBinRow } from './experiment';
import { xAxisProps, yAxisProps } from '../../ui/axes';

export const METHOD_COLOURS: Record<AdpoMethod, string> = { dpo: '#1f77b4', adpo: '#d62728', 'adpo-no-pl': '#ff7f0e' };
export const THRESHOLD_COLOURS = ['#7f7f7f', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2'];
export const GAMMA_COLOURS = ['#9467bd', '#d62728', '#ff7f0e', '#2ca02c', '#1f77b4'];

/** Margins of every pair of the stream; bars inside ±γ (queried) in one colour, pseudo-labelled ones in another. */
export function MarginHistogram({ rows, gamma }: { rows: readonly MarginBinRow[]; gamma: number }) {
  const width = rows.length > 1 ? rows[1].margin - rows[0].margin : 1;
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={rows as MarginBinRow[]} margin={{ left: 10, right: 10, bottom: 4 }} barCategoryGap={0}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="margin" type="number" domain={[rows[0].margin - width / 2, rows[rows.length - 1].margin + width / 2]} tickFormatter={(v) => String(Number(Number(v).toPrecision(2)))} {...xAxisProps('margin m = β⟨w, φ(chosen) − φ(rejected)⟩')} />
        <YAxis {...yAxisProps('pairs')} />
        <ReferenceArea x1={-gamma} x2={gamma} fill="#d62728" fillOpacity={0.08} />
        <Tooltip />
        <Bar dataKey="count" isAnimationActive={false}>
          {rows.map((r) => (
            <Cell key={r.margin} fill={r.queried ? '#d62728' : r.margin < 0 ? '#7f7f7f' : '#1f77b4'} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
