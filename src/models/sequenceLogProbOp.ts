// Per-sequence log-probabilities as a differentiable tfjs op: on the WebGPU backend the fused WGSL
// kernels read the tensors' own buffers and write straight into tfjs-owned output tensors
// (forward: sequence_logprob; backward: the row statistics again, then sequence_logprob_grad), so
// `tf.variableGrads` and the optimizers train through them with no [B, T, V] tensor besides the
// logits and their gradient; elsewhere the tfjs op chain does the same.
// The backward pass recomputes the cheap row statistics instead of keeping buffers alive between
// the passes (nothing to leak when no gradient is taken).

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { BufferPool } from '../gpu/kernel';
import { SequenceLogProbKernels } from './sequenceLogProbGpu';
import { sequenceLogProbTfjs } from './sequenceLogProbTfjs';

export type SequenceLogProbOp = (logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D) => tf.Tensor1D;

/** The GPU buffer that holds a tensor's data on the WebGPU backend (uploaded first if needed). */
function bufferOf(backend: WebGPUBackend, dataId: tf.TensorInfo['dataId']): GPUBuffer {
  backend.uploadToGPU(dataId);
  const resource = backend.tensorMap.get(dataId).resource;
  if (!(resource instanceof GPUBuffer)) throw new Error('sequence log-prob op: the tensor is not held in a GPU buffer');
  return resource;
}

/** A new float32 tensor owned by tfjs, and the buffer a kernel should write it to. */
function outputTensor(backend: WebGPUBackend, shape: number[]): { tensor: tf.Tensor; buffer: GPUBuffer } {
  const info = backend.makeTensorInfo(shape, 'float32');
  const buffer = bufferOf(backend, info.dataId);
  return { tensor: tf.engine().makeTensorFromTensorInfo(info, backend), buffer };
}

/**
 * The fused op on `device` (which must be the device of tfjs' WebGPU backend, as src/gpu/backend.ts
 * sets up); with a null device, or when the active backend is not webgpu, the op chain.
 */
export async function createSequenceLogProbOp(device: GPUDevice | null): Promise<{ op: SequenceLogProbOp; fused: boolean }> {
  if (!device) return { op: sequenceLogProbTfjs, fused: false };
  const kernels = await SequenceLogProbKernels.create(device);

  /** Encodes `body` after every pending tfjs command has been submitted (they produce the inputs). */
  const dispatch = (backend: WebGPUBackend, body: (pool: BufferPool, encoder: GPUCommandEncoder) => void): void => {
    const pool = new BufferPool(device);
    try {
      // tfjs records into an open compute pass: close it, then submit, so the inputs exist when we run
      backend.ensureCommandEncoderReady();
      backend.endComputePassEncoder();
      backend.submitQueue();
      const encoder = device.createCommandEncoder({ label: 'sequence log-prob op' });
      body(pool, encoder);
      device.queue.submit([encoder.finish()]);
    } finally {
      // submitted work keeps its buffers alive until it has run
      pool.destroyAll();
    }
  };

  const op: SequenceLogProbOp = (logits, targets, mask) => {
    if (tf.getBackend() !== 'webgpu') return sequenceLogProbTfjs(logits, targets, mask);
    const backend = tf.backend() as WebGPUBackend;
    const [batch, length, vocab] = logits.shape;
    const intTargets = targets.dtype === 'int32' ? targets : tf.cast(targets, 'int32');
    const buffers = (tensors: readonly tf.Tensor[]) => tensors.map((t) => bufferOf(backend, t.dataId)) as [GPUBuffer, GPUBuffer, GPUBuffer];
    const fused = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const z = args[0] as tf.Tensor;
      // targets and mask are saved too: a caller's tidy may dispose its own before the backward pass
      (args[1] as tf.GradSaveFunc)([z, intTargets, mask]);
      const sums = outputTensor(backend, [batch]);
      const [zb, yb, mb] = buffers([z, intTargets, mask]);
      dispatch(backend, (pool, encoder) => {
        const forward = kernels.encodeForward(encoder, pool, zb, yb, mb, batch, length, vocab);
        encoder.copyBufferToBuffer(forward.sums, 0, sums.buffer, 0, batch * 4);
      });
      const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const upstream = Array.isArray(dy) ? dy[0] : dy;
        const grad = outputTensor(backend, [batch, length, vocab]);
        const [zs, ys, ms] = buffers(saved);
        const up = bufferOf(backend, upstream.dataId);
        dispatch(backend, (pool, encoder) => {
          const forward = kernels.encodeForward(encoder, pool, zs, ys, ms, batch, length, vocab);
          kernels.encodeBackward(encoder, pool, zs, ys, ms, forward, up, batch, length, vocab, grad.buffer);
        });
        return grad.tensor;
      };
      return { value: sums.tensor, gradFunc };
    });
    const result = fused(logits) as tf.Tensor1D;
    if (intTargets !== targets) intTargets.dispose();
    return result;
  };
  return { op, fused: true };
}
