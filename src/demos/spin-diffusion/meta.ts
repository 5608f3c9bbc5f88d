import type { DemoMeta } from '../../lib/demo';

export const meta: DemoMeta = {
  slug: 'spin-diffusion',
  order: 5,
  title: 'SPIN-Diffusion: self-play fine-tuning of diffusion models',
  paper: { authors: 'Yuan, Chen, Ji, Gu', venue: 'NeurIPS 2024', title: 'Self-Play Fine-Tuning of Diffusion Models for Text-to-Image Generation' },
  claim: 'Self-play with real data as winner and the previous model’s sample as loser beats continued SFT from the first iteration, with no preference pairs.',
  status: 'in-preparation',
};
