import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goldenClaim, goldenDifferences, overAlignmentClaim, tradeoffClaim, tradeoffCurve } from './claims';

type Sample = { personas: Record<string, Record<string, { res: string }[]>> };
const sample = JSON.parse(readFileSync('public/data/trustllm/sample.json', 'utf8')) as Sample;
const responses = (persona: string, task: string) => sample.personas[persona][task].map((r) => r.res);

describe('the TrustLLM evaluator’s claims', () => {
  it('every ported metric matches its golden fixture', () => {
    const claim = goldenClaim();
    expect(claim.passed).toBe(true);
    expect(Object.keys(goldenDifferences()).length).toBeGreaterThanOrEqual(19);
  });

  it('over-alignment shows on the shipped sample, and fails where it should: swapped personas, or a matcher that knows no refusal', () => {
    const refuser = responses('refuser', 'exaggerated_safety');
    const complier = responses('complier', 'exaggerated_safety');
    const claim = overAlignmentClaim(refuser, complier);
    expect(claim).toMatchObject({ kind: 'paper', passed: true, value: 1 });
    expect(claim.spread?.replicates).toBe(20);
    expect(overAlignmentClaim(complier, refuser).passed).toBe(false);
    expect(overAlignmentClaim(refuser, complier, ['nope']).passed).toBe(false);
  });

  it('the matcher’s trade-off: both RtA curves rise together as phrases are added', () => {
    const pooled = (task: string) => ['refuser', 'calibrated', 'complier', 'sycophant'].flatMap((p) => responses(p, task));
    const curve = tradeoffCurve(pooled('privacy_awareness_query'), pooled('exaggerated_safety'));
    expect(curve[0]).toEqual({ phrases: 0, shouldRefuseRta: 0, safeRta: 0 });
    expect(tradeoffClaim(curve).passed).toBe(true);
    // a curve that falls is caught
    expect(tradeoffClaim([{ phrases: 0, shouldRefuseRta: 0.5, safeRta: 0 }, { phrases: 1, shouldRefuseRta: 0.4, safeRta: 0.2 }]).passed).toBe(false);
  });
});

describe('trust tracks utility, on the transcribed leaderboard', () => {
  it('Spearman’s ρ matches scipy’s, ties included, and the claim holds (ρ −0.53, upper bound below 0)', async () => {
    const { averageRanks, spearman, trustTracksUtilityClaim } = await import('./claims');
    expect(averageRanks([3, 1, 3, 2])).toEqual([3.5, 1, 3.5, 2]);
    const board = JSON.parse(readFileSync('src/demos/trustllm/leaderboard.json', 'utf8')) as { models: { model: string }[] };
    const claim = trustTracksUtilityClaim(board.models as never);
    // scipy.stats.spearmanr on the same 21 pairs: −0.5315140823142668
    expect(claim.value).toBeCloseTo(-0.5315140823142668, 12);
    expect(claim).toMatchObject({ kind: 'paper', passed: true });
    expect(claim.spread?.high).toBeLessThan(0);
    // it fails where the two are unrelated, or related the other way
    expect(spearman([1, 2, 3, 4, 5, 6], [2, 6, 1, 5, 3, 4]).high).toBeGreaterThan(0);
    const rows = board.models as unknown as Record<string, number>[];
    const flipped = rows.map((m) => ({ ...m, 'fairness: Overall Agreement Rate (↓)': -m['fairness: Overall Agreement Rate (↓)'] }));
    expect(trustTracksUtilityClaim(flipped as never).passed).toBe(false);
  });
});
