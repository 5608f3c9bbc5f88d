import type { DemoMeta } from '../types';

export const meta: DemoMeta = {
  slug: 'dndm',
  title: 'DNDM: fast sampling of discrete diffusion',
  paper: { authors: 'Chen, Yuan, Li, Kou, Zhang, Gu', venue: 'NeurIPS 2024', title: 'Fast Sampling via Discrete Non-Markov Diffusion Models' },
  claim: 'Give each token a predetermined transition time and call the network only at the distinct times: far fewer function evaluations than the Markov sampler, same quality, no retraining.',
  status: 'ready',
};
