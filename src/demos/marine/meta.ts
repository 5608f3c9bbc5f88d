import type { DemoMeta } from '../../lib/demo';

export const meta: DemoMeta = {
  slug: 'marine',
  order: 7,
  title: 'MARINE: guidance against object hallucination',
  paper: { authors: 'Zhao, Deng, Zhang, Gu', venue: '2024', title: 'Mitigating Object Hallucination in Large Vision-Language Models via Image-Grounded Guidance' },
  claim: 'Classifier-free guidance toward an object-grounded prompt cuts hallucinated objects without training and keeps or raises recall.',
  status: 'in-preparation',
};
