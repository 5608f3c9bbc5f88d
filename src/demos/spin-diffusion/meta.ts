import type { DemoMeta } from '../../lib/demo';
import type { SpinDiffusionSeries } from './experiment';

export const meta: DemoMeta<SpinDiffusionSeries> = {
  slug: 'spin-diffusion',
  order: 5,
  title: 'SPIN-Diffusion: self-play fine-tuning of diffusion models',
  paper: { authors: 'Yuan, Chen, Ji, Gu', venue: 'NeurIPS 2024', title: 'Self-Play Fine-Tuning of Diffusion Models for Text-to-Image Generation' },
  claim: 'Self-play with real data as winner and the previous model’s sample as loser beats continued SFT from the first iteration, with no preference pairs.',
  status: 'ready',
  headline: {
    title: 'Precision of the samples over iterations: SPIN-Diffusion vs SFT continued',
    series: 'iterations',
    x: 'iteration',
    xLabel: 'iteration',
    yLabel: 'precision (share within 3σ)',
    lines: [
      { key: 'spin_precisionMean', label: 'SPIN-Diffusion' },
      { key: 'continued_precisionMean', label: 'SFT continued (best rate)' },
    ],
  },
};
