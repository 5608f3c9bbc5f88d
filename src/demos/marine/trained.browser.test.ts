// The trained tier's networks in real Chromium: the captioner's logits and the detector's
// probabilities on tfjs' WebGPU backend match the CPU path's (tfjs wasm) to float32 tolerance, and
// the captions sampled from them are the same, so a run's numbers do not depend on the path.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initCompute, withCpuBackend } from '../../gpu/backend';
import { RngStream } from '../../lib/rng';
import { captionerShapes, CONTEXT_WIDTH, detectorShapes, encode, imageBatch, initialWeights, presenceLogits, SHAPES_NET, tokenLogits, writeContext } from './shapesNet';
import { drawShapeScene, SHAPES_WORLD } from './shapesWorld';
import { trainedReplicate, type TrainedNets } from './trained';

const netsFrom = (seed: number): TrainedNets => {
  const build = (shapes: [string, number[]][], label: string) => {
    const values = initialWeights(shapes, RngStream.fromSeed(seed).split(label));
    return new Map(shapes.map(([name, shape]) => [name, tf.tensor(values.get(name)!, shape)]));
  };
  return { captioner: build(captionerShapes(SHAPES_NET), 'captioner'), detector: build(detectorShapes(SHAPES_NET), 'detector') };
};

async function outputs() {
  const nets = netsFrom(1);
  const rng = RngStream.fromSeed(2);
  const images = imageBatch([0, 1, 2, 3].map((i) => drawShapeScene(SHAPES_WORLD, rng.split(i)).pixels));
  const context = new Float32Array(4 * CONTEXT_WIDTH);
  [0, 1, 2, 3].forEach((i) => writeContext(context, i, i % 2 ? [1, 4] : [], i > 1 ? [3] : []));
  const logits = tf.tidy(() => tokenLogits(nets.captioner, encode(nets.captioner, images), tf.tensor2d(context, [4, CONTEXT_WIDTH])));
  const presence = tf.tidy(() => presenceLogits(nets.detector, encode(nets.detector, images)));
  const values = { logits: (await logits.data()) as Float32Array, presence: (await presence.data()) as Float32Array };
  const run = await trainedReplicate(nets, { scenes: 12, threshold: 0.5, decoding: { temperature: 0.6, topP: 0.9 }, gammas: [0, 0.7], gamma: 0.7 }, RngStream.fromSeed(3), 4);
  tf.dispose([images, logits, presence, ...nets.captioner.values(), ...nets.detector.values()]);
  return { ...values, captions: run.examples.map((e) => [e.vanilla, e.guided]), sweep: run.sweep };
}

beforeAll(async () => {
  const compute = await initCompute();
  if (!compute.device) throw new Error(`this test needs WebGPU: ${compute.info.reason}`);
  tf.env().set('WEBGPU_CPU_FORWARD', false);
});

describe('MARINE’s trained tier on WebGPU', () => {
  it('matches the CPU path (logits, detector outputs, captions) and frees its tensors', async () => {
    expect(tf.getBackend()).toBe('webgpu');
    const before = tf.memory().numTensors;
    const gpu = await outputs();
    expect(tf.memory().numTensors).toBe(before);
    const cpu = await withCpuBackend(() => outputs());
    gpu.logits.forEach((v, i) => expect(Math.abs(v - cpu.logits[i]), `logit ${i}`).toBeLessThan(1e-4));
    gpu.presence.forEach((v, i) => expect(Math.abs(v - cpu.presence[i]), `presence ${i}`).toBeLessThan(1e-4));
    expect(gpu.captions).toEqual(cpu.captions);
    expect(gpu.sweep).toEqual(cpu.sweep);
  });
});
