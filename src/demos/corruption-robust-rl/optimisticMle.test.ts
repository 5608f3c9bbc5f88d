import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { CHAIN_THETAS, chainKernel, chainMdp, isChainAttackable, LEFT, RIGHT } from './chain';
import { evaluatePolicy, optimalPlan, tvAt } from './mdp';
import { runOnline } from './online';
import { baseRadius, OptimisticMle, radiusOf, robustWeight, weightThreshold, type OnlineSettings } from './optimisticMle';

const SETTINGS: OnlineSettings = { delta: 0.05, lambda: 1, kappa: 1, budget: 80, budgetTv: 40 };
const z = (s: number, a: number) => s * 2 + a;

describe('finite-horizon planning on the chain', () => {
  it('hand-computed values: θ = 1 reaches the end in 4 steps and collects 6; θ = 0 stays left for 10 × 0.2', () => {
    const sure = optimalPlan(chainMdp(1, 0));
    expect(sure.value).toBeCloseTo(6, 12);
    expect(sure.policy[0]).toBe(RIGHT);
    const stuck = optimalPlan(chainMdp(0, 0));
    expect(stuck.value).toBeCloseTo(2, 12);
    expect(stuck.policy[0]).toBe(LEFT);
    // θ = 0.5 for the last step from state 3 at h = 9 cannot pay; Bellman at h = 8, s = 3: right gives 0.5·1
    const half = optimalPlan(chainMdp(0.5, 0));
    expect(half.values[9 * 5 + 3]).toBe(0);
    expect(half.values[8 * 5 + 3]).toBeCloseTo(0.5, 12);
  });

  it('the optimal values are a fixed point of the Bellman backup, and evaluating the greedy policy gives them back', () => {
    for (const theta of [0.1, 0.35, 0.6, 0.9]) {
      const mdp = chainMdp(theta);
      const plan = optimalPlan(mdp);
      expect(evaluatePolicy(mdp, plan.policy)).toBeCloseTo(plan.value, 12);
      for (let h = 0; h < mdp.horizon; h++) {
        for (let s = 0; s < 5; s++) {
          const q = [LEFT, RIGHT].map((a) => mdp.reward[z(s, a)] + Array.from({ length: 5 }, (_, x) => mdp.kernel[z(s, a) * 5 + x] * plan.values[(h + 1) * 5 + x]).reduce((p, c) => p + c, 0));
          expect(plan.values[h * 5 + s]).toBeCloseTo(Math.max(...q), 12);
        }
      }
    }
  });

  it('every model row is a distribution with an ε floor', () => {
    const k = chainKernel(0.6, 0.01);
    for (let row = 0; row < 10; row++) {
      const p = Array.from({ length: 5 }, (_, x) => k[row * 5 + x]);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(Math.min(...p)).toBeCloseTo(0.01 / 5, 12);
    }
  });
});

