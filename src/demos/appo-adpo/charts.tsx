// Views particular to the APPO / ADPO demo: the margin histogram with ADPO's ±γ query band.

import { Bar, BarChart, CartesianGrid, Cell, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts';
import { PlotFrame } from '../../ui/PlotFrame';
import type { AdpoMethod } from './adpo';
import type { MarginBinRow } from './experiment';
import { xAxisProps, yAxisProps } from '../../ui/axes';
import { NEUTRAL, OKABE_ITO } from '../../ui/palette';

export const METHOD_COLOURS: Record<AdpoMethod, string> = { dpo: OKABE_ITO.blue, adpo: OKABE_ITO.vermillion, 'adpo-no-pl': OKABE_ITO.orange };
export const THRESHOLD_COLOURS = [NEUTRAL, OKABE_ITO.bluishGreen, OKABE_ITO.vermillion, OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue, OKABE_ITO.black];
export const GAMMA_COLOURS = [OKABE_ITO.reddishPurple, OKABE_ITO.vermillion, OKABE_ITO.orange, OKABE_ITO.bluishGreen, OKABE_ITO.blue];

/** Margins of every pair of the stream; bars inside ±γ (queried) in one colour, pseudo-labelled ones in another. */
export function MarginHistogram({ rows, gamma }: { rows: readonly MarginBinRow[]; gamma: number }) {
  const width = rows.length > 1 ? rows[1].margin - rows[0].margin : 1;
  return (
    <PlotFrame height={240}>
      <BarChart data={rows as MarginBinRow[]} margin={{ left: 10, right: 10, bottom: 4 }} barCategoryGap={0}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="margin" type="number" domain={[rows[0].margin - width / 2, rows[rows.length - 1].margin + width / 2]} tickFormatter={(v) => String(Number(Number(v).toPrecision(2)))} {...xAxisProps('margin m = β⟨w, φ(chosen) − φ(rejected)⟩')} />
        <YAxis {...yAxisProps('pairs')} />
        <ReferenceArea x1={-gamma} x2={gamma} fill={OKABE_ITO.vermillion} fillOpacity={0.08} />
        <Tooltip />
        <Bar dataKey="count" isAnimationActive={false}>
          {rows.map((r) => (
            <Cell key={r.margin} fill={r.queried ? OKABE_ITO.vermillion : r.margin < 0 ? NEUTRAL : OKABE_ITO.blue} />
          ))}
        </Bar>
      </BarChart>
    </PlotFrame>
  );
}
