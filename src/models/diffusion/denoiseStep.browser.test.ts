// The fused denoising step (shaders/denoise_step.wgsl, shaders/select_masked.wgsl) against its
// plain-TS reference and the equivalent tfjs op chain, given the same Gumbel noise.
// Stated tolerances: tokens identical; confidences ≤ 1e-4 (f32 exp/log vs f64); the selected
// positions identical.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { gumbelFromHash, RngStream } from '../../lib/rng';
import { useTestDevice } from '../../testing/gpuDevice';
import { denoiseStepKey, denoiseStepReference, selectLowestConfidence, type DenoiseStepInput } from './denoiseStep';
import { DenoiseStepKernels } from './denoiseStepGpu';
import { denoiseStepTfjs, selectLowestConfidenceTfjs } from './denoiseStepTfjs';

const testDevice = useTestDevice();

beforeAll(async () => {
  if (!(await tf.setBackend('webgpu'))) await tf.setBackend('cpu');
  tf.env().set('WEBGPU_CPU_FORWARD', false);
});

function makeInput(batch: number, length: number, vocab: number, noiseScale: number, seed: number): DenoiseStepInput {
  const rng = RngStream.fromSeed(seed);
  const logits = Float32Array.from({ length: batch * length * vocab }, () => 3 * rng.normal());
  const forbidden = Array.from({ length: vocab }, (_, v) => v === 0 || v === vocab - 1);
  return { logits, positions: batch * length, vocab, forbidden, temperature: 0.7, noiseScale, stepKey: denoiseStepKey(rng.split('sampling').key, 5) };
}

describe('denoise_step.wgsl vs reference vs tfjs op chain', () => {
  for (const noiseScale of [1, 0]) {
    it(`agrees on tokens and confidences (noiseScale = ${noiseScale})`, async () => {
      const [batch, length, vocab] = [3, 37, 28];
      const input = makeInput(batch, length, vocab, noiseScale, 10 + noiseScale);
      const reference = denoiseStepReference(input);
      const kernels = await DenoiseStepKernels.create(testDevice());
      const gpu = await kernels.run(input);
      kernels.dispose();
      const noise = Float32Array.from({ length: input.logits.length }, (_, i) => gumbelFromHash(input.stepKey, i));
      const logitsT = tf.tensor3d(input.logits, [batch, length, vocab]);
      const noiseT = tf.tensor3d(noise, [batch, length, vocab]);
      const chain = denoiseStepTfjs(logitsT, input.forbidden, input.temperature, noiseT, noiseScale);
      const chainTokens = await chain.tokens.data();
      const chainConfidence = await chain.confidence.data();
      tf.dispose([logitsT, noiseT, chain.tokens, chain.confidence]);
      for (let i = 0; i < batch * length; i++) {
        expect(input.forbidden[reference.tokens[i]]).toBe(false);
        expect(gpu.tokens[i]).toBe(reference.tokens[i]);
        expect(chainTokens[i]).toBe(reference.tokens[i]);
        expect(Math.abs(gpu.confidence[i] - reference.confidence[i])).toBeLessThan(1e-4);
        expect(Math.abs(chainConfidence[i] - reference.confidence[i])).toBeLessThan(1e-4);
        expect(reference.confidence[i]).toBeLessThanOrEqual(0);
      }
    });
  }
});

describe('select_masked.wgsl vs selectLowestConfidence vs tfjs', () => {
  it('keeps the K lowest-confidence eligible positions of each sequence masked', async () => {
    const [batch, length, vocab] = [4, 50, 28];
    const input = makeInput(batch, length, vocab, 1, 4);
    const rng = RngStream.fromSeed(77);
    const eligible = Array.from({ length: batch * length }, (_, i) => i % length !== 0 && i % length !== length - 1 && rng.uniform() < 0.8);
    const keepCount = [0, 5, 17, 200];
    const kernels = await DenoiseStepKernels.create(testDevice());
    const gpu = await kernels.run(input, { eligible, keepCount, batch, length });
    kernels.dispose();
    const reference = selectLowestConfidence(gpu.confidence, eligible, keepCount, batch, length);
    expect(Array.from(gpu.masked!)).toEqual(Array.from(reference));
    const confT = tf.tensor2d(Float32Array.from(gpu.confidence), [batch, length]);
    const eligibleT = tf.tensor2d(eligible.map(Number), [batch, length]);
    const chainT = selectLowestConfidenceTfjs(confT, eligibleT, keepCount);
    expect(Array.from(await chainT.data())).toEqual(Array.from(reference));
    tf.dispose([confT, eligibleT, chainT]);
    for (let b = 0; b < batch; b++) {
      const eligibleCount = eligible.slice(b * length, (b + 1) * length).filter(Boolean).length;
      expect(reference.slice(b * length, (b + 1) * length).reduce((s, x) => s + x, 0)).toBe(Math.min(keepCount[b], eligibleCount));
    }
  });
});
