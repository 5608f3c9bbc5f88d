import { describe, expect, it } from 'vitest';
import { frobeniusDistance, symmetricEigen } from '../../lib/linalg';
import { RngStream } from '../../lib/rng';
import {
  fantopeProjection,
  fantopeTheta,
  oracleEstimator,
  penaltyValue,
  proxPenalty,
  solveSdp,
  truncatedPowerMethod,
  type Penalty,
} from './algorithm';
import { drawSamples, sampleCovariance, spikedModel } from './data';

const penalties: Penalty[] = [{ kind: 'l1' }, { kind: 'mcp', b: 1.2 }, { kind: 'scad', a: 3.7 }];

describe('proximal operators', () => {
  for (const penalty of penalties) {
    it(`${penalty.kind}: the closed form is the argmin of ½(x − v)² + t·p_λ(x) (brute force)`, () => {
      const lambda = 0.3;
      const t = 0.5;
      for (let v = -1.5; v <= 1.5; v += 0.0371) {
        let best = 0;
        let bestValue = Infinity;
        for (let x = -2; x <= 2; x += 1e-4) {
          const value = 0.5 * (x - v) ** 2 + t * penaltyValue(x, lambda, penalty);
          if (value < bestValue) {
            bestValue = value;
            best = x;
          }
        }
        expect(Math.abs(proxPenalty(v, lambda, t, penalty) - best)).toBeLessThan(2e-4);
      }
    });
  }

  it('MCP leaves entries beyond bλ untouched (the flat region: no bias)', () => {
    expect(proxPenalty(0.5, 0.1, 0.5, { kind: 'mcp', b: 1.2 })).toBe(0.5);
    expect(proxPenalty(0.5, 0.1, 0.5, { kind: 'l1' })).toBeCloseTo(0.45, 12);
  });
});

describe('Fantope projection', () => {
  it('finds θ with Σ clip(γ − θ, 0, 1) = k exactly', () => {
    const rng = RngStream.fromSeed(4);
    for (let trial = 0; trial < 50; trial++) {
      const gamma = Array.from({ length: 12 }, () => 3 * rng.normal());
      for (const k of [1, 2, 3]) {
        const theta = fantopeTheta(gamma, k);
        const mass = gamma.reduce((s, g) => s + Math.min(1, Math.max(0, g - theta)), 0);
        expect(mass).toBeCloseTo(k, 10);
      }
    }
  });

  it('returns a point of the Fantope, and leaves a rank-k projector where it is', () => {
    const p = 10;
    const rng = RngStream.fromSeed(8);
    const a = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = i; j < p; j++) a[i * p + j] = a[j * p + i] = rng.normal();
    const { projection } = fantopeProjection(a, p, 2);
    const values = symmetricEigen(projection, p).values;
    expect(values[0]).toBeGreaterThan(-1e-12);
    expect(values[p - 1]).toBeLessThan(1 + 1e-12);
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(2, 10);
    const again = fantopeProjection(projection, p, 2).projection;
    const twice = fantopeProjection(again, p, 2).projection;
    expect(frobeniusDistance(again, twice)).toBeLessThan(1e-10);
  });
});

describe('penalised Fantope SDP by ADMM', () => {
  const p = 30;
  const s = 5;
  const setup = (n: number, seed: number) => {
    const root = RngStream.fromSeed(seed);
    const model = spikedModel(p, s, 1, 2, root.split('model'));
    const sigma = sampleCovariance(drawSamples(model, n, root.split('data')), n, p);
    return { model, sigma, lambda: 2 * Math.sqrt(Math.log(p) / n) };
  };

  it('MCP reaches the oracle exactly in the oracle regime (bλ below min|Π*ᵢⱼ|) while ℓ1 does not', () => {
    const { model, sigma, lambda } = setup(2000, 1);
    const oracle = oracleEstimator(sigma, p, 1, model.support);
    const mcp = solveSdp(sigma, p, { lambda, rho: 4 / 1.2, penalty: { kind: 'mcp', b: 1.2 }, k: 1, tol: 1e-8, maxIter: 1000 });
    const fps = solveSdp(sigma, p, { lambda, rho: 1, penalty: { kind: 'l1' }, k: 1, tol: 1e-8, maxIter: 1000 });
    expect(mcp.converged && fps.converged).toBe(true);
    expect(frobeniusDistance(mcp.phi, oracle)).toBeLessThan(1e-4);
    expect(frobeniusDistance(fps.phi, oracle)).toBeGreaterThan(1e-3);
    expect(frobeniusDistance(fps.phi, model.truth)).toBeGreaterThan(frobeniusDistance(mcp.phi, model.truth));
  });

  it('MCP does not equal the oracle when bλ exceeds the signal (small n): the check can fail', () => {
    const { model, sigma, lambda } = setup(150, 2);
    expect(1.2 * lambda).toBeGreaterThan(1 / s);
    const oracle = oracleEstimator(sigma, p, 1, model.support);
    const mcp = solveSdp(sigma, p, { lambda, rho: 4 / 1.2, penalty: { kind: 'mcp', b: 1.2 }, k: 1, tol: 1e-7, maxIter: 600 });
    expect(frobeniusDistance(mcp.phi, oracle)).toBeGreaterThan(1e-2);
  });

  it('FPS warm-started from another λ (the tuning path) reaches the cold solve: ℓ1 is convex', () => {
    const { sigma, lambda } = setup(1000, 4);
    const options = { lambda, rho: 1, penalty: { kind: 'l1' } as const, k: 1, tol: 1e-8, maxIter: 2000 };
    const cold = solveSdp(sigma, p, options);
    const larger = solveSdp(sigma, p, { ...options, lambda: 1.5 * lambda });
    const warm = solveSdp(sigma, p, { ...options, warmStart: larger });
    expect(cold.converged && warm.converged).toBe(true);
    expect(frobeniusDistance(warm.phi, cold.phi)).toBeLessThan(1e-4);
    expect(warm.iteration).toBeLessThan(cold.iteration);
  });

  it('the truncated power method recovers a strong sparse spike', () => {
    const { model, sigma } = setup(2000, 3);
    expect(frobeniusDistance(truncatedPowerMethod(sigma, p, 1, s), model.truth)).toBeLessThan(0.15);
  });
});
