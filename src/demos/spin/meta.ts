import type { DemoMeta } from '../types';

export const meta: DemoMeta = {
  slug: 'spin',
  title: 'SPIN: self-play fine-tuning',
  paper: { authors: 'Chen, Deng, Yuan, Ji, Gu', venue: 'ICML 2024', title: 'Self-Play Fine-Tuning Converts Weak Language Models to Strong Language Models' },
  claim: 'Using only the SFT data, letting the model play against its previous self improves it beyond what more SFT gives, with shrinking gains per iteration.',
  status: 'ready',
};
