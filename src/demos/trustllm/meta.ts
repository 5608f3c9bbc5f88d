import type { DemoMeta } from '../../lib/demo';

export const meta: DemoMeta = {
  slug: 'trustllm',
  order: 8,
  title: 'TrustLLM: trustworthiness benchmark',
  paper: { authors: 'Sun, Huang, et al.', venue: 'ICML 2024', title: 'TrustLLM: Trustworthiness in Large Language Models' },
  claim: 'Trustworthiness in six dimensions tracks utility; some models over-refuse benign prompts. Evaluate your own model outputs in the browser.',
  status: 'in-preparation',
};
