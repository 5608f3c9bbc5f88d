import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { makeTabularProblem, mergePairs, nllLoss, pairCounts, probabilities, runTabularSpin, spinGradient, spinLoss, theoreticalNextIterate, type TabularSetup } from './tabular';

// The research notes' tabular setting (docs/research/alignment.md §1c): K = 8 prompts, V = 12 responses, N = 2000 SFT pairs.
const SETUP: TabularSetup = { prompts: 8, responses: 12, samples: 2000, dataSharpness: 1.5, temper: 0.4 };
const OPTIMISER = { learningRate: 0.05, steps: 300 };
const problem = makeTabularProblem(SETUP, RngStream.fromSeed(1));
const run = async (beta: number, iterations: number) => (await runTabularSpin(problem, { beta, iterations, optimiser: OPTIMISER, mixPrevious: false }, RngStream.fromSeed(1).split('spin'))).records;

describe('tabular SPIN', () => {
  it('the loss is log 2 when θ = θ_opp, and its gradient matches finite differences', () => {
    const opponent = probabilities(problem.sft);
    const pairs = problem.train.slice(0, 50).map(([x, y], i) => ({ x, real: y, generated: (y + 1 + (i % 3)) % SETUP.responses }));
    expect(spinLoss(problem.sft, opponent, pairs, 0.7).loss).toBeCloseTo(Math.log(2), 12);
    const theta = problem.sft.map((row, x) => row.map((v, y) => v + 0.1 * Math.sin(x + 2 * y)));
    const { gradient } = spinLoss(theta, opponent, pairs, 0.7);
    const h = 1e-5;
    for (const [x, y] of [[0, 0], [3, 5], [7, 11]]) {
      const plus = theta.map((r) => Float64Array.from(r));
      const minus = theta.map((r) => Float64Array.from(r));
      plus[x][y] += h;
      minus[x][y] -= h;
      const fd = (spinLoss(plus, opponent, pairs, 0.7).loss - spinLoss(minus, opponent, pairs, 0.7).loss) / (2 * h);
      expect(gradient[x][y]).toBeCloseTo(fd, 7);
    }
  });

  it('merged pairs give the same loss and gradient; the SFT loss gradient matches finite differences', () => {
    const opponent = probabilities(problem.sft);
    const theta = problem.sft.map((row, x) => row.map((v, y) => v + 0.2 * Math.cos(x * y)));
    const pairs = problem.train.slice(0, 300).map(([x, y], i) => ({ x, real: y, generated: (y + (i % 2)) % SETUP.responses }));
    const merged = mergePairs(pairs);
    expect(merged.length).toBeLessThan(pairs.length);
    const a = spinLoss(theta, opponent, pairs, 1.5);
    const b = spinLoss(theta, opponent, merged, 1.5);
    expect(b.loss).toBeCloseTo(a.loss, 12);
    expect(b.accuracy).toBeCloseTo(a.accuracy, 12);
    b.gradient.forEach((row, x) => row.forEach((g, y) => expect(g).toBeCloseTo(a.gradient[x][y], 12)));
    // the fast gradient Adam uses is the same gradient
    const fast = spinGradient(theta, opponent.map((row) => row.map(Math.log)), merged, 1.5);
    fast.forEach((row, x) => row.forEach((g, y) => expect(g).toBeCloseTo(a.gradient[x][y], 12)));

    const counts = pairCounts(problem.train, SETUP.prompts, SETUP.responses);
    const { loss, gradient } = nllLoss(theta, counts);
    const direct = -problem.train.reduce((s, [x, y]) => s + Math.log(probabilities(theta)[x][y]), 0) / problem.train.length;
    expect(loss).toBeCloseTo(direct, 10);
    const h = 1e-5;
    for (const [x, y] of [[1, 2], [6, 0]]) {
      const plus = theta.map((r) => Float64Array.from(r));
      const minus = theta.map((r) => Float64Array.from(r));
      plus[x][y] += h;
      minus[x][y] -= h;
      expect(gradient[x][y]).toBeCloseTo((nllLoss(plus, counts).loss - nllLoss(minus, counts).loss) / (2 * h), 7);
    }
  });

  it('the closed-form next iterate reaches p_data at β = 1 and moves part of the way at β = 2', () => {
    const pData = Float64Array.from([0.5, 0.3, 0.2]);
    const pT = Float64Array.from([0.2, 0.3, 0.5]);
    expect(Array.from(theoreticalNextIterate(pData, pT, 1))).toEqual(Array.from(pData).map((v) => expect.closeTo(v, 12)));
    const half = theoreticalNextIterate(pData, pT, 2);
    expect(half[0]).toBeGreaterThan(pT[0]);
    expect(half[0]).toBeLessThan(pData[0]);
  });

  it('β = 2, two iterations: held-out LL gain over SFT > 0.2 and discriminability down by > 0.08', async () => {
    const r = await run(2, 2);
    expect(r[1].heldOutLogLikelihood - r[0].heldOutLogLikelihood).toBeGreaterThan(0.2);
    expect(r[2].heldOutLogLikelihood - r[0].heldOutLogLikelihood).toBeGreaterThan(0.2);
    expect(r[0].discriminability - r[1].discriminability).toBeGreaterThan(0.08);
  });

  it('β = 1: KL after one iteration < 0.25 × KL(SFT); β = 0.1 at the same learning rate: KL rises (overshoot)', async () => {
    const one = await run(1, 1);
    expect(one[1].kl).toBeLessThan(0.25 * one[0].kl);
    const small = await run(0.1, 1);
    expect(small[1].kl).toBeGreaterThan(small[0].kl);
  });
});
