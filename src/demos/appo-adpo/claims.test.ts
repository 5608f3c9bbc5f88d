import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { makePrompt, makeWorld, trainAdpo, type AdpoCheckpoint } from './adpo';
import { runAppo } from './appo';
import { adpoLmQueriesClaim, adpoQueriesClaim, appoLogGrowthClaim, appoQueriesClaim, flagRuleClaim, lossAgreementClaim, median, mleConvergedClaim, queriesToTarget, SMALL_GAMMA, smallGammaClaim, uniformStartClaim } from './claims';
import type { AdpoSummary, AppoSummary } from './jobs';

/** A bandit summary from a real run at d = 8, K = 10. */
function appo(threshold: number | null, replicate: number, horizon: number): AppoSummary {
  const run = runAppo({ dim: 8, arms: 10, horizon, lambda: 1, threshold, temperature: 1 }, RngStream.fromSeed(7).split(replicate));
  return { curve: [], finalRegret: run.regret[horizon - 1], finalQueries: run.queries[horizon - 1], halfQueries: run.queries[horizon / 2 - 1], quarterQueries: run.queries[horizon / 4 - 1], optimalityGap: run.optimalityGap };
}

/** An ADPO-tier run that climbs linearly from 1/2 to `final` over `steps` checkpoints, `perStep` queries each. */
function climb(final: number, perStep: number, steps = 10, wrong = 0): AdpoSummary {
  const checkpoints: AdpoCheckpoint[] = Array.from({ length: steps + 1 }, (_, i) => ({
    pairsSeen: i * 100,
    queries: i * perStep,
    winRate: 0.5 + ((final - 0.5) * Math.min(1, (2 * i) / steps)),
    pseudoLabels: i * (100 - perStep),
    wrongPseudoLabels: i * wrong,
    pseudoLabelsAgainstTruth: 0,
  }));
  return { checkpoints, margins: null };
}

describe('the APPO claims', () => {
  const horizon = 1000;
  const replicates = [0, 1, 2];
  const always = replicates.map((r) => appo(null, r, horizon));

  it('fail where theory says: Γ = 2 learns too slowly (regret ratio > 1.3), Γ = 0.5 asks almost every round (queries grow like a power of T)', () => {
    const slow = appoQueriesClaim({ horizon, always, atClaim: replicates.map((r) => appo(2, r, horizon)) });
    expect(slow.passed).toBe(false);
    expect(slow.value).toBeGreaterThan(1.3);
    const eager = appoLogGrowthClaim({ horizon, atClaim: replicates.map((r) => appo(0.5, r, horizon)) });
    expect(eager.passed).toBe(false);
    expect(eager.value).toBeGreaterThan(1.2);
    // always-query asks in every round: twice as many in a doubling as in the one before
    expect(appoLogGrowthClaim({ horizon, atClaim: always }).value).toBe(2);
  });

  it('pass on numbers that meet both bounds, and fail when either one is missed', () => {
    const summary = (finalRegret: number, finalQueries: number, halfQueries = finalQueries, quarterQueries = halfQueries): AppoSummary => ({ curve: [], finalRegret, finalQueries, halfQueries, quarterQueries, optimalityGap: 0 });
    const base = [summary(50, 1000), summary(60, 1000), summary(40, 1000)];
    expect(appoQueriesClaim({ horizon: 1000, always: base, atClaim: [summary(60, 200), summary(70, 250), summary(45, 280)] }).passed).toBe(true);
    expect(appoQueriesClaim({ horizon: 1000, always: base, atClaim: [summary(60, 320), summary(70, 310), summary(45, 280)] }).passed).toBe(false);
    expect(appoQueriesClaim({ horizon: 1000, always: base, atClaim: [summary(70, 200), summary(80, 250), summary(45, 280)] }).passed).toBe(false);
    // 50 then 50 queries per doubling: log growth
    expect(appoLogGrowthClaim({ horizon: 1000, atClaim: [summary(0, 300, 250, 200), summary(0, 320, 260, 205), summary(0, 310, 240, 180)] }).passed).toBe(true);
    // √T growth (ratio √2) fails
    expect(appoLogGrowthClaim({ horizon: 1000, atClaim: [summary(0, 1000, 707, 500)] }).passed).toBe(false);
  });

  it('the MLE sanity reads the optimality gap of every run', () => {
    expect(mleConvergedClaim(always).passed).toBe(true);
    expect(mleConvergedClaim([...always, { ...always[0], optimalityGap: 1e-3 }]).passed).toBe(false);
  });
});

const SETTING = { beta: 0.1, learningRate: 3 };

