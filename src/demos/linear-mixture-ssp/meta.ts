import type { DemoMeta } from '../../lib/demo';
import type { LinearMixtureSspSeries } from './experiment';

export const meta: DemoMeta<LinearMixtureSspSeries> = {
  slug: 'linear-mixture-ssp',
  order: 10,
  title: 'Variance-aware linear-mixture SSP',
  paper: { authors: 'Di, He, Zhou, Gu', venue: 'ICML 2023', title: 'Nearly Minimax Optimal Regret for Learning Linear Mixture Stochastic Shortest Path' },
  claim: 'Bernstein-type, variance-aware confidence sets reach regret Õ(d·B*·√K) with no c_min assumption, matching the lower bound; Hoeffding-style sets pay B*^1.5.',
  status: 'ready',
  headline: {
    title: 'Regret over episodes: variance-aware vs Hoeffding',
    series: 'regretVsK',
    x: 'episode',
    xLabel: 'episode',
    yLabel: 'cumulative regret',
    lines: [
      { key: 'hoeffdingMean', label: 'Hoeffding' },
      { key: 'variance-awareMean', label: 'variance-aware' },
    ],
  },
};
