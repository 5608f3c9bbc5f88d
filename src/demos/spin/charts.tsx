// The SPIN demo's charts. The bars: one prompt's conditional distribution — the data, the model at the
// start of an iteration, where SPIN's training took it, and the closed-form optimum (the ghost).

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { PlotFrame } from '../../ui/PlotFrame';
import { LinesChart } from '../../ui/LinesChart';
import type { RewardRow, TabularBarRow } from './experiment';
import { xAxisProps, yAxisProps } from '../../ui/axes';
import { OKABE_ITO } from '../../ui/palette';

export const COLOURS = { data: '#555', model: OKABE_ITO.blue, learnt: OKABE_ITO.vermillion, ghost: OKABE_ITO.vermillion, sft: OKABE_ITO.bluishGreen, spin: OKABE_ITO.vermillion, closedForm: '#222', real: OKABE_ITO.bluishGreen, generated: OKABE_ITO.reddishPurple };
const fmt = (v: unknown) => (typeof v === 'number' ? v.toFixed(4) : String(v));

export function DistributionBars({ rows }: { rows: readonly TabularBarRow[] }) {
  return (
    <PlotFrame height={280}>
      <BarChart data={rows} margin={{ left: 10, right: 10, bottom: 4 }} barCategoryGap="15%">
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="response" {...xAxisProps('response y')} />
        <YAxis {...yAxisProps('p(y | x)')} />
        <Tooltip formatter={fmt} />
        <Legend />
        <Bar dataKey="data" name="p_data" fill={COLOURS.data} isAnimationActive={false} />
        <Bar dataKey="model" name="p_t (opponent)" fill={COLOURS.model} isAnimationActive={false} />
        <Bar dataKey="learnt" name="p_{t+1} after SPIN training" fill={COLOURS.learnt} isAnimationActive={false} />
        <Bar dataKey="closedForm" name="ghost: p_t·(p_data/p_t)^{1/β}, normalised" fill={COLOURS.ghost} fillOpacity={0.15} stroke={COLOURS.ghost} strokeDasharray="4 2" isAnimationActive={false} />
      </BarChart>
    </PlotFrame>
  );
}

/** The official trainer's logged metrics per iteration (both tiers): rewards of real and generated responses, their margin, reward accuracy. */
export function RewardLines({ rows }: { rows: readonly RewardRow[] }) {
  return (
    <LinesChart
      rows={rows}
      x="iteration"
      xLabel="iteration"
      yLabel="reward / accuracy"
      lines={[
        { key: 'rewardsReal', name: 'reward, real', colour: COLOURS.real },
        { key: 'rewardsGenerated', name: 'reward, generated', colour: COLOURS.generated },
        { key: 'margin', name: 'margin', colour: COLOURS.closedForm },
        { key: 'rewardAccuracy', name: 'reward accuracy', colour: COLOURS.model, dashed: true },
      ]}
    />
  );
}