describe('the ADPO claims', () => {
  it('read queries to 98% of each replicate’s DPO final, like for like', () => {
    const dpo = climb(0.7, 100);
    // DPO reaches 0.98 × 0.7 = 0.686 at checkpoint 4.65 (4.65 × 100 queries); ADPO climbs at the same pace with 30 queries a step
    const [q] = queriesToTarget([dpo], [climb(0.7, 30)]);
    expect(q.dpo).toBeCloseTo(465, 6);
    expect(q.method).toBeCloseTo(139.5, 6);
    expect(queriesToTarget([dpo], [climb(0.6, 30)])[0].method).toBe(Infinity);
  });

  it('pass when ADPO gets there with ≤ 0.6 × DPO’s queries and is non-inferior (the gap’s interval clears −0.01); fail on either count', () => {
    const dpo = [climb(0.7, 100), climb(0.72, 100), climb(0.71, 100)];
    const claim = (adpo: AdpoSummary[]) => adpoQueriesClaim({ pairs: 1000, gamma: 0.5, dpo, adpo, adpoNoPl: dpo, adpoSetting: SETTING, dpoSetting: SETTING, tuningGap: 0 });
    expect(claim([climb(0.7, 50), climb(0.72, 55), climb(0.71, 60)]).passed).toBe(true);
    // too many queries
    expect(claim([climb(0.7, 70), climb(0.72, 65), climb(0.71, 60)]).passed).toBe(false);
    // few queries, but ends 0.02 below DPO
    expect(claim([climb(0.685, 40), climb(0.70, 40), climb(0.69, 40)]).passed).toBe(false);
    // the mean gap is within 0.01 (−0.005), but its interval reaches well below: not shown non-inferior
    expect(claim([climb(0.695, 50), climb(0.73, 55), climb(0.69, 60)]).passed).toBe(false);
    // a replicate that never gets there counts at all it asked (10 steps × 30): finite, so the saved JSON keeps it;
    // the third DPO climbs 0.042 a step and reaches 0.98 × 0.71 at step (0.6958 − 0.5) / 0.042
    const never = claim([climb(0.7, 50), climb(0.72, 55), climb(0.6, 30)]);
    expect(never.spread?.high).toBeCloseTo(300 / ((100 * (0.98 * 0.71 - 0.5)) / 0.042), 6);
    expect(never.note).toContain('1 of 3 replicates never reached the target');
    // replicates that never get there are ∞ in the median that decides: two of three collapsing after
    // few queries have small lower bounds, and the note says the value shown is one
    const collapsed = adpoQueriesClaim({ pairs: 1000, gamma: 0.5, dpo, adpo: [climb(0.7, 50), climb(0.6, 15), climb(0.6, 20)], adpoNoPl: dpo, adpoSetting: SETTING, dpoSetting: SETTING, tuningGap: 0 });
    expect(collapsed.passed).toBe(false);
    expect(Number.isFinite(collapsed.value)).toBe(true);
    expect(never.spread?.estimate).toBe(never.value);
    expect(collapsed.note).toContain('more than half never reached it');
    // the literal ratio and DPO's own are both in the note
    expect(claim([climb(0.7, 50), climb(0.72, 55), climb(0.71, 60)]).note).toMatch(/literal reading .* gives 0\.\d+, while DPO itself reaches the same target after 0\.\d+ of its stream/);
  });

  it('the language-model row states its start-point noise, its tied pairs and how its setting was found', () => {
    const dpo = [climb(0.7, 100), climb(0.72, 100)];
    const claim = adpoLmQueriesClaim({ pairs: 1000, gamma: 1, dpo, adpo: dpo, adpoNoPl: dpo, beta: 0.3, learningRate: 0.001, tiedPairs: [120, 140] });
    expect(claim.note).toContain('reads 0.500–0.500 across replicates');
    expect(claim.note).toContain('130 of the 1000 stream pairs');
    expect(claim.note).toContain('seed root 11');
  });

  it('the loss row fails when the kernel and the chain disagree by more than 1e-4', () => {
    expect(lossAgreementClaim(0.74, 0.74, 64).passed).toBe(true);
    expect(lossAgreementClaim(0.74 * 1.001, 0.74, 64).passed).toBe(false);
    // relative to the loss where it exceeds 1
    expect(lossAgreementClaim(10.0005, 10, 64).passed).toBe(true);
  });

  it('fail at γ = 2 on real runs: ADPO then asks about nearly every pair, and needs about DPO’s own queries', () => {
    const runs = (method: 'dpo' | 'adpo') =>
      [0, 1, 2].map((r) => {
        const rng = RngStream.fromSeed(3).split(r);
        const world = makeWorld(16, 6, 1, rng.split('world'));
        const prompts = Array.from({ length: 60 }, (_, i) => makePrompt(world, rng.split('eval').split(i)));
        const run = trainAdpo(world, { method, beta: 0.1, gamma: 2, learningRate: 3, batchSize: 32, pairs: 1500, evalEvery: 2 }, prompts, rng.split('stream'));
        return { checkpoints: run.checkpoints, margins: null };
      });
    const dpo = runs('dpo');
    const claim = adpoQueriesClaim({ pairs: 1500, gamma: 2, dpo, adpo: runs('adpo'), adpoNoPl: dpo, adpoSetting: SETTING, dpoSetting: SETTING, tuningGap: 0 });
    expect(claim.passed).toBe(false);
    expect(claim.value).toBeGreaterThan(0.9);
  });

  it('the small-γ limit row holds when ADPO ends more than 0.01 below DPO', () => {
    const dpo = [climb(0.7, 100), climb(0.72, 100)];
    expect(smallGammaClaim(dpo, [climb(0.68, 10, 10, 30), climb(0.70, 10, 10, 30)], 0.5).passed).toBe(true);
    expect(smallGammaClaim(dpo, [climb(0.695, 10), climb(0.715, 10)], 0.5).passed).toBe(false);
  });

  it('the small-γ limit row says so when the tuning chose that same γ', () => {
    const dpo = [climb(0.7, 100), climb(0.72, 100)];
    const adpo = [climb(0.695, 10), climb(0.715, 10)];
    expect(smallGammaClaim(dpo, adpo, SMALL_GAMMA).note).toContain('also the tuned γ');
    expect(smallGammaClaim(dpo, adpo, 0.5).note).not.toContain('also the tuned γ');
  });

  it('the sanity rows: the flag rule, and the reference’s win-rate of exactly 1/2', () => {
    expect(flagRuleClaim().passed).toBe(true);
    expect(uniformStartClaim([climb(0.7, 10)]).passed).toBe(true);
    const off = climb(0.7, 10);
    off.checkpoints[0] = { ...off.checkpoints[0], winRate: 0.51 };
    expect(uniformStartClaim([off]).passed).toBe(false);
  });

  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
