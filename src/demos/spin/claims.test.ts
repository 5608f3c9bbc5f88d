import { describe, expect, it } from 'vitest';
import { meanInterval } from '../../lib/stats';
import { bestStopped, CLAIM_ITERATIONS, lmClaims, pairedEquivalent, startDependenceClaim, tabularClaims, TIE_MARGIN, type TabularReplicate } from './claims';
import type { LmIterationRecord } from './lmTier';
import type { IterationRecord } from './tabular';

/** A tabular record with the fields the claims read; the rest zero. */
const record = (iteration: number, f: Partial<IterationRecord>): IterationRecord => ({
  iteration,
  kl: 0,
  heldOutLogLikelihood: 0,
  discriminability: 0.5,
  rewardsReal: 0,
  rewardsGenerated: 0,
  margin: 0,
  rewardAccuracy: 0,
  sftKl: 0,
  sftHeldOutLogLikelihood: 0,
  ...f,
});

/** Two iterations from a start at log-likelihood −1.6 that gain `gain`. */
const fromStart = (gain: number) => [record(0, { heldOutLogLikelihood: -1.6 }), record(1, {}), record(2, { heldOutLogLikelihood: -1.6 + gain })];

/** A replicate whose SPIN and SFT-continued held-out log-likelihoods per iteration are given; the stronger starts (0.5, 0.75, 1) gain `sweep` and `mleGain`. */
function replicate(spin: number[], sft: number[], mleGain = 0, sweep: [number, number] = [0.1, 0.03]): TabularReplicate {
  return {
    beta2: spin.map((ll, t) => record(t, { heldOutLogLikelihood: ll, sftHeldOutLogLikelihood: sft[t], discriminability: 0.7 - 0.1 * t })),
    beta1: [record(0, { kl: 0.4 }), record(1, { kl: 0.04 })],
    mleStart: fromStart(mleGain),
    startSweep: sweep.map(fromStart),
  };
}
const beta01 = [record(0, { kl: 0.3 }), record(1, { kl: 1 })];
const byId = (claims: ReturnType<typeof tabularClaims>, id: string) => claims.find((c) => c.id === id)!;

describe('the tabular claims’ statistics', () => {
  it('gain, SPIN − SFT continued and the tie are means over replicates with their intervals', () => {
    const reps = [
      replicate([-2, -1.7, -1.65, -1.64], [-2, -1.68, -1.66, -1.67]),
      replicate([-2.1, -1.8, -1.7, -1.69], [-2.1, -1.75, -1.72, -1.74]),
      replicate([-1.9, -1.6, -1.58, -1.57], [-1.9, -1.61, -1.6, -1.62]),
    ];
    const claims = tabularClaims({ replicates: reps, beta01, lossAtOpponent: Math.log(2), temper: 0.25 });
    const gains = reps.map((r) => r.beta2[CLAIM_ITERATIONS].heldOutLogLikelihood - r.beta2[0].heldOutLogLikelihood);
    expect(byId(claims, 'tabular-ll-gain').spread).toMatchObject({ replicates: 3, ...meanInterval(gains) });
    const versus = reps.map((r) => r.beta2[CLAIM_ITERATIONS].heldOutLogLikelihood - r.beta2[CLAIM_ITERATIONS].sftHeldOutLogLikelihood);
    const claim = byId(claims, 'tabular-spin-beats-sft-continued');
    expect(claim.value).toBeCloseTo(versus.reduce((a, b) => a + b) / 3, 12);
    expect(claim.passed).toBe(meanInterval(versus).low > 0);
    expect(byId(claims, 'tabular-sft-continued-ties').passed).toBe(pairedEquivalent(versus, TIE_MARGIN).equivalent);
    expect(byId(claims, 'tabular-discriminability-drop').value).toBeCloseTo(0.2, 12);
    expect(byId(claims, 'tabular-kl-beta1').value).toBeCloseTo(0.1, 12);
    // only the comparison with the paper's baseline is a paper row; gains over the tempered start check Thm 5.4's direction
    expect(claims.map((c) => c.kind)).toEqual(['sanity', 'sanity', 'sanity', 'paper', 'limit', 'limit', 'limit', 'limit', 'sanity']);
  });

  it('the maximum-likelihood start row holds only when the whole gain interval is below the tie margin', () => {
    const flat = [0.01, -0.01, 0.0].map((g) => replicate([-2, -1.7, -1.65, -1.64], [-2, -1.68, -1.66, -1.67], g));
    expect(byId(tabularClaims({ replicates: flat, beta01, lossAtOpponent: Math.log(2), temper: 0.25 }), 'tabular-mle-start-no-gain').passed).toBe(true);
    // mean gain 0.03 < 0.05, but one replicate gains 0.12: the interval reaches past the margin
    const noisy = [0.12, -0.04, 0.01].map((g) => replicate([-2, -1.7, -1.65, -1.64], [-2, -1.68, -1.66, -1.67], g));
    expect(byId(tabularClaims({ replicates: noisy, beta01, lossAtOpponent: Math.log(2), temper: 0.25 }), 'tabular-mle-start-no-gain').passed).toBe(false);
  });

  it('the start-dependence row: the gain shrinks as the start strengthens, down to no gain from the maximum-likelihood start', () => {
    const spin = [-2, -1.7, -1.65, -1.64];
    const sft = [-2, -1.68, -1.66, -1.67];
    const shrinking = [0, 0.01, -0.01].map((g) => replicate(spin, sft, g, [0.1, 0.03]));
    const row = startDependenceClaim(shrinking, 0.25);
    expect(row.kind).toBe('limit');
    expect(row.passed).toBe(true);
    expect(row.value).toBeCloseTo(0.35, 12);
    expect(row.statement).toMatch(/0\.25: .*· 0\.5: .*· 0\.75: .*· 1: /);
    // a stronger start that gains more than a weaker one: the row fails
    expect(startDependenceClaim([0, 0.01, -0.01].map((g) => replicate(spin, sft, g, [0.05, 0.2])), 0.25).passed).toBe(false);
  });

  it('SPIN beats SFT continued only when the whole interval is above 0', () => {
    const ahead = [0.05, 0.06, 0.04, 0.05].map((d) => replicate([-2, -1.8, -1.7 + d, -1.6], [-2, -1.7, -1.7, -1.7]));
    expect(byId(tabularClaims({ replicates: ahead, beta01, lossAtOpponent: Math.log(2), temper: 0.25 }), 'tabular-spin-beats-sft-continued').passed).toBe(true);
    const mixed = [0.05, -0.06, 0.04, -0.03].map((d) => replicate([-2, -1.8, -1.7 + d, -1.6], [-2, -1.7, -1.7, -1.7]));
    expect(byId(tabularClaims({ replicates: mixed, beta01, lossAtOpponent: Math.log(2), temper: 0.25 }), 'tabular-spin-beats-sft-continued').passed).toBe(false);
  });

  it('equivalence needs the 90% interval inside the margin, not just a small mean', () => {
    expect(pairedEquivalent([0.01, -0.01, 0.0, 0.005], 0.05).equivalent).toBe(true);
    // mean 0, but too spread to exclude a 0.05 difference
    expect(pairedEquivalent([0.2, -0.2, 0.15, -0.15], 0.05).equivalent).toBe(false);
  });

  it('each method stopped at its best iteration', () => {
    const r = [record(0, { heldOutLogLikelihood: -2, sftHeldOutLogLikelihood: -2 }), record(1, { heldOutLogLikelihood: -1.8, sftHeldOutLogLikelihood: -1.6 }), record(2, { heldOutLogLikelihood: -1.7, sftHeldOutLogLikelihood: -1.65 })];
    expect(bestStopped(r, 'spin')).toBe(-1.7);
    expect(bestStopped(r, 'sft')).toBe(-1.6);
  });
});

