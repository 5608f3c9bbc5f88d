import type { DemoMeta } from '../../lib/demo';

export const meta: DemoMeta = {
  slug: 'appo-adpo',
  order: 6,
  title: 'APPO / ADPO: RLHF with active queries',
  paper: { authors: 'Ji, He, Gu', venue: '2024', title: 'Reinforcement Learning from Human Feedback with Active Queries' },
  claim: 'Query the human only when the model is uncertain: DPO’s quality with about half the preference labels.',
  status: 'in-preparation',
};
