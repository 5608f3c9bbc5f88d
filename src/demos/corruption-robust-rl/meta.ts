import type { DemoMeta } from '../../lib/demo';
import type { CorruptionRobustSeries } from './experiment';

export const meta: DemoMeta<CorruptionRobustSeries> = {
  slug: 'corruption-robust-rl',
  order: 9,
  title: 'CR-OMLE / CR-PMLE: corruption-robust model-based RL',
  paper: { authors: 'Ye, He, Gu, Zhang', venue: 'ICML 2024', title: 'Corruption-Robust Offline and Online Model-Based RL' },
  claim: 'Weighting each sample of the MLE by a total-variation information ratio gives regret Õ(√T + C): corruption costs additively, not multiplicatively.',
  status: 'ready',
  headline: {
    title: 'Final regret vs corruption C',
    series: 'regretVsC',
    x: 'C',
    xLabel: 'corrupted transitions C',
    yLabel: 'final regret (log)',
    lines: [
      { key: 'omleMean', label: 'OMLE' },
      { key: 'known-cMean', label: 'known C' },
      { key: 'cr-omleMean', label: 'CR-OMLE' },
    ],
    logY: true,
  },
};
