// The fused sequence log-probability kernels (shaders/sequence_logprob.wgsl forward,
// shaders/sequence_logprob_grad.wgsl backward) through the playground's kernel runner. Buffers in,
// buffers out, so that the tfjs op (sequenceLogProbOp.ts) binds its tensors' own buffers; `run`
// takes and returns plain arrays for tests.

import { BufferPool, ComputeKernel, checkLimits, grid1d, readBuffer, type BufferSource } from '../gpu/kernel';
import { shaders } from '../gpu/shaders';
import type { SequenceBatch } from './sequenceLogProb';

export interface ForwardBuffers {
  sums: GPUBuffer;
  rowMax: GPUBuffer;
  rowLogSum: GPUBuffer;
}

export class SequenceLogProbKernels {
  private constructor(
    readonly device: GPUDevice,
    private readonly forwardKernel: ComputeKernel,
    private readonly gradKernel: ComputeKernel,
  ) {}

  static async create(device: GPUDevice): Promise<SequenceLogProbKernels> {
    const [forward, grad] = await Promise.all([
      ComputeKernel.create(device, 'sequence_logprob', shaders.sequence_logprob),
      ComputeKernel.create(device, 'sequence_logprob_grad', shaders.sequence_logprob_grad),
    ]);
    return new SequenceLogProbKernels(device, forward, grad);
  }

  private shape(pool: BufferSource, batch: number, length: number, vocab: number): GPUBuffer {
    checkLimits(this.device, 'B·T·V logits', { bufferBytes: batch * length * vocab * 4 });
    checkLimits(this.device, 'batch', { workgroups: batch });
    return pool.uniform('sequence shape', new Uint32Array([batch, length, vocab, 0]));
  }

  /** Encodes the forward pass; the outputs come from `pool` (the caller releases or destroys them), the sums go to `sumsInto` if given. */
  encodeForward(encoder: GPUCommandEncoder, pool: BufferSource, logits: GPUBuffer, targets: GPUBuffer, mask: GPUBuffer, batch: number, length: number, vocab: number, sumsInto?: GPUBuffer): ForwardBuffers {
    const shape = this.shape(pool, batch, length, vocab);
    const out = { sums: sumsInto ?? pool.storage('sequence sums', batch * 4), rowMax: pool.storage('row max', batch * length * 4), rowLogSum: pool.storage('row log-sum', batch * length * 4) };
    this.forwardKernel.encode(encoder, [shape, logits, targets, mask, out.sums, out.rowMax, out.rowLogSum], [batch]);
    return out;
  }

  /** Encodes ∂(Σ_b upstream_b S_b)/∂logits into `into`, or a new [B·T·V] buffer from `pool`. */
  encodeBackward(encoder: GPUCommandEncoder, pool: BufferSource, logits: GPUBuffer, targets: GPUBuffer, mask: GPUBuffer, forward: ForwardBuffers, upstream: GPUBuffer, batch: number, length: number, vocab: number, into?: GPUBuffer): GPUBuffer {
    const shape = this.shape(pool, batch, length, vocab);
    const grad = into ?? pool.storage('logits gradient', batch * length * vocab * 4);
    this.gradKernel.encode(encoder, [shape, logits, targets, mask, forward.rowMax, forward.rowLogSum, upstream, grad], grid1d(this.device, batch * length * vocab, 64));
    return grad;
  }

  /** Forward and (with `upstream`) backward on plain arrays. */
  async run(input: SequenceBatch, upstream?: ArrayLike<number>): Promise<{ sums: Float32Array; grad?: Float32Array }> {
    const { device } = this;
    const { batch, length, vocab } = input;
    const pool = new BufferPool(device);
    try {
      const logits = pool.storage('logits', input.logits);
      const targets = pool.storage('targets', input.targets);
      const mask = pool.storage('mask', input.mask);
      const encoder = device.createCommandEncoder({ label: 'sequence log-prob' });
      const forward = this.encodeForward(encoder, pool, logits, targets, mask, batch, length, vocab);
      const grad = upstream ? this.encodeBackward(encoder, pool, logits, targets, mask, forward, pool.storage('upstream', Float32Array.from(upstream)), batch, length, vocab) : null;
      device.queue.submit([encoder.finish()]);
      const sums = new Float32Array(await readBuffer(device, pool, forward.sums, batch * 4));
      return grad ? { sums, grad: new Float32Array(await readBuffer(device, pool, grad, batch * length * vocab * 4)) } : { sums };
    } finally {
      pool.destroyAll();
    }
  }
}
