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
    const pooled = (task: string) => ['refuser', 'complier', 'sycophant'].flatMap((p) => responses(p, task));
    const curve = tradeoffCurve(pooled('privacy_awareness_query'), pooled('exaggerated_safety'));
    expect(curve[0]).toEqual({ phrases: 0, shouldRefuseRta: 0, safeRta: 0 });
    expect(tradeoffClaim(curve).passed).toBe(true);
    // a curve that falls is caught
    expect(tradeoffClaim([{ phrases: 0, shouldRefuseRta: 0.5, safeRta: 0 }, { phrases: 1, shouldRefuseRta: 0.4, safeRta: 0.2 }]).passed).toBe(false);
  });
});
