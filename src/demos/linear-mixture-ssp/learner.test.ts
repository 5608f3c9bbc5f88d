import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { runSsp } from './episodes';
import { devi, LinearMixtureLearner, WeightedRegression, type SspSettings } from './learner';
import { actionVector, hardInstance, kernelOf, optimalValues, valueFeatures } from './ssp';

const settingsFor = (bound: number, d = 4): SspSettings => ({ lambda: 1, delta: 0.05, alpha: 0.05, gamma: d ** -0.25, bound, thetaNorm: 1, radiusScale: 0.1, moments: 2, bernstein: 'leading' });

describe('the hard linear-mixture SSP instance', () => {
  it('P(g | a) = δ + ⟨μ, a⟩, rows are distributions, and V*(s_init) = 1/(δ + Δ) with a* = sign(μ)', () => {
    const ssp = hardInstance(4, 0.025, 0.01, RngStream.fromSeed(3));
    const kernel = kernelOf(ssp);
    const mu = Array.from(ssp.theta.subarray(0, 3));
    for (let a = 0; a < ssp.actions; a++) {
      const x = actionVector(a, 3);
      expect(kernel[(0 * ssp.actions + a) * 2 + 1]).toBeCloseTo(0.025 + x.reduce((s, v, k) => s + v * mu[k], 0), 14);
      expect(kernel[(0 * ssp.actions + a) * 2] + kernel[(0 * ssp.actions + a) * 2 + 1]).toBeCloseTo(1, 14);
    }
    const { value, policy } = optimalValues(ssp);
    expect(value[0]).toBeCloseTo(1 / 0.035, 8);
    expect(actionVector(policy[0], 3)).toEqual(mu.map(Math.sign));
  });

  it('the optimal policy’s mean episode cost over 10⁴ episodes is within 3% of 1/(δ + Δ)', () => {
    const ssp = hardInstance(4, 0.025, 0.01, RngStream.fromSeed(1));
    const run = runSsp(ssp, 'optimal', settingsFor(1 / 0.035), 10_000, 100_000, RngStream.fromSeed(9));
    expect(run.steps / 10_000).toBeGreaterThan(0.97 / 0.035);
    expect(run.steps / 10_000).toBeLessThan(1.03 / 0.035);
    expect(run.cappedEpisodes).toBe(0);
  });
});

describe('the learner’s pieces', () => {
  it('weighted regression: Sherman–Morrison keeps Σ⁻¹ exact, θ = Σ⁻¹ b, and log det Σ tracked (hand case)', () => {
    const r = new WeightedRegression(2, 0.5);
    r.add([1, 0], 2, 1);
    r.add([1, 1], 1, 2);
    // Σ = 0.5 I + [1 0; 0 0] + 2 [1 1; 1 1] = [3.5 2; 2 2.5], b = [2 + 2, 2] = [4, 2]
    expect(Array.from(r.sigma)).toEqual([3.5, 2, 2, 2.5]);
    const det = 3.5 * 2.5 - 4;
    expect(Array.from(r.inverse).map((v) => Number(v.toFixed(12)))).toEqual([2.5 / det, -2 / det, -2 / det, 3.5 / det].map((v) => Number(v.toFixed(12))));
    expect(r.theta[0]).toBeCloseTo((2.5 * 4 - 2 * 2) / det, 12);
    expect(r.theta[1]).toBeCloseTo((-2 * 4 + 3.5 * 2) / det, 12);
    expect(r.logDet).toBeCloseTo(Math.log(det), 12);
    expect(r.norm([1, 0])).toBeCloseTo(Math.sqrt(2.5 / det), 12);
  });

  it('DEVI’s fixed point on the hard instance is the closed form v = c/B / (1 − (1 − q)·L_min)', () => {
    const ssp = hardInstance(4, 0.1, 0.04, RngStream.fromSeed(2));
    const r = new WeightedRegression(4, 0.01);
    // data that make the stay-probability estimate informative
    const rng = RngStream.fromSeed(5);
    for (let i = 0; i < 300; i++) {
      const a = i % ssp.actions;
      r.add([...actionVector(a, 3).map((v) => -0.3 * v), 0.3 * 0.9], rng.uniform() < 0.88 ? 0.3 : 0, 1);
    }
    const B = 12;
    const [q, beta] = [0.01, 0.2];
    const plan = devi(ssp, r, beta, B, q, 1e-13);
    // with V(g) = 0, φ_V(s_init, a) = v·x_a, so Q(a) = 1/B + (1 − q)·v·max{0, ⟨θ̂, x_a⟩ − β‖x_a‖}
    let lMin = Infinity;
    for (let a = 0; a < ssp.actions; a++) {
      const x = [...actionVector(a, 3).map((v) => -v), 0.9];
      lMin = Math.min(lMin, Math.max(0, r.predict(x) - beta * r.norm(x)));
    }
    expect(Math.abs(plan.value[0] - 1 / B / (1 - (1 - q) * lMin))).toBeLessThan(1e-9);
    expect(plan.value[1]).toBe(0);
    // φ_V is linear in V
    const phi = valueFeatures(ssp, plan.value);
    expect(phi[0 * 4 + 3]).toBeCloseTo(plan.value[0] * 0.9, 14);
  });

  it('variance-aware weights: 1/σ̄² with σ̄² = max{v̂ar + error, α², γ²‖φ‖}; Hoeffding weights are 1', () => {
    const ssp = hardInstance(4, 0.05, 0.02, RngStream.fromSeed(1));
    const settings = settingsFor(1 / 0.07);
    const va = new LinearMixtureLearner(ssp, 'variance-aware', settings);
    const h = new LinearMixtureLearner(ssp, 'hoeffding', settings);
    expect(h.weightFor(0)).toBe(1);
    // before any data: θ̂ = 0, so v̂ar = 0 and the error term min{1, 2β‖φ‖} + min{1, β‖φ₂‖} decides
    const beta = va.radius();
    const v = va.value[0];
    const x = [...actionVector(0, 3).map((s) => -s), 0.95];
    const n1 = va.first.norm(x.map((c) => c * v));
    const n2 = va.levels[1].norm(x.map((c) => c * v * v));
    const sigma2 = Math.max(Math.min(1, 2 * beta * n1) + Math.min(1, beta * n2), 0.05 ** 2, settings.gamma ** 2 * n1);
    expect(va.weightFor(0)).toBeCloseTo(1 / sigma2, 12);
  });
});

describe('regret on the hard instance (d = 4, δ = 0.025, Δ = 0.01, K = 2000, 5 seeds)', () => {
  it('variance-aware ≤ 0.8 × Hoeffding, and both sublinear: R(2000)/R(500) ≤ 3.5', () => {
    const ssp = hardInstance(4, 0.025, 0.01, RngStream.fromSeed(1).split('instance'));
    const settings = settingsFor(optimalValues(ssp).value[0]);
    const regret = (method: 'hoeffding' | 'variance-aware') => {
      const runs = Array.from({ length: 5 }, (_, seed) => runSsp(ssp, method, settings, 2000, 1500, RngStream.fromSeed(1).split('seeds').split(seed)));
      const at = (k: number) => runs.reduce((s, r) => s + r.cumulativeRegret[k - 1], 0) / runs.length;
      return { final: at(2000), quarter: at(500) };
    };
    const h = regret('hoeffding');
    const va = regret('variance-aware');
    expect(va.final).toBeLessThanOrEqual(0.8 * h.final);
    expect(h.final / h.quarter).toBeLessThanOrEqual(3.5);
    expect(va.final / va.quarter).toBeLessThanOrEqual(3.5);
  });
});
