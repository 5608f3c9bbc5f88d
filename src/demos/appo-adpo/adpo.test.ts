import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { adpoFlags, makePrompt, makeWorld, pairLoss, pairLossSlope, policy, queriesToReach, trainAdpo, winRate, type AdpoMethod, type AdpoRun } from './adpo';

describe('the ADPO query rule (the official trainer’s flag)', () => {
  it('on margins [−3, −0.5, 0.5, 3] with γ = 1: flags [−1, +1, +1, +1], queries [no, yes, yes, no]', () => {
    expect(adpoFlags([-3, -0.5, 0.5, 3], 1)).toEqual({ flags: [-1, 1, 1, 1], queried: [false, true, true, false] });
  });
});

describe('the pair loss', () => {
  it('is log 2 at h = 0, and its slope is the derivative', () => {
    expect(pairLoss(0.7, 1, 0)).toBeCloseTo(Math.LN2, 15);
    for (const [beta, flag, h] of [[1, 1, 0.3], [0.5, -1, -2], [2, 1, 4]]) {
      const numeric = (pairLoss(beta, flag, h + 1e-6) - pairLoss(beta, flag, h - 1e-6)) / 2e-6;
      expect(pairLossSlope(beta, flag, h)).toBeCloseTo(numeric, 6);
    }
  });
});

describe('the linear-policy world', () => {
  const root = RngStream.fromSeed(4);
  const world = makeWorld(8, 5, 1, root.split('world'));
  const prompts = Array.from({ length: 50 }, (_, i) => makePrompt(world, root.split('eval').split(i)));
  const train = (method: AdpoMethod): AdpoRun => trainAdpo(world, { method, beta: 1, gamma: 1, learningRate: 0.3, batchSize: 16, pairs: 800, evalEvery: 5 }, prompts, root.split('stream'));

  it('scores the uniform policy at a win-rate of exactly 1/2 and a policy along θ* above it', () => {
    expect(winRate(world, new Float64Array(8), prompts)).toBeCloseTo(0.5, 12);
    expect(winRate(world, world.theta.map((x) => 3 * x), prompts)).toBeGreaterThan(0.6);
    expect(policy(new Float64Array(8), prompts[0]).every((p) => Math.abs(p - 1 / 5) < 1e-15)).toBe(true);
  });

  it('DPO queries every pair and learns θ*’s direction', () => {
    const run = train('dpo');
    const last = run.checkpoints.at(-1)!;
    expect(last.queries).toBe(800);
    expect(last.pseudoLabels).toBe(0);
    const cosine = run.w.reduce((s, x, i) => s + x * world.theta[i], 0) / Math.hypot(...run.w);
    expect(cosine).toBeGreaterThan(0.9);
    expect(last.winRate).toBeGreaterThan(run.checkpoints[0].winRate + 0.05);
  });

  it('ADPO queries only pairs with |m| ≤ γ and pseudo-labels the rest; without pseudo-labels it drops them', () => {
    const adpo = train('adpo');
    const noPl = train('adpo-no-pl');
    const a = adpo.checkpoints.at(-1)!;
    expect(a.queries + a.pseudoLabels).toBe(800);
    expect(a.queries).toBe(adpo.margins.filter((m) => Math.abs(m) <= 1).length);
    expect(a.wrongPseudoLabels).toBe(adpo.margins.filter((m) => m < -1).length);
    expect(a.pseudoLabelsAgainstTruth).toBeLessThanOrEqual(a.pseudoLabels);
    expect(noPl.checkpoints.at(-1)!.pseudoLabels).toBe(0);
    // the first batch sees w = 0: every margin is 0, every pair queried, the same for both
    expect(adpo.margins.slice(0, 16).every((m) => m === 0)).toBe(true);
  });

  it('is reproducible: the same seed gives the same run', () => {
    expect(train('adpo')).toEqual(train('adpo'));
  });

  it('reads the queries needed to reach a win-rate off the checkpoints, by interpolation', () => {
    const run: AdpoRun = {
      method: 'dpo',
      margins: [],
      w: new Float64Array(0),
      checkpoints: [
        { pairsSeen: 0, queries: 0, winRate: 0.5, pseudoLabels: 0, wrongPseudoLabels: 0, pseudoLabelsAgainstTruth: 0 },
        { pairsSeen: 10, queries: 10, winRate: 0.6, pseudoLabels: 0, wrongPseudoLabels: 0, pseudoLabelsAgainstTruth: 0 },
        { pairsSeen: 20, queries: 14, winRate: 0.7, pseudoLabels: 0, wrongPseudoLabels: 0, pseudoLabelsAgainstTruth: 0 },
      ],
    };
    expect(queriesToReach(run, 0.5)).toBe(0);
    expect(queriesToReach(run, 0.65)).toBeCloseTo(12, 12);
    expect(queriesToReach(run, 0.71)).toBeNull();
  });
});
