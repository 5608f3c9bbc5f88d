import type { DemoMeta } from '../../lib/demo';
import type { DplmSeries } from './summary';

export const meta: DemoMeta<DplmSeries> = {
  slug: 'dplm',
  order: 3,
  title: 'DPLM: diffusion protein language model',
  paper: { authors: 'Wang, Zheng, Ye, Xue, Huang, Gu', venue: 'ICML 2024', title: 'Diffusion Language Models Are Versatile Protein Learners' },
  claim: 'One absorbing-diffusion protein LM generates (unconditionally, by motif, by structure, with guidance) and learns better representations than a masked LM trained the same way.',
  status: 'ready',
  headline: {
    title: 'Secondary-structure guidance: agreement with the target vs η',
    series: 'guidance',
    x: 'eta',
    xLabel: 'guidance strength η',
    yLabel: 'agreement with the target SS',
    lines: [
      { key: 'scorerMean', label: 'held-out tagger' },
      { key: 'guideMean', label: 'guide' },
    ],
  },
};
