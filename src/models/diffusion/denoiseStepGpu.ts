// The fused denoising step on the GPU (shaders/denoise_step.wgsl + select_masked.wgsl) through the
// playground's kernel runner. Inputs and outputs are plain arrays here; samplers that keep logits
// on the GPU bind tfjs buffers instead (next step of the engine).

import { BufferPool, ComputeKernel, checkLimits, grid1d, readBuffer } from '../../gpu/kernel';
import { shaders } from '../../gpu/shaders';
import type { DenoiseStepInput, DenoiseStepOutput } from './denoiseStep';

export class DenoiseStepKernels {
  private constructor(
    private readonly device: GPUDevice,
    private readonly step: ComputeKernel,
    private readonly select: ComputeKernel,
  ) {}

  static async create(device: GPUDevice): Promise<DenoiseStepKernels> {
    const [step, select] = await Promise.all([
      ComputeKernel.create(device, 'denoise_step', shaders.denoise_step),
      ComputeKernel.create(device, 'select_masked', shaders.select_masked),
    ]);
    return new DenoiseStepKernels(device, step, select);
  }

  /** Runs the step and, when `keep` is given, the masked-position selection on its confidences. */
  async run(
    input: DenoiseStepInput,
    keep?: { eligible: ArrayLike<boolean | number>; keepCount: ArrayLike<number>; batch: number; length: number },
  ): Promise<DenoiseStepOutput & { masked?: Uint32Array }> {
    const { device } = this;
    const { positions, vocab } = input;
    checkLimits(device, 'B·L·V logits', { bufferBytes: positions * vocab * 4 });
    const pool = new BufferPool(device);
    try {
      const params = new ArrayBuffer(32);
      new Uint32Array(params, 0, 4).set([positions, vocab, input.stepKey >>> 0, 0]);
      new Float32Array(params, 16, 2).set([1 / input.temperature, input.noiseScale]);
      const uniforms = pool.uniform('step params', new Uint8Array(params));
      const logits = pool.storage('logits', input.logits);
      const forbidden = pool.storage('forbidden', Uint32Array.from(Array.from({ length: vocab }, (_, v) => (input.forbidden[v] ? 1 : 0))));
      const tokens = pool.storage('tokens', positions * 4);
      const confidence = pool.storage('confidence', positions * 4);
      const encoder = device.createCommandEncoder({ label: 'denoise step' });
      this.step.encode(encoder, [uniforms, logits, forbidden, tokens, confidence], grid1d(device, positions, 64));
      let masked: GPUBuffer | undefined;
      if (keep) {
        checkLimits(device, 'batch', { workgroups: keep.batch });
        const selectParams = pool.uniform('select params', new Uint32Array([keep.batch, keep.length, 0, 0]));
        const eligible = pool.storage('eligible', Uint32Array.from(Array.from({ length: keep.batch * keep.length }, (_, i) => (keep.eligible[i] ? 1 : 0))));
        const keepCount = pool.storage('keep count', Uint32Array.from(keep.keepCount));
        masked = pool.storage('masked', keep.batch * keep.length * 4);
        this.select.encode(encoder, [selectParams, confidence, eligible, keepCount, masked], [keep.batch]);
      }
      device.queue.submit([encoder.finish()]);
      const out = {
        tokens: Int32Array.from(new Uint32Array(await readBuffer(device, pool, tokens))),
        confidence: Float64Array.from(new Float32Array(await readBuffer(device, pool, confidence))),
      };
      return masked ? { ...out, masked: new Uint32Array(await readBuffer(device, pool, masked)) } : out;
    } finally {
      pool.destroyAll();
    }
  }
}
