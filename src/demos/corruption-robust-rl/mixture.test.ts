import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { evaluatePolicy, optimalPlan } from './mdp';
import { MIXTURE_TRUTH, mixtureEnvironment, simplexGrid } from './mixture';

describe('the mixture MDP and its model class', () => {
  it('the 0.1 simplex grid has 66 weight vectors, each summing to 1', () => {
    const grid = simplexGrid();
    expect(grid).toHaveLength(66);
    for (const w of grid) expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('every model is a kernel with a floor; the truth is in the class; the adversary’s model is the one whose policy does worst', () => {
    const env = mixtureEnvironment(RngStream.fromSeed(1).split('mixture'));
    expect(env.weights[env.truth]).toEqual(MIXTURE_TRUTH);
    for (const m of [env.models[0], env.models[env.truth]]) {
      for (let row = 0; row < 18; row++) {
        const p = Array.from({ length: 6 }, (_, x) => m.kernel[row * 6 + x]);
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        expect(Math.min(...p)).toBeGreaterThanOrEqual(0.01 / 6 - 1e-15);
      }
    }
    const truth = env.models[env.truth];
    const valueOf = (i: number) => evaluatePolicy(truth, optimalPlan(env.models[i]).policy);
    const worst = valueOf(env.misleading);
    for (let i = 0; i < env.models.length; i++) expect(valueOf(i)).toBeGreaterThanOrEqual(worst - 1e-12);
    expect(worst).toBeLessThan(optimalPlan(truth).value);
  });
});
