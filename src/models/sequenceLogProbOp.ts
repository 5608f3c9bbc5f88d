// Per-sequence log-probabilities as a differentiable tfjs op: on the WebGPU backend the fused WGSL
// kernels read the tensors' own buffers and write straight into tfjs-owned output tensors
// (forward: sequence_logprob; backward: the row statistics again, then sequence_logprob_grad), so
// `tf.variableGrads` and the optimizers train through them with no [B, T, V] tensor besides the
// logits and their gradient; elsewhere the tfjs op chain does the same.
// The backward pass recomputes the cheap row statistics instead of keeping buffers alive between
// the passes (nothing to leak when no gradient is taken). Both passes go through src/gpu/tfjsInterop.ts:
// recorded into tfjs' own command queue, with no submit of their own, temporaries returned to tfjs
// after its next submit.

import * as tf from '@tensorflow/tfjs';
import { encodeWithTfjs, storedAs, type TfjsEncoding } from '../gpu/tfjsInterop';
import { SequenceLogProbKernels } from './sequenceLogProbGpu';
import { sequenceLogProbTfjs } from './sequenceLogProbTfjs';

export type SequenceLogProbOp = (logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D) => tf.Tensor1D;

/**
 * The fused op on `device` (which must be the device of tfjs' WebGPU backend, as src/gpu/backend.ts
 * sets up); with a null device, or when the active backend is not webgpu, the op chain.
 */
export async function createSequenceLogProbOp(device: GPUDevice | null): Promise<{ op: SequenceLogProbOp; fused: boolean }> {
  if (!device) return { op: sequenceLogProbTfjs, fused: false };
  const kernels = await SequenceLogProbKernels.create(device);

  /** The buffers of (logits, targets, mask) as the kernels declare them: f32, i32, f32. */
  const inputBuffers = (gpu: TfjsEncoding, [z, y, m]: readonly tf.Tensor[]) => [gpu.tensorBuffer(z, 'float32'), gpu.tensorBuffer(y, 'int32'), gpu.tensorBuffer(m, 'float32')] as const;

  const op: SequenceLogProbOp = (logits, targets, mask) => {
    if (tf.getBackend() !== 'webgpu') return sequenceLogProbTfjs(logits, targets, mask);
    const [batch, length, vocab] = logits.shape;
    // stored as the kernels read them (a float32 mask cast from int32 keeps int32 storage in tfjs)
    const [intTargets, floatMask] = [storedAs(targets, 'int32'), storedAs(mask, 'float32')];
    const fused = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const z = storedAs(args[0] as tf.Tensor, 'float32');
      // targets and mask are saved too: a caller's tidy may dispose its own before the backward pass
      (args[1] as tf.GradSaveFunc)([z, intTargets, floatMask]);
      // recorded into tfjs' queue after the ops that made the inputs: no submit here (tfjsInterop.ts)
      const sums = encodeWithTfjs(device, (gpu) => {
        const out = gpu.newTensorWithBuffer<tf.Tensor1D>([batch], 'float32');
        const [zb, yb, mb] = inputBuffers(gpu, [z, intTargets, floatMask]);
        kernels.encodeForward(gpu.encoder, gpu.scratch, zb, yb, mb, batch, length, vocab, out.buffer);
        return out.tensor;
      });
      if (z !== args[0]) z.dispose();
      const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const given = Array.isArray(dy) ? dy[0] : dy;
        const upstream = storedAs(given, 'float32');
        const grad = encodeWithTfjs(device, (gpu) => {
          const out = gpu.newTensorWithBuffer<tf.Tensor3D>([batch, length, vocab], 'float32');
          const [zb, yb, mb] = inputBuffers(gpu, saved);
          const forward = kernels.encodeForward(gpu.encoder, gpu.scratch, zb, yb, mb, batch, length, vocab);
          kernels.encodeBackward(gpu.encoder, gpu.scratch, zb, yb, mb, forward, gpu.tensorBuffer(upstream, 'float32'), batch, length, vocab, out.buffer);
          return out.tensor;
        });
        if (upstream !== given) upstream.dispose();
        return grad;
      };
      return { value: sums, gradFunc };
    });
    const result = fused(logits) as tf.Tensor1D;
    if (intTargets !== targets) intTargets.dispose();
    if (floatMask !== mask) floatMask.dispose();
    return result;
  };
  return { op, fused: true };
}
