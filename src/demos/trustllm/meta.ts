import type { DemoMeta } from '../../lib/demo';
import type { TrustllmSeries } from './experiment';

export const meta: DemoMeta<TrustllmSeries> = {
  slug: 'trustllm',
  order: 8,
  title: 'TrustLLM: trustworthiness benchmark',
  paper: { authors: 'Sun, Huang, et al.', venue: 'ICML 2024', title: 'TrustLLM: Trustworthiness in Large Language Models' },
  claim: 'Trustworthiness in six dimensions tracks utility; some models over-refuse benign prompts. Evaluate your own model outputs in the browser.',
  status: 'ready',
  headline: {
    title: 'A refusal matcher’s trade-off: RtA on prompts to refuse and on safe ones, as phrases are added',
    series: 'tradeoff',
    x: 'phrases',
    xLabel: 'matcher phrases used',
    yLabel: 'RtA',
    lines: [
      { key: 'shouldRefuseRta', label: 'privacy queries (to refuse)' },
      { key: 'safeRta', label: 'safe prompts (to answer)' },
    ],
  },
};