const lmRecord = (iteration: number, spin: number, sft: number): LmIterationRecord => ({
  iteration,
  spinExactMatch: spin,
  spinHeldOutLogLikelihood: -4,
  sftExactMatch: sft,
  sftHeldOutLogLikelihood: -4,
  rewardsReal: 0,
  rewardsGenerated: 0,
  margin: 0,
  rewardAccuracy: 0.5,
  generatedCorrect: 0.7,
  firstStepLoss: Math.log(2),
});

describe('the language-model claim', () => {
  it('is the mean SPIN − SFT-continued exact-match difference over replicates with its interval, read at the last iteration', () => {
    const reps = [
      [lmRecord(0, 0.3, 0.3), lmRecord(1, 0.2, 0.9), lmRecord(2, 0.4, 0.31)],
      [lmRecord(0, 0.3, 0.3), lmRecord(1, 0.3, 0.3), lmRecord(2, 0.45, 0.34)],
      [lmRecord(0, 0.3, 0.3), lmRecord(1, 0.3, 0.3), lmRecord(2, 0.5, 0.4)],
    ];
    const [claim, log2] = lmClaims(reps, { sft: 1e-3, spin: 1e-3 });
    // three replicates: t(0.975, 2) = 4.30, so the differences must agree closely for the interval to clear 0
    const diffs = [0.09, 0.11, 0.1];
    expect(claim.value).toBeCloseTo(0.1, 12);
    expect(claim.spread).toMatchObject({ replicates: 3 });
    expect(claim.spread!.low).toBeCloseTo(meanInterval(diffs).low, 12);
    expect(claim.passed).toBe(true);
    expect(log2.passed).toBe(true);
  });

  it('fails when one replicate loses enough to put 0 inside the interval', () => {
    const reps = [0.1, -0.15, 0.05].map((d) => [lmRecord(0, 0.3, 0.3), lmRecord(1, 0.4 + d, 0.4)]);
    expect(lmClaims(reps, { sft: 1e-3, spin: 1e-3 })[0].passed).toBe(false);
  });

  it('cannot pass on one replicate, however large its gain, and says why', () => {
    const [claim] = lmClaims([[lmRecord(0, 0.3, 0.3), lmRecord(1, 0.9, 0.3)]], { sft: 1e-3, spin: 1e-3 });
    expect(claim.value).toBeCloseTo(0.6, 12);
    expect(claim.passed).toBe(false);
    expect(claim.statement).toContain('one replicate: no interval');
  });
});
