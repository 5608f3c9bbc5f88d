// The evaluator's two pictures: a radar of the six dimensions (the personas, your files and one
// leaderboard model), and a scatter of two leaderboard columns, one dot per model.

import { CartesianGrid, Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { PlotFrame } from '../../ui/PlotFrame';
import type { DimensionRow, LeaderboardPoint, Source } from './experiment';
import { xAxisProps, yAxisProps } from '../../ui/axes';
import { OKABE_ITO } from '../../ui/palette';

export const SOURCE_COLOURS: Record<Source | 'leaderboard', string> = { refuser: OKABE_ITO.vermillion, calibrated: OKABE_ITO.reddishPurple, complier: OKABE_ITO.blue, sycophant: OKABE_ITO.orange, yours: OKABE_ITO.bluishGreen, leaderboard: '#555555' };
export const SOURCE_LABELS: Record<Source, string> = { refuser: 'refuser (sample)', calibrated: 'calibrated (sample)', complier: 'complier (sample)', sycophant: 'sycophant (sample)', yours: 'your files' };

const fmt = (v: unknown) => (typeof v === 'number' ? v.toFixed(3) : '—');

export function DimensionRadar({ rows, sources, overlay }: { rows: readonly (DimensionRow & { leaderboard?: number | null })[]; sources: readonly Source[]; overlay: string | null }) {
  return (
    <PlotFrame height={340}>
      <RadarChart data={rows as (DimensionRow & { leaderboard?: number | null })[]} outerRadius="70%">
        <PolarGrid />
        <PolarAngleAxis dataKey="dimension" />
        <PolarRadiusAxis domain={[0, 1]} angle={90} tickCount={3} />
        {sources.map((s) => (
          <Radar key={s} name={SOURCE_LABELS[s]} dataKey={(r: DimensionRow) => r[s] ?? 0} stroke={SOURCE_COLOURS[s]} fill={SOURCE_COLOURS[s]} fillOpacity={0.08} isAnimationActive={false} />
        ))}
        {overlay && <Radar name={`${overlay} (leaderboard)`} dataKey={(r: { leaderboard?: number | null }) => r.leaderboard ?? 0} stroke={SOURCE_COLOURS.leaderboard} strokeDasharray="5 3" fillOpacity={0} isAnimationActive={false} />}
        <Legend />
        <Tooltip formatter={fmt} />
      </RadarChart>
    </PlotFrame>
  );
}

export function LeaderboardScatter({ points, x, y, xLabel, yLabel }: { points: readonly LeaderboardPoint[]; x: keyof LeaderboardPoint & string; y: keyof LeaderboardPoint & string; xLabel: string; yLabel: string }) {
  const data = points.filter((p) => typeof p[x] === 'number' && typeof p[y] === 'number').map((p) => ({ model: p.model, x: p[x] as number, y: p[y] as number }));
  return (
    <PlotFrame height={300}>
      <ScatterChart margin={{ left: 10, right: 20, bottom: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="x" type="number" domain={[0, 1]} name={xLabel} {...xAxisProps(xLabel)} />
        <YAxis dataKey="y" type="number" domain={[0, 1]} name={yLabel} {...yAxisProps(yLabel)} />
        <ZAxis dataKey="model" name="model" />
        <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} />
        <Scatter data={data} fill={SOURCE_COLOURS.leaderboard} isAnimationActive={false} />
      </ScatterChart>
    </PlotFrame>
  );
}
