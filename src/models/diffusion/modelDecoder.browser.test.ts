// The samplers' GPU path (the tfjs logits' own buffer bound into the fused WGSL step) against the CPU
// path (logits read back, TypeScript step) on the same model and the same backend.
// Stated tolerances: tokens identical, confidences ≤ 1e-4, whole sampler runs identical; no tensor
// or GPU buffer left behind.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initCompute, type ComputeState } from '../../gpu/backend';
import { liveGpuBufferCount } from '../../gpu/kernel';
import { RngStream } from '../../lib/rng';
import { initialParameters, MaskedDiffusionTransformer, type TransformerConfig } from '../maskedDiffusionTransformer';
import { cpuDecoder } from './cpuDecoder';
import { gpuDecoder } from './modelDecoder';
import { sample, type SamplerConfig } from './samplers';

const modelConfig: TransformerConfig = { vocab: 12, length: 16, width: 16, heads: 2, layers: 1, ffn: 32, timeInput: true };
let compute: ComputeState;

/** Bytes of tfjs' WebGPU buffers in use (its buffer manager's count; free pooled buffers excluded). */
const gpuBytesInUse = (): number => (tf.memory() as tf.MemoryInfo & { numBytesInGPU: number }).numBytesInGPU;
let model: MaskedDiffusionTransformer;

beforeAll(async () => {
  compute = await initCompute();
  if (!compute.device) throw new Error(`this test needs WebGPU: ${compute.info.reason}`);
  model = new MaskedDiffusionTransformer(modelConfig, initialParameters(modelConfig, RngStream.fromSeed(3)));
});
afterAll(() => model?.dispose());

const samplerConfig: SamplerConfig = {
  batch: 3,
  length: modelConfig.length,
  vocab: modelConfig.vocab,
  maskToken: 11,
  forbidden: [0],
  steps: 20,
  schedule: { kind: 'beta', alpha: 3, beta: 3 },
  temperature: 0.8,
  noiseScale: 1,
};

describe('model decoder: fused GPU step vs CPU step', () => {
  it('gives the same tokens and confidences for one step', async () => {
    const gpu = await gpuDecoder(compute.device!, model, samplerConfig);
    const cpu = cpuDecoder(model, samplerConfig);
    const rng = RngStream.fromSeed(8);
    const x = Int32Array.from({ length: samplerConfig.batch * samplerConfig.length }, () => (rng.uniform() < 0.5 ? 11 : rng.int(11)));
    const a = await gpu.decode(x, 0.6, 12345);
    const b = await cpu.decode(x, 0.6, 12345);
    gpu.dispose();
    expect(Array.from(a.tokens)).toEqual(Array.from(b.tokens));
    for (let i = 0; i < a.confidence.length; i++) expect(Math.abs(a.confidence[i] - b.confidence[i])).toBeLessThanOrEqual(1e-4);
    expect(a.tokens.every((t) => t !== 0 && t !== 11)).toBe(true);
  });

  it('runs whole samplers to the same samples and leaves nothing behind', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const buffersBefore = liveGpuBufferCount();
    const tfjsBytesBefore = gpuBytesInUse();
    for (const name of ['dndm-k', 'rdm-k'] as const) {
      const gpu = await gpuDecoder(compute.device!, model, samplerConfig);
      const onGpu = await sample(name, samplerConfig, gpu.decode, RngStream.fromSeed(21));
      gpu.dispose();
      const onCpu = await sample(name, samplerConfig, cpuDecoder(model, samplerConfig).decode, RngStream.fromSeed(21));
      expect(Array.from(onGpu.tokens)).toEqual(Array.from(onCpu.tokens));
      expect(onGpu.nfe).toBe(onCpu.nfe);
    }
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(liveGpuBufferCount()).toBe(buffersBefore);
    // the step's temporaries come from tfjs' buffer manager: all back once tfjs has submitted
    expect(gpuBytesInUse()).toBe(tfjsBytesBefore);
  });
});
