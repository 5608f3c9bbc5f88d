import type { DemoMeta } from '../../lib/demo';
import type { AppoAdpoSeries } from './experiment';

export const meta: DemoMeta<AppoAdpoSeries> = {
  slug: 'appo-adpo',
  order: 6,
  title: 'APPO / ADPO: RLHF with active queries',
  paper: { authors: 'Ji, He, Gu', venue: '2024', title: 'Reinforcement Learning from Human Feedback with Active Queries' },
  claim: 'Query the human only when the model is uncertain: DPO’s quality with about half the preference labels.',
  status: 'ready',
  headline: {
    title: 'Bandit: cumulative human queries, always-query vs APPO',
    series: 'appoCurves',
    x: 't',
    xLabel: 'round t',
    yLabel: 'cumulative queries',
    lines: [
      { key: 'queries: always query', label: 'always query' },
      { key: 'queries: Γ = 1', label: 'APPO, Γ = 1' },
    ],
  },
};
