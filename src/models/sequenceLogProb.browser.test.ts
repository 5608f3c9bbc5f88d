// The fused sequence log-probability kernels against the plain-TS reference and the tfjs op chain
// (forward and gradient), in Chromium on WebGPU.
// Stated tolerances: sums ≤ 1e-5·(1 + Σ_t |term_t|) — f32 accumulation over T rows; gradient
// entries ≤ 1e-5·|upstream_b|; fully masked rows exactly 0; large logits (offset 1e4) as above
// against the reference evaluated on the same f32 inputs.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { RngStream } from '../lib/rng';
import { useTestDevice } from '../testing/gpuDevice';
import { sequenceLogProbGradReference, sequenceLogProbReference, type SequenceBatch } from './sequenceLogProb';
import { SequenceLogProbKernels } from './sequenceLogProbGpu';
import { sequenceLogProbGradTfjs, sequenceLogProbTfjs } from './sequenceLogProbTfjs';

const testDevice = useTestDevice();

beforeAll(async () => {
  if (!(await tf.setBackend('webgpu'))) await tf.setBackend('cpu');
  tf.env().set('WEBGPU_CPU_FORWARD', false);
});

function randomBatch(batch: number, length: number, vocab: number, seed: number, offset = 0, scale = 3): SequenceBatch {
  const rng = RngStream.fromSeed(seed);
  const mask = Float32Array.from({ length: batch * length }, () => (rng.uniform() < 0.75 ? 1 : 0));
  mask.fill(0, 0, length); // sequence 0 fully masked
  return {
    logits: Float32Array.from({ length: batch * length * vocab }, () => offset + scale * rng.normal()),
    targets: Int32Array.from({ length: batch * length }, () => rng.int(vocab)),
    mask,
    batch,
    length,
    vocab,
  };
}

/** Σ_t |m_bt · log p| per sequence: the scale of the f32 accumulation error. */
function magnitude(input: SequenceBatch, b: number): number {
  const per = sequenceLogProbReference({ ...input, batch: 1, logits: input.logits.subarray(b * input.length * input.vocab), targets: input.targets.subarray(b * input.length), mask: input.mask.subarray(b * input.length).map(Math.abs) });
  return Math.abs(per[0]);
}

const CASES = [
  { name: 'small', batch: 3, length: 5, vocab: 7, offset: 0, scale: 3 },
  { name: 'char model size', batch: 8, length: 32, vocab: 33, offset: 0, scale: 3 },
  { name: 'wide vocabulary', batch: 4, length: 128, vocab: 256, offset: 0, scale: 4 },
  { name: 'large logits', batch: 3, length: 16, vocab: 64, offset: 1e4, scale: 20 },
];

describe('sequence_logprob.wgsl + sequence_logprob_grad.wgsl', () => {
  for (const c of CASES) {
    it(`agree with the reference and the tfjs op chain: ${c.name}`, async () => {
      const input = randomBatch(c.batch, c.length, c.vocab, c.batch * 100 + c.vocab, c.offset, c.scale);
      const upstream = Array.from({ length: c.batch }, (_, b) => (b % 2 === 0 ? 1 : -0.5) * (1 + b));
      const kernels = await SequenceLogProbKernels.create(testDevice());
      const gpu = await kernels.run(input, upstream);
      const sums = sequenceLogProbReference(input);
      const grad = sequenceLogProbGradReference(input, upstream);
      for (let b = 0; b < c.batch; b++) expect(Math.abs(gpu.sums[b] - sums[b])).toBeLessThanOrEqual(1e-5 * (1 + magnitude(input, b)));
      expect(gpu.sums[0]).toBe(0);
      let worst = 0;
      for (let i = 0; i < grad.length; i++) worst = Math.max(worst, Math.abs(gpu.grad![i] - grad[i]) / Math.abs(upstream[Math.floor(i / (c.length * c.vocab))]));
      expect(worst).toBeLessThanOrEqual(1e-5);
      expect(gpu.grad!.subarray(0, c.length * c.vocab).every((g) => g === 0)).toBe(true);

      if (c.offset === 0) {
        // the op chain computes in f32 throughout: same tolerances
        const [z, y, m, u] = [tf.tensor3d(input.logits, [c.batch, c.length, c.vocab]), tf.tensor2d(input.targets, [c.batch, c.length], 'int32'), tf.tensor2d(input.mask, [c.batch, c.length]), tf.tensor1d(upstream)];
        const chainSums = await sequenceLogProbTfjs(z, y, m).data();
        const chainGrad = sequenceLogProbGradTfjs(z, y, m, u);
        const chainGradData = await chainGrad.data();
        for (let b = 0; b < c.batch; b++) expect(Math.abs(chainSums[b] - gpu.sums[b])).toBeLessThanOrEqual(2e-5 * (1 + magnitude(input, b)));
        let worstChain = 0;
        for (let i = 0; i < grad.length; i++) worstChain = Math.max(worstChain, Math.abs(chainGradData[i] - gpu.grad![i]));
        expect(worstChain).toBeLessThanOrEqual(2e-5 * Math.max(...upstream.map(Math.abs)));
        tf.dispose([z, y, m, u, chainGrad]);
      }
    });
  }
});
