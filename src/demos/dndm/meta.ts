import type { DemoMeta } from '../../lib/demo';
import type { DndmSeries } from './summary';

export const meta: DemoMeta<DndmSeries> = {
  slug: 'dndm',
  order: 2,
  title: 'DNDM: fast sampling of discrete diffusion',
  paper: { authors: 'Chen, Yuan, Li, Kou, Zhang, Gu', venue: 'NeurIPS 2024', title: 'Fast Sampling via Discrete Non-Markov Diffusion Models' },
  claim: 'Give each token a predetermined transition time and call the network only at the distinct times: far fewer function evaluations than the Markov sampler, same quality, no retraining.',
  status: 'ready',
  headline: {
    title: 'Network calls vs T: DNDM stays below min(T, N)',
    series: 'nfe',
    x: 'steps',
    xLabel: 'steps T (log)',
    yLabel: 'network calls (log)',
    lines: [
      { key: 'baseline', label: 'T-call sampler' },
      { key: 'dndmMean', label: 'DNDM' },
    ],
    logX: true,
    logY: true,
  },
};
