import type { DemoMeta } from '../../lib/demo';
import type { MarineSeries } from './experiment';

export const meta: DemoMeta<MarineSeries> = {
  slug: 'marine',
  order: 7,
  title: 'MARINE: guidance against object hallucination',
  paper: { authors: 'Zhao, Deng, Zhang, Gu', venue: 'ICML 2025', title: 'Mitigating Object Hallucination in Large Vision-Language Models via Image-Grounded Guidance' },
  claim: 'Classifier-free guidance toward an object-grounded prompt cuts hallucinated objects without training and keeps or raises recall.',
  status: 'ready',
  headline: {
    title: 'Hallucinated mentions (CHAIR_i) and recall against the guidance strength γ',
    series: 'gammaSweep',
    x: 'gamma',
    xLabel: 'guidance strength γ',
    yLabel: 'share',
    lines: [
      { key: 'chairIMean', label: 'CHAIR_i, good detector' },
      { key: 'badChairIMean', label: 'CHAIR_i, noisy detector' },
      { key: 'recallMean', label: 'recall' },
    ],
  },
};
