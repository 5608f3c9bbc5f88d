import type { DemoMeta } from '../types';

export const meta: DemoMeta = {
  slug: 'appo-adpo',
  title: 'APPO / ADPO: RLHF with active queries',
  paper: { authors: 'Ji, He, Gu', venue: '2024', title: 'Reinforcement Learning from Human Feedback with Active Queries' },
  claim: 'Query the human only when the model is uncertain: DPO’s quality with about half the preference labels.',
  status: 'in-preparation',
};