describe('the CR-OMLE weights and confidence set', () => {
  it('w = min{1, (α/Γ)^κ}, and 1 where the set agrees', () => {
    expect(robustWeight(0, 0.1, 1)).toBe(1);
    expect(robustWeight(0.4, 0.1, 1)).toBeCloseTo(0.25, 15);
    expect(robustWeight(0.4, 0.1, 2)).toBeCloseTo(0.0625, 15);
    expect(robustWeight(0.05, 0.1, 1)).toBe(1);
    expect(robustWeight(0.4, Infinity, 1)).toBe(1);
    expect(weightThreshold(19, SETTINGS)).toBeCloseTo(Math.sqrt(Math.log(19 / 0.05)) / 80, 15);
    expect(radiusOf('omle', 19, SETTINGS)).toBeCloseTo(Math.log(380), 15);
    expect(radiusOf('known-c', 19, SETTINGS)).toBeCloseTo(Math.log(380) + 40, 12);
    expect(radiusOf('cr-omle', 19, SETTINGS)).toBeCloseTo(Math.log(380) + Math.sqrt(Math.log(380)), 12);
  });

  it('hand-computed: two models θ ∈ {0.2, 0.6} without floor; Γ, the weight, the denominator and the log-likelihoods after two samples', () => {
    const models = [chainMdp(0.2, 0), chainMdp(0.6, 0)];
    const settings = { ...SETTINGS, budget: 4 }; // α = √log(2/0.05) / 4
    const learner = new OptimisticMle(models, 'cr-omle', settings);
    const alpha = Math.sqrt(Math.log(40)) / 4;
    expect(learner.alpha).toBeCloseTo(alpha, 15);
    const set = learner.confidenceSet();
    expect(set).toEqual([0, 1]);
    // at (0, right) the models disagree by TV 0.4: Γ = 0.4 / √1
    expect(learner.informationRatio(set, z(0, RIGHT))).toBeCloseTo(0.4, 15);
    const w1 = learner.observe(set, z(0, RIGHT), 1); // moved right
    expect(w1).toBeCloseTo(Math.min(1, alpha / 0.4), 15);
    expect(learner.denominator[1]).toBeCloseTo(1 + w1 * 0.16, 15);
    // the second sample sees the updated denominator
    const gamma2 = 0.4 / Math.sqrt(1 + w1 * 0.16);
    expect(learner.informationRatio(set, z(0, RIGHT))).toBeCloseTo(gamma2, 15);
    const w2 = learner.observe(set, z(0, RIGHT), 0); // stayed
    expect(w2).toBeCloseTo(Math.min(1, alpha / gamma2), 15);
    expect(learner.logLikelihood[0]).toBeCloseTo(w1 * Math.log(0.2) + w2 * Math.log(0.8), 12);
    expect(learner.logLikelihood[1]).toBeCloseTo(w1 * Math.log(0.6) + w2 * Math.log(0.4), 12);
    // a left move: the models agree (TV 0), weight 1, nothing changes in the ratio
    expect(learner.observe(set, z(2, LEFT), 1)).toBe(1);
    expect(learner.denominator[1]).toBeCloseTo(1 + w1 * 0.16 + w2 * 0.16, 15);
  });

  it('the confidence set keeps the models within β of the best, and optimism picks the best value inside it', () => {
    const models = CHAIN_THETAS.map((t) => chainMdp(t));
    const learner = new OptimisticMle(models, 'omle', SETTINGS);
    expect(learner.confidenceSet()).toHaveLength(19);
    expect(learner.plan(learner.confidenceSet()).model).toBe(18); // θ = 0.95 promises the most
    // 30 right moves from state 0, 6 of which succeeded: evidence for θ ≈ 0.2
    const all = learner.confidenceSet();
    for (let i = 0; i < 30; i++) learner.observe(all, z(0, RIGHT), i < 6 ? 1 : 0);
    const beta = baseRadius(19, 0.05);
    const best = Math.max(...learner.logLikelihood);
    const set = learner.confidenceSet();
    for (let m = 0; m < 19; m++) expect(set.includes(m)).toBe(learner.logLikelihood[m] >= best - beta);
    expect(set).toContain(CHAIN_THETAS.indexOf(0.2));
    expect(set).not.toContain(18);
    expect(learner.plan(set).model).toBe(Math.max(...set));
  });
});

describe('online runs on the chain (θ* = 0.6, first C right moves drawn from θ = 0.1)', () => {
  const models = CHAIN_THETAS.map((t) => chainMdp(t));
  const truth = CHAIN_THETAS.indexOf(0.6);
  const bad = chainKernel(0.1);
  const tvEach = tvAt(bad, models[truth].kernel, 5, z(0, RIGHT));
  const run = (method: 'cr-omle' | 'omle', C: number, seed: number, T = 800) =>
    runOnline(models, truth, method, { ...SETTINGS, budget: C, budgetTv: C * tvEach }, { budget: C, kernel: bad, targets: isChainAttackable, timing: 'first', rate: 1 }, T, RngStream.fromSeed(seed).split('online'));

  it('C = 80: unweighted OMLE loses the true model and suffers linear regret; CR-OMLE keeps it with Σ weights on corrupted samples ≈ 4', () => {
    const omle = run('omle', 80, 1);
    const cr = run('cr-omle', 80, 1);
    expect(omle.trueOutsideAtEnd).toBe(true);
    expect(omle.cumulativeRegret[799]).toBeGreaterThan(500);
    expect(cr.trueOutsideAtEnd).toBe(false);
    expect(cr.cumulativeRegret[799]).toBeLessThan(10);
    expect(cr.corrupted).toBe(80);
    expect(cr.weightOnCorrupted).toBeLessThan(10);
    expect(omle.weightOnCorrupted).toBe(omle.corrupted);
  });

  it('C = 0: CR-OMLE is OMLE (every weight 1), and runs are reproducible', () => {
    const a = run('cr-omle', 0, 3, 200);
    const b = run('omle', 0, 3, 200);
    expect(Array.from(a.cumulativeRegret)).toEqual(Array.from(b.cumulativeRegret));
    expect(Array.from(run('cr-omle', 0, 3, 200).cumulativeRegret)).toEqual(Array.from(a.cumulativeRegret));
  });
});
