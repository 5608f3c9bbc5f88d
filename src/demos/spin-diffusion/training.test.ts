import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { EpsilonMlp, linearSchedule, sample } from './diffusion';
import { starStrokes } from './drawing';
import { runReplicate, type ReplicateOptions } from './replicate';
import { makeShape, sampleShape } from './shapes';
import { evaluateLoss, heldOutLoss, indicesByPrompt, iterationRate, spinStep, type PointSet } from './training';

beforeAll(async () => {
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
});

const schedule = linearSchedule(40);
const ring = (count: number, seed: number): PointSet => ({ points: sampleShape(makeShape('ring', 0.08, []), count, RngStream.fromSeed(seed)), prompts: new Int32Array(count) });

describe('SPIN-Diffusion training', () => {
  it('warms the rate up over the first 40 % of an iteration, then decays it linearly to zero', () => {
    const rates = Array.from({ length: 10 }, (_, s) => iterationRate(1, s, 10));
    expect(rates.map((r) => Number(r.toFixed(4)))).toEqual([0.25, 0.5, 0.75, 1, 1, 0.8333, 0.6667, 0.5, 0.3333, 0.1667]);
  });

  it('starts every iteration at loss log 2, where the model is its opponent', async () => {
    const policy = EpsilonMlp.init(16, 2, RngStream.fromSeed(1));
    const opponent = policy.clone();
    const optimizer = tf.train.adam(1e-3);
    const fake = ring(64, 3);
    fake.points.forEach((_, i) => (fake.points[i] *= 0.5));
    const stats = await spinStep(policy, opponent, optimizer, ring(64, 2), fake, indicesByPrompt(fake, 3), 1, 32, schedule, RngStream.fromSeed(4), true, false);
    expect(Math.abs(stats!.loss - Math.log(2))).toBeLessThan(1e-6);
    tf.dispose([policy.weights, opponent.weights]);
    optimizer.dispose();
  });

  it('moves the ε-error on real points down relative to that on generated ones (the gradient’s sign)', async () => {
    const policy = EpsilonMlp.init(32, 2, RngStream.fromSeed(5));
    const opponent = policy.clone();
    const real = ring(512, 6);
    // the "opponent's samples": points far off the ring, which the model should learn to denoise worse
    const generated: PointSet = { points: Float32Array.from(real.points, (v, i) => v * 0.3 + (i % 2 ? 0.5 : -0.5)), prompts: new Int32Array(512) };
    const realCheck = heldOutLoss(real, schedule, RngStream.fromSeed(7));
    const fakeCheck = heldOutLoss(generated, schedule, RngStream.fromSeed(7));
    const [realBefore, fakeBefore] = [await evaluateLoss(policy, realCheck), await evaluateLoss(policy, fakeCheck)];
    const optimizer = tf.train.adam(3e-3);
    const rng = RngStream.fromSeed(8);
    for (let s = 0; s < 40; s++) await spinStep(policy, opponent, optimizer, real, generated, indicesByPrompt(generated, 3), 1, 128, schedule, rng, false, false);
    // the loss sees only the difference: h = −(Δ error on real) + (Δ error on generated) must grow
    const [realAfter, fakeAfter] = [await evaluateLoss(policy, realCheck), await evaluateLoss(policy, fakeCheck)];
    expect(fakeAfter - fakeBefore - (realAfter - realBefore)).toBeGreaterThan(0.05);
    expect(fakeAfter).toBeGreaterThan(fakeBefore);
    tf.dispose([policy.weights, opponent.weights, realCheck.input, realCheck.target, fakeCheck.input, fakeCheck.target]);
    optimizer.dispose();
  });

  it('samples reproducibly from a seed', async () => {
    const model = EpsilonMlp.init(16, 2, RngStream.fromSeed(9));
    const prompts = new Int32Array([0, 1, 2, 0]);
    const a = await sample(model, schedule, prompts, RngStream.fromSeed(10), 2);
    const b = await sample(model, schedule, prompts, RngStream.fromSeed(10), 2);
    expect(Array.from(a.points)).toEqual(Array.from(b.points));
    expect(a.paths).toHaveLength(41);
    model.dispose();
  });

  it('runs a tiny replicate end to end, reproducibly, and frees every tensor', async () => {
    const options: ReplicateOptions = {
      prompts: ['ring', 'moons', 'drawing'], sigma: 0.1, drawing: starStrokes(), dataPerPrompt: 64, hidden: 16, layers: 2, diffusionSteps: 10, batch: 32, learningRate: 3e-3,
      maxSftSteps: 30, checkEvery: 10, fixedSftSteps: null, underfitSteps: 10, iterations: 2, stepsPerIteration: 5, beta: 1, sharedNoise: false, generatedPerPrompt: 32, evalPerPrompt: 32,
      spinRates: [1e-3], continuedRates: [1e-3, 3e-4], keepSamples: true,
    };
    const before = tf.memory().numTensors;
    const { Ticker } = await import('../../lib/schedule');
    const a = await runReplicate(options, RngStream.fromSeed(11), new Ticker());
    expect(tf.memory().numTensors).toBe(before);
    const b = await runReplicate(options, RngStream.fromSeed(11), new Ticker());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.spin[0].scores).toHaveLength(3);
    expect(a.continued.map((c) => c.scores.length)).toEqual([3, 3]);
    // every model starts from the same SFT checkpoint, scored on the same noise
    expect(a.continued[1].scores[0]).toEqual(a.spin[0].scores[0]);
    expect(a.spinSteps).toHaveLength(2);
    expect(a.sft.curve[0].step).toBe(0);
    expect(a.samples!.spin).toHaveLength(3);
    expect(a.samples!.continued.map((c) => c.length)).toEqual([3, 3]);
    // the limit regime starts from SFT's model at step 10: its own scores at iteration 0
    expect(a.underfit!.sftSteps).toBe(10);
    expect(a.underfit!.spin[0]).toEqual(a.underfit!.continued[0]);
    expect(a.underfit!.spin[0]).not.toEqual(a.spin[0].scores[0]);
    expect(a.underfit!.continued).toHaveLength(3);
  });
});
