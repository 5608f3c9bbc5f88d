import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { runSsp } from './episodes';
import { GRID_TRUTH, perturbCosts, zeroCostGridworld } from './gridworld';
import { kernelOf, optimalValues } from './ssp';

describe('the zero-cost gridworld', () => {
  it('is a linear mixture: every row of P = Σ θ_k P_k is a distribution, the goal absorbs, the conveyor is free', () => {
    for (const d of [3, 4, 5]) {
      const ssp = zeroCostGridworld(d);
      expect(Array.from(ssp.theta).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(Array.from(ssp.theta)).toEqual([...GRID_TRUTH[d]]);
      const kernel = kernelOf(ssp);
      for (let row = 0; row < 16 * 4; row++) expect(Array.from(kernel.subarray(row * 16, row * 16 + 16)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(kernel[(ssp.goal * 4 + 0) * 16 + ssp.goal]).toBeCloseTo(1, 12);
      expect(ssp.cost[(1 * 4 + 2)]).toBe(0); // cell (1, 0) is on the conveyor
      expect(ssp.cost[(5 * 4 + 2)]).toBe(1);
    }
  });

  it('every policy is proper: the optimal values are finite and the optimal policy always finishes', () => {
    const ssp = zeroCostGridworld(4);
    const { value } = optimalValues(ssp);
    expect(Math.max(...value)).toBeLessThan(10);
    expect(value[ssp.goal]).toBe(0);
    const run = runSsp(ssp, 'optimal', { lambda: 1, delta: 0.05, alpha: 0.05, gamma: 0.7, bound: 8, thetaNorm: 1, radiusScale: 0.1, moments: 3, bernstein: 'leading' }, 2000, 500, RngStream.fromSeed(2));
    expect(run.cappedEpisodes).toBe(0);
    expect(run.totalCost / 2000).toBeGreaterThan(0.95 * value[ssp.start]);
    expect(run.totalCost / 2000).toBeLessThan(1.05 * value[ssp.start]);
  });

  it('the perturbation raises every cost but the goal’s by ε, capped at 1', () => {
    const ssp = zeroCostGridworld(3);
    const p = perturbCosts(ssp, 0.1);
    expect(p.cost[1 * 4 + 2]).toBeCloseTo(0.1, 15);
    expect(p.cost[5 * 4 + 2]).toBe(1);
    expect(p.cost[ssp.goal * 4 + 1]).toBe(0);
  });
});
