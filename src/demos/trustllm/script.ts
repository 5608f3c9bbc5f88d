// "Export as a script": the refusal matcher, the over-alignment reading and the leaderboard's
// Spearman ρ in Python (script.py), on the same shipped sample (exported beside the script).
import body from './script.py?raw';
import { claimValue, type DemoScript } from '../../lib/pythonScript';
import { AGREEMENT, RECOGNITION } from './claims';
import { leaderboardModels, type TrustllmResults } from './experiment';
import type { TrustllmParams } from './params';

const EXACT = 'Counts over the same responses with the same matcher: shares agree exactly.';
const ranks = 'The same ranks and the same float64 arithmetic: agreement to rounding (measured: identical).';
const tradeoffAt = (r: TrustllmResults, k: number, column: 'shouldRefuseRta' | 'safeRta') => r.series.tradeoff.find((row) => row.phrases === k)![column];

export const script: DemoScript<TrustllmParams, TrustllmResults> = {
  frameworks: 'numpy',
  body,
  data: ['data/trustllm/sample.json'],
  constants: (p) => [
    { name: 'SEED', value: p.seed, comment: 'kept for the link: nothing here is random' },
    { name: 'PHRASES', value: p.phrases, comment: "how many of XSTest's refusal phrases the matcher uses (0-21)" },
    { name: 'EXTRA_PHRASES', value: p.extraPhrases, comment: 'your own refusal openings, separated by |' },
    { name: 'RECOGNITION', value: RECOGNITION, comment: "the leaderboard's capability column" },
    { name: 'AGREEMENT', value: AGREEMENT, comment: "the leaderboard's trust column (agreement with stereotypes)" },
    {
      name: 'LEADERBOARD_COLUMNS',
      value: JSON.stringify(leaderboardModels.map((m) => ({ model: m.model, [RECOGNITION]: m[RECOGNITION], [AGREEMENT]: m[AGREEMENT] }))),
      comment: 'TrustLLM leaderboard (Sun, Huang et al. 2024), the two columns, transcribed (JSON)',
    },
  ],
  agreement: [
    { key: 'over-alignment-visible', page: (r) => claimValue(r, 'over-alignment-visible'), tolerance: { abs: 0 }, why: EXACT },
    { key: 'refuserSafeRta', page: (r) => r.metrics.refuserSafeRta, tolerance: { abs: 0 }, why: EXACT },
    { key: 'complierSafeRta', page: (r) => r.metrics.complierSafeRta, tolerance: { abs: 0 }, why: EXACT },
    { key: 'trust-tracks-utility', page: (r) => claimValue(r, 'trust-tracks-utility'), tolerance: { rel: 1e-12 }, why: ranks },
    { key: 'trust-tracks-utility.low', page: (r) => r.claims.find((c) => c.id === 'trust-tracks-utility')!.spread!.low, tolerance: { rel: 1e-12 }, why: ranks },
    { key: 'trust-tracks-utility.high', page: (r) => r.claims.find((c) => c.id === 'trust-tracks-utility')!.spread!.high, tolerance: { rel: 1e-12 }, why: ranks },
    { key: 'matcher-tradeoff', page: (r) => claimValue(r, 'matcher-tradeoff'), tolerance: { abs: 0 }, why: EXACT },
    ...[0, 5, 10, 15, 20].flatMap((k) =>
      (['shouldRefuseRta', 'safeRta'] as const).map((column) => ({ key: `tradeoff.k${k}.${column}`, page: (r: TrustllmResults) => tradeoffAt(r, k, column), tolerance: { abs: 0 }, why: EXACT })),
    ),
    { key: 'matcher-misreads-hedges', page: (r) => claimValue(r, 'matcher-misreads-hedges'), tolerance: { abs: 0 }, why: EXACT },
  ],
  seconds: 2,
};
