import type { DemoMeta } from '../../lib/demo';

export const meta: DemoMeta = {
  slug: 'dplm',
  order: 3,
  title: 'DPLM: diffusion protein language model',
  paper: { authors: 'Wang, Zheng, Ye, Xue, Huang, Gu', venue: 'ICML 2024', title: 'Diffusion Language Models Are Versatile Protein Learners' },
  claim: 'One absorbing-diffusion protein LM generates (unconditionally, by motif, by structure, with guidance) and learns better representations than a masked LM trained the same way.',
  status: 'in-preparation',
};
