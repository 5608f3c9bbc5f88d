// The fused sequence log-probability as a tfjs op with its gradient: tf.variableGrads and an
// optimizer train through it, matching the tfjs op chain.
// Stated tolerances: values ≤ 2e-5·(1 + |S|), variable gradients ≤ 1e-4·(1 + max|g|); no tensor or
// GPU buffer left behind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initCompute } from '../gpu/backend';
import { liveGpuBufferCount } from '../gpu/kernel';
import { RngStream } from '../lib/rng';
import { createSequenceLogProbOp, type SequenceLogProbOp } from './sequenceLogProbOp';
import { sequenceLogProbTfjs } from './sequenceLogProbTfjs';

let fusedOp: SequenceLogProbOp;

/** Bytes of tfjs' WebGPU buffers in use (its buffer manager's count; free pooled buffers excluded). */
const gpuBytesInUse = (): number => (tf.memory() as tf.MemoryInfo & { numBytesInGPU: number }).numBytesInGPU;

beforeAll(async () => {
  const compute = await initCompute();
  if (!compute.device) throw new Error(`this test needs WebGPU: ${compute.info.reason}`);
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  const created = await createSequenceLogProbOp(compute.device);
  expect(created.fused).toBe(true);
  fusedOp = created.op;
});

const [B, T, D, V] = [4, 12, 8, 40];

function problem(seed: number) {
  const rng = RngStream.fromSeed(seed);
  const features = tf.tensor3d(Float32Array.from({ length: B * T * D }, () => rng.normal()), [B, T, D]);
  const weights = tf.variable(tf.tensor2d(Float32Array.from({ length: D * V }, () => 0.5 * rng.normal()), [D, V]));
  const targets = tf.tensor2d(Int32Array.from({ length: B * T }, () => rng.int(V)), [B, T], 'int32');
  const maskValues = Float32Array.from({ length: B * T }, (_, i) => (i % 5 === 0 ? 0 : 1));
  maskValues.fill(0, T, 2 * T); // sequence 1 fully masked
  const mask = tf.tensor2d(maskValues, [B, T]);
  const pairWeights = tf.tensor1d([1, -2, 0.5, -0.25]);
  const logits = () => tf.reshape(tf.matMul(tf.reshape(features, [B * T, D]), weights), [B, T, V]) as tf.Tensor3D;
  const loss = (op: SequenceLogProbOp) => () => tf.sum(tf.mul(op(logits(), targets, mask), pairWeights)) as tf.Scalar;
  const dispose = () => tf.dispose([features, weights, targets, mask, pairWeights]);
  return { weights, logits, targets, mask, loss, dispose };
}

