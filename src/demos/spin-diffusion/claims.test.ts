import { describe, expect, it } from 'vitest';
import { spinDiffusionClaims } from './claims';
import type { ModelScores, ReplicateRecord } from './replicate';

const scores = (precision: number, logDensity: number, inModeSpread = 0.09, modesKept = 24): ModelScores => ({ perPrompt: [], logDensity, precision, modesKept, inModeSpread, winRateVsSft: 0.5 });
const data = ['ring', 'moons', 'drawing'].map((prompt) => ({ prompt, logDensity: 0, precision: 0.99, modesKept: 8, inModeSpread: 0.1 }));

/** A replicate where SPIN reaches `spinAt2` at iteration 2 and SFT continued `continuedAt2` at its best rate. */
function replicate(i: number, spinAt2: number, continuedAt2: number, spread = 0.09): ReplicateRecord {
  const jitter = 0.004 * Math.sin(i * 7.1);
  return {
    sft: { steps: 4000, plateaued: true, curve: [], finalRate: 3e-4 },
    spin: [{ learningRate: 1e-4, scores: [scores(0.88, -2.5), scores(0.88 + (spinAt2 - 0.88) / 2, -2.3), scores(spinAt2 + jitter, -2.0 + jitter, spread)] }],
    continued: [
      { learningRate: 1e-3, scores: [scores(0.88, -2.5), scores(0.87, -2.6), scores(continuedAt2 - 0.02, -2.6)] },
      { learningRate: 3e-4, scores: [scores(0.88, -2.5), scores(0.88, -2.5), scores(continuedAt2 - jitter, -2.5)] },
    ],
    spinSteps: [{ first: { loss: Math.log(2), rewardsReal: 0, rewardsGenerated: 0, rewardAccuracy: 0.5 }, last: { loss: 0.6, rewardsReal: 0, rewardsGenerated: -0.1, rewardAccuracy: 0.6 } }],
    dataScores: data,
    underfit: { sftSteps: 400, spin: [scores(0.5, -6), scores(0.55, -5), scores(0.58, -5)], continued: [scores(0.5, -6), scores(0.6, -4), scores(0.7 + jitter, -3)] },
  };
}
const claim = (claims: ReturnType<typeof spinDiffusionClaims>, id: string) => claims.find((c) => c.id === id)!;
const context = { budgetLabel: 'Reduced (CPU) budget', spinRate: 3.3e-4 };

describe('SPIN-Diffusion claims', () => {
  it('pass when SPIN is ahead of the best SFT continued by more than the margin on every replicate', () => {
    const claims = spinDiffusionClaims(Array.from({ length: 5 }, (_, i) => replicate(i, 0.95, 0.89)), context);
    expect(claim(claims, 'precision-vs-continued').passed).toBe(true);
    expect(claim(claims, 'precision-vs-continued').note).toMatch(/its best on these same replicates \(0\.0003\)/);
    expect(claim(claims, 'modes-and-spread').passed).toBe(true);
    expect(claim(claims, 'iterations-improve').passed).toBe(true);
    expect(claim(claims, 'log2-at-opponent').passed).toBe(true);
    expect(claim(claims, 'sft-plateau').passed).toBe(true);
    expect(claim(claims, 'underfit-continued-wins').kind).toBe('limit');
    expect(claim(claims, 'underfit-continued-wins').passed).toBe(true);
  });

  it('shows the limit failing when SPIN wins from the underfit start too', () => {
    const reps = Array.from({ length: 5 }, (_, i) => replicate(i, 0.95, 0.89));
    for (const r of reps) r.underfit!.spin[2] = scores(0.8, -2);
    expect(claim(spinDiffusionClaims(reps, context), 'underfit-continued-wins').passed).toBe(false);
  });

  it('fail on a tie with SFT continued, on collapse, and on a drop over iterations', () => {
    const tie = spinDiffusionClaims(Array.from({ length: 5 }, (_, i) => replicate(i, 0.9, 0.89)), context);
    expect(claim(tie, 'precision-vs-continued').passed).toBe(false);
    const collapsed = spinDiffusionClaims(Array.from({ length: 5 }, (_, i) => replicate(i, 0.97, 0.89, 0.04)), context);
    expect(claim(collapsed, 'modes-and-spread').passed).toBe(false);
    const oneModeLost = Array.from({ length: 5 }, (_, i) => replicate(i, 0.95, 0.89));
    oneModeLost[2].spin[0].scores[2].modesKept = 23;
    expect(claim(spinDiffusionClaims(oneModeLost, context), 'modes-and-spread').passed).toBe(false);
    const worse = Array.from({ length: 5 }, (_, i) => replicate(i, 0.95, 0.89));
    for (const r of worse) r.spin[0].scores[2].logDensity = r.spin[0].scores[1].logDensity - 0.2;
    expect(claim(spinDiffusionClaims(worse, context), 'iterations-improve').passed).toBe(false);
    const off = Array.from({ length: 5 }, (_, i) => replicate(i, 0.95, 0.89));
    off[0].spinSteps[0].first.loss = 0.7;
    expect(claim(spinDiffusionClaims(off, context), 'log2-at-opponent').passed).toBe(false);
  });
});
