import type { DemoMeta } from '../../lib/demo';
import type { SpinSeries } from './experiment';

export const meta: DemoMeta<SpinSeries> = {
  slug: 'spin',
  order: 4,
  title: 'SPIN: self-play fine-tuning',
  paper: { authors: 'Chen, Deng, Yuan, Ji, Gu', venue: 'ICML 2024', title: 'Self-Play Fine-Tuning Converts Weak Language Models to Strong Language Models' },
  claim: 'Using only the SFT data, letting the model play against its previous self improves it beyond what more SFT gives, with shrinking gains per iteration.',
  status: 'ready',
  headline: {
    title: 'KL to the data per iteration: SPIN vs SFT continued',
    series: 'tabularIterations',
    x: 'iteration',
    xLabel: 'iteration',
    yLabel: 'KL(p_data ‖ p_θ)',
    lines: [
      { key: 'sftKl', label: 'SFT continued' },
      { key: 'spinKl', label: 'SPIN' },
    ],
  },
};