describe('sequence log-probability tfjs op (fused WGSL forward and backward)', () => {
  it('gives the op chain’s values and, through tf.variableGrads, its gradients', async () => {
    const p = problem(5);
    const fusedValues = await tf.tidy(() => fusedOp(p.logits(), p.targets, p.mask)).data();
    const chainValues = await tf.tidy(() => sequenceLogProbTfjs(p.logits(), p.targets, p.mask)).data();
    for (let b = 0; b < B; b++) expect(Math.abs(fusedValues[b] - chainValues[b])).toBeLessThanOrEqual(2e-5 * (1 + Math.abs(chainValues[b])));
    expect(fusedValues[1]).toBe(0);

    const fused = tf.variableGrads(p.loss(fusedOp), [p.weights]);
    const chain = tf.variableGrads(p.loss(sequenceLogProbTfjs), [p.weights]);
    const g1 = await fused.grads[p.weights.name].data();
    const g2 = await chain.grads[p.weights.name].data();
    const scale = 1 + Math.max(...Array.from(g2, Math.abs));
    for (let i = 0; i < g1.length; i++) expect(Math.abs(g1[i] - g2[i])).toBeLessThanOrEqual(1e-4 * scale);
    expect(Math.abs((await fused.value.data())[0] - (await chain.value.data())[0])).toBeLessThanOrEqual(1e-4 * scale);
    tf.dispose([fused.value, chain.value, ...Object.values(fused.grads), ...Object.values(chain.grads)]);
    p.dispose();
  });

  it('takes the gradient after the caller has disposed its targets and mask (they were made inside a tidy)', async () => {
    const p = problem(7);
    const [targets, mask] = [await p.targets.data(), await p.mask.data()];
    // as a language model's loss does: fresh target and mask tensors inside the tidy of each row batch
    const rowsLoss = (op: SequenceLogProbOp) => () => tf.sum(tf.tidy(() => op(p.logits(), tf.tensor2d(targets, [B, T], 'int32'), tf.tensor2d(mask, [B, T])))) as tf.Scalar;
    const fused = tf.variableGrads(rowsLoss(fusedOp), [p.weights]);
    const chain = tf.variableGrads(rowsLoss(sequenceLogProbTfjs), [p.weights]);
    const g1 = await fused.grads[p.weights.name].data();
    const g2 = await chain.grads[p.weights.name].data();
    const scale = 1 + Math.max(...Array.from(g2, Math.abs));
    for (let i = 0; i < g1.length; i++) expect(Math.abs(g1[i] - g2[i])).toBeLessThanOrEqual(1e-4 * scale);
    tf.dispose([fused.value, chain.value, ...Object.values(fused.grads), ...Object.values(chain.grads)]);
    p.dispose();
  });

  it('reads a mask cast from int32 (tfjs keeps its int32 buffer) and float targets as their values', async () => {
    const p = problem(8);
    const maskInts = Int32Array.from(await p.mask.data());
    const castMask = tf.tensor2d(maskInts, [B, T], 'int32').asType('float32') as tf.Tensor2D;
    const floatTargets = p.targets.asType('float32') as tf.Tensor2D;
    const logits = p.logits();
    const upstream = tf.tensor1d([1, -2, 0.5, -0.25]);
    const run = (op: SequenceLogProbOp) => {
      const values = op(logits, floatTargets, castMask);
      const grad = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(op(z as tf.Tensor3D, floatTargets, castMask), upstream)))(logits);
      return { values, grad };
    };
    const fused = run(fusedOp);
    const chain = run(sequenceLogProbTfjs);
    const [v1, v2, g1, g2] = await Promise.all([fused.values.data(), chain.values.data(), fused.grad.data(), chain.grad.data()]);
    for (let b = 0; b < B; b++) expect(Math.abs(v1[b] - v2[b])).toBeLessThanOrEqual(2e-5 * (1 + Math.abs(v2[b])));
    expect(v1[1]).toBe(0);
    const scale = 1 + Math.max(...Array.from(g2, Math.abs));
    for (let i = 0; i < g1.length; i++) expect(Math.abs(g1[i] - g2[i])).toBeLessThanOrEqual(1e-4 * scale);
    tf.dispose([castMask, floatTargets, logits, upstream, fused.values, fused.grad, chain.values, chain.grad]);
    p.dispose();
  });

  it('trains: an optimizer step through the op lowers its loss, and nothing is left behind', async () => {
    const p = problem(6);
    // maximise the log-likelihood of the targets where the mask counts
    const nll = () => tf.neg(tf.sum(fusedOp(p.logits(), p.targets, p.mask))) as tf.Scalar;
    const value = async () => {
      const v = tf.tidy(nll);
      const [x] = await v.data();
      v.dispose();
      return x;
    };
    const before = await value();
    const optimizer = tf.train.sgd(0.05);
    const step = () => tf.dispose(optimizer.minimize(nll, true, [p.weights]) ?? []);
    step(); // the optimizer keeps its own scalars from the first step on
    await value(); // a read submits tfjs' queue: what waited for that submit is released
    const tensorsBefore = tf.memory().numTensors;
    const buffersBefore = liveGpuBufferCount();
    const tfjsBytesBefore = gpuBytesInUse();
    for (let i = 0; i < 4; i++) step();
    const after = await value();
    expect(after).toBeLessThan(before - 1);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(liveGpuBufferCount()).toBe(buffersBefore);
    // the op's temporaries come from tfjs' buffer manager: all back once tfjs has submitted
    expect(gpuBytesInUse()).toBe(tfjsBytesBefore);
    optimizer.dispose();
    p.dispose();
  });
});
