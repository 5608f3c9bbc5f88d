// Per-sequence log-probabilities as a differentiable tfjs op: on the WebGPU backend the fused WGSL
// kernels run on the tensors' own buffers (forward: sequence_logprob; backward: the row statistics
// again, then sequence_logprob_grad), so `tf.variableGrads` and the optimizers train through them
// without any [B, T, V] log-softmax or one-hot tensor; elsewhere the tfjs op chain does the same.
// The backward pass recomputes the cheap row statistics instead of keeping buffers alive between
// the passes (nothing to leak when no gradient is taken).

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { BufferPool } from '../gpu/kernel';
import { SequenceLogProbKernels } from './sequenceLogProbGpu';
import { sequenceLogProbTfjs } from './sequenceLogProbTfjs';

export type SequenceLogProbOp = (logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D) => tf.Tensor1D;

/** A tensor's data as a GPU buffer of tfjs' device (a copy; release() frees it). */
function onGpu(t: tf.Tensor): { buffer: GPUBuffer; release: () => void } {
  (tf.backend() as WebGPUBackend).uploadToGPU(t.dataId);
  const data = t.dataToGPU();
  return { buffer: data.buffer!, release: () => data.tensorRef.dispose() };
}

/**
 * The fused op on `device` (which must be the device of tfjs' WebGPU backend, as src/gpu/backend.ts
 * sets up); with a null device, or when the active backend is not webgpu, the op chain.
 */
export async function createSequenceLogProbOp(device: GPUDevice | null): Promise<{ op: SequenceLogProbOp; fused: boolean }> {
  if (!device) return { op: sequenceLogProbTfjs, fused: false };
  const kernels = await SequenceLogProbKernels.create(device);

  /** Runs `body` with the three inputs bound, then frees every buffer of the call. */
  const withInputs = <T>(logits: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor, body: (pool: BufferPool, encoder: GPUCommandEncoder, inputs: GPUBuffer[]) => T): T => {
    const intTargets = tf.cast(targets, 'int32');
    const bound = [onGpu(logits), onGpu(intTargets), onGpu(mask)];
    intTargets.dispose();
    const pool = new BufferPool(device);
    try {
      const encoder = device.createCommandEncoder({ label: 'sequence log-prob op' });
      return body(pool, encoder, bound.map((b) => b.buffer));
    } finally {
      // tfjs copied the outputs (and submitted the copy) before this runs
      pool.destroyAll();
      for (const b of bound) b.release();
    }
  };

  const op: SequenceLogProbOp = (logits, targets, mask) => {
    if (tf.getBackend() !== 'webgpu') return sequenceLogProbTfjs(logits, targets, mask);
    const [batch, length, vocab] = logits.shape;
    const fused = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const z = args[0] as tf.Tensor;
      (args[1] as tf.GradSaveFunc)([z]);
      const value = withInputs(z, targets, mask, (pool, encoder, [zb, yb, mb]) => {
        const forward = kernels.encodeForward(encoder, pool, zb, yb, mb, batch, length, vocab);
        device.queue.submit([encoder.finish()]);
        return tf.tensor({ buffer: forward.sums }, [batch], 'float32');
      });
      const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const upstream = Array.isArray(dy) ? dy[0] : dy;
        return withInputs(saved[0], targets, mask, (pool, encoder, [zb, yb, mb]) => {
          const up = onGpu(upstream);
          try {
            const forward = kernels.encodeForward(encoder, pool, zb, yb, mb, batch, length, vocab);
            const grad = kernels.encodeBackward(encoder, pool, zb, yb, mb, forward, up.buffer, batch, length, vocab);
            device.queue.submit([encoder.finish()]);
            return tf.tensor({ buffer: grad }, [batch, length, vocab], 'float32');
          } finally {
            up.release();
          }
        });
      };
      return { value, gradFunc };
    });
    return fused(logits) as tf.Tensor1D;
  };
  return { op, fused: true };
}
