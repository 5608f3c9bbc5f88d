import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { CHAIN_THETAS, chainKernel, chainMdp, isChainAttackable, LEFT, RIGHT } from './chain';
import { collectDataset, maxLogRatio, offlineFailed, offlinePolicy, offlineWeights, type OfflineSettings } from './offline';

const SETTINGS: OfflineSettings = { delta: 0.05, lambda: 1, kappa: 1, budget: 0, rounds: 3 };
const models = CHAIN_THETAS.map((t) => chainMdp(t));
const z = (s: number, a: number) => s * 2 + a;

describe('CR-PMLE pieces', () => {
  it('hand-computed weights: two models θ ∈ {0.2, 0.6}, three right moves from state 0 and a left move', () => {
    const two = [chainMdp(0.2, 0), chainMdp(0.6, 0)];
    const samples = [
      { z: z(0, RIGHT), x: 1, corrupted: false },
      { z: z(0, RIGHT), x: 0, corrupted: false },
      { z: z(0, RIGHT), x: 0, corrupted: false },
      { z: z(1, LEFT), x: 0, corrupted: false },
    ];
    const settings = { ...SETTINGS, budget: 2, rounds: 1 };
    const alpha = Math.sqrt(Math.log(2 / 0.05)) / 2;
    // one round from w = 1, a radius wide enough to keep both models: Γ_i = 0.4 / √(1 + 2 · 0.16) for a right move
    const w = offlineWeights(two, samples, settings, () => 100);
    const gamma = 0.4 / Math.sqrt(1 + 2 * 0.16);
    for (const i of [0, 1, 2]) expect(w[i]).toBeCloseTo(Math.min(1, alpha / gamma), 14);
    expect(w[3]).toBe(1);
    // no budget: every weight 1
    expect(Array.from(offlineWeights(two, samples, { ...settings, budget: 0 }, () => 100))).toEqual([1, 1, 1, 1]);
  });

  it('one corrupted sample moves a log-likelihood ratio by at most log ρ_max (the class’s largest probability ratio)', () => {
    const eps = 0.01;
    const hi = 0.99 * 0.95 + eps / 5;
    const lo = 0.99 * 0.05 + eps / 5;
    expect(maxLogRatio(models)).toBeCloseTo(Math.log(hi / lo), 12);
  });

  it('the dataset corrupts exactly the first c targeted transitions', () => {
    const data = collectDataset(chainMdp(0.2), 20, { count: 7, kernel: chainKernel(0.9), targets: isChainAttackable }, RngStream.fromSeed(4));
    expect(data).toHaveLength(200);
    expect(data.filter((d) => d.corrupted)).toHaveLength(7);
    const lastCorrupted = data.map((d) => d.corrupted).lastIndexOf(true);
    const targeted = data.slice(0, lastCorrupted + 1).filter((d) => d.z % 2 === RIGHT && Math.floor(d.z / 2) < 4);
    expect(targeted.every((d) => d.corrupted)).toBe(true);
  });
});

describe('offline on the chain (θ* = 0.2: left is optimal; the first c right moves reported from θ = 0.9)', () => {
  const truth = chainMdp(0.2);
  const failures = (n: number, c: number) => {
    const counts = { 'plug-in': 0, pmle: 0, 'cr-pmle': 0 };
    for (let seed = 1; seed <= 10; seed++) {
      const data = collectDataset(truth, n, { count: c, kernel: chainKernel(0.9), targets: isChainAttackable }, RngStream.fromSeed(seed).split('offline'));
      for (const method of ['plug-in', 'pmle', 'cr-pmle'] as const) if (offlineFailed(offlinePolicy(models, truth, data, method, { ...SETTINGS, budget: c }))) counts[method]++;
    }
    return counts;
  };

  it('(n, c) = (50, 120) and (100, 240): PMLE fails on ≥ 9 of 10 seeds, CR-PMLE on none', () => {
    for (const [n, c] of [
      [50, 120],
      [100, 240],
    ]) {
      const f = failures(n, c);
      expect(f.pmle, `PMLE at n=${n}, c=${c}`).toBeGreaterThanOrEqual(9);
      expect(f['cr-pmle'], `CR-PMLE at n=${n}, c=${c}`).toBe(0);
    }
  });

  it('without corruption all three choose well, and CR-PMLE with c = 0 is PMLE', () => {
    expect(failures(50, 0)).toEqual({ 'plug-in': 0, pmle: 0, 'cr-pmle': 0 });
  });

  it('robustness costs data: on clean data where right is optimal (θ* = 0.6), CR-PMLE told to expect c = 24 still goes left at n = 200', () => {
    const six = chainMdp(0.6);
    const data = collectDataset(six, 200, { count: 0, kernel: chainKernel(0.1), targets: isChainAttackable }, RngStream.fromSeed(1).split('offline'));
    expect(offlineFailed(offlinePolicy(models, six, data, 'pmle', SETTINGS))).toBe(false);
    expect(offlineFailed(offlinePolicy(models, six, data, 'cr-pmle', { ...SETTINGS, budget: 24 }))).toBe(true);
  });
});
