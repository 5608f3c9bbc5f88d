import type { DemoMeta } from '../types';

export const meta: DemoMeta = {
  slug: 'corruption-robust-rl',
  title: 'CR-OMLE / CR-PMLE: corruption-robust model-based RL',
  paper: { authors: 'Ye, He, Gu, Zhang', venue: 'ICML 2024', title: 'Corruption-Robust Offline and Online Model-Based RL' },
  claim: 'Weighting each sample of the MLE by a total-variation information ratio gives regret Õ(√T + C): corruption costs additively, not multiplicatively.',
  status: 'ready',
};
