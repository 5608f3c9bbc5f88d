// The ε-MLP's training in real Chromium: SFT and SPIN-Diffusion steps on tfjs' WebGPU backend give
// the same losses and weights as on the CPU path (tfjs wasm) to float32 tolerance, so the full
// budget's runs on a GPU are the same algorithm as the reduced budget's on the CPU.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initCompute, withCpuBackend } from '../../gpu/backend';
import { RngStream } from '../../lib/rng';
import { EpsilonMlp, linearSchedule, sample } from './diffusion';
import { makeShape, sampleShape } from './shapes';
import { indicesByPrompt, sftStep, spinStep, type PointSet } from './training';

const schedule = linearSchedule(40);
const ring = (count: number, seed: number): PointSet => ({ points: sampleShape(makeShape('ring', 0.08, []), count, RngStream.fromSeed(seed)), prompts: new Int32Array(count) });

/** Five SFT steps, five SPIN steps, then a few samples: the losses, the last weights and the samples. */
async function train(): Promise<{ losses: number[]; weights: Float32Array; samples: Float32Array }> {
  const policy = EpsilonMlp.init(32, 2, RngStream.fromSeed(1));
  const optimizer = tf.train.adam(1e-3);
  const [data, fake] = [ring(256, 2), ring(256, 3)];
  const rng = RngStream.fromSeed(4);
  const losses: number[] = [];
  for (let s = 0; s < 5; s++) {
    const loss = sftStep(policy, optimizer, data, 64, schedule, rng);
    losses.push((await loss.data())[0]);
    loss.dispose();
  }
  const opponent = policy.clone();
  for (let s = 0; s < 5; s++) losses.push((await spinStep(policy, opponent, optimizer, data, fake, indicesByPrompt(fake, 3), 1, 64, schedule, rng, true, s % 2 === 0))!.loss);
  const weights = (await policy.weights[2].data()) as Float32Array;
  const { points } = await sample(policy, schedule, new Int32Array([0, 1, 2, 0]), RngStream.fromSeed(5));
  policy.dispose();
  opponent.dispose();
  optimizer.dispose();
  return { losses, weights, samples: points };
}

beforeAll(async () => {
  const compute = await initCompute();
  if (!compute.device) throw new Error(`this test needs WebGPU: ${compute.info.reason}`);
  tf.env().set('WEBGPU_CPU_FORWARD', false);
});

describe('SPIN-Diffusion training on WebGPU', () => {
  it('matches the CPU path step for step (losses, weights, samples) and frees its tensors', async () => {
    expect(tf.getBackend()).toBe('webgpu');
    const before = tf.memory().numTensors;
    const gpu = await train();
    expect(tf.memory().numTensors).toBe(before);
    const cpu = await withCpuBackend(() => train());
    // the first SPIN step sits at log 2 on both
    expect(Math.abs(gpu.losses[5] - Math.log(2))).toBeLessThan(1e-5);
    gpu.losses.forEach((l, i) => expect(Math.abs(l - cpu.losses[i]), `loss ${i}`).toBeLessThan(1e-4));
    gpu.weights.forEach((w, i) => expect(Math.abs(w - cpu.weights[i]), `weight ${i}`).toBeLessThan(1e-4));
    gpu.samples.forEach((v, i) => expect(Math.abs(v - cpu.samples[i]), `sample ${i}`).toBeLessThan(1e-3));
  });
});
