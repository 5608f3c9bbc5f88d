// The fused denoising step on the GPU (shaders/denoise_step.wgsl + select_masked.wgsl) through the
// playground's kernel runner. Logits come either as a plain array (tests) or as a GPU buffer that
// tfjs already holds (the samplers' GPU path: the [B, L, V] logits never leave the device; only
// B·L tokens and confidences are read back).

import { BufferPool, ComputeKernel, checkLimits, grid1d, readBuffer } from '../../gpu/kernel';
import { shaders } from '../../gpu/shaders';
import type { DenoiseStepInput, DenoiseStepOutput } from './denoiseStep';

export type DenoiseStepSettings = Omit<DenoiseStepInput, 'logits'>;

export interface KeepSelection {
  eligible: ArrayLike<boolean | number>;
  keepCount: ArrayLike<number>;
  batch: number;
  length: number;
}

export class DenoiseStepKernels {
  /** Reused across steps (same sizes every step), destroyed by dispose(). */
  private readonly pool: BufferPool;

  private constructor(
    private readonly device: GPUDevice,
    private readonly step: ComputeKernel,
    private readonly select: ComputeKernel,
  ) {
    this.pool = new BufferPool(device);
  }

  static async create(device: GPUDevice): Promise<DenoiseStepKernels> {
    const [step, select] = await Promise.all([
      ComputeKernel.create(device, 'denoise_step', shaders.denoise_step),
      ComputeKernel.create(device, 'select_masked', shaders.select_masked),
    ]);
    return new DenoiseStepKernels(device, step, select);
  }

  /** Uploads the logits, then as runOnBuffer. */
  async run(input: DenoiseStepInput, keep?: KeepSelection): Promise<DenoiseStepOutput & { masked?: Uint32Array }> {
    checkLimits(this.device, 'B·L·V logits', { bufferBytes: input.positions * input.vocab * 4 });
    const logits = this.pool.storage('logits', input.logits);
    try {
      return await this.runOnBuffer(logits, input, keep);
    } finally {
      this.pool.release(logits);
    }
  }

  /** The step on logits already on the device (at least positions·vocab f32 values). */
  async runOnBuffer(logits: GPUBuffer, settings: DenoiseStepSettings, keep?: KeepSelection): Promise<DenoiseStepOutput & { masked?: Uint32Array }> {
    const { device, pool } = this;
    const { positions, vocab } = settings;
    if (logits.size < positions * vocab * 4) throw new Error(`denoise step: the logits buffer holds ${logits.size} bytes, B·L·V needs ${positions * vocab * 4}`);
    const used: GPUBuffer[] = [];
    const take = (b: GPUBuffer) => (used.push(b), b);
    try {
      const params = new ArrayBuffer(32);
      new Uint32Array(params, 0, 4).set([positions, vocab, settings.stepKey >>> 0, 0]);
      new Float32Array(params, 16, 2).set([1 / settings.temperature, settings.noiseScale]);
      const uniforms = take(pool.uniform('step params', new Uint8Array(params)));
      const forbidden = take(pool.storage('forbidden', Uint32Array.from({ length: vocab }, (_, v) => (settings.forbidden[v] ? 1 : 0))));
      const tokens = take(pool.storage('tokens', positions * 4));
      const confidence = take(pool.storage('confidence', positions * 4));
      const encoder = device.createCommandEncoder({ label: 'denoise step' });
      this.step.encode(encoder, [uniforms, logits, forbidden, tokens, confidence], grid1d(device, positions, 64));
      let masked: GPUBuffer | undefined;
      if (keep) {
        checkLimits(device, 'batch', { workgroups: keep.batch });
        const selectParams = take(pool.uniform('select params', new Uint32Array([keep.batch, keep.length, 0, 0])));
        const eligible = take(pool.storage('eligible', Uint32Array.from({ length: keep.batch * keep.length }, (_, i) => (keep.eligible[i] ? 1 : 0))));
        const keepCount = take(pool.storage('keep count', Uint32Array.from(keep.keepCount)));
        masked = take(pool.storage('masked', keep.batch * keep.length * 4));
        this.select.encode(encoder, [selectParams, confidence, eligible, keepCount, masked], [keep.batch]);
      }
      device.queue.submit([encoder.finish()]);
      const out = {
        tokens: Int32Array.from(new Uint32Array(await readBuffer(device, pool, tokens, positions * 4))),
        confidence: Float64Array.from(new Float32Array(await readBuffer(device, pool, confidence, positions * 4))),
      };
      return masked ? { ...out, masked: new Uint32Array(await readBuffer(device, pool, masked, keep!.batch * keep!.length * 4)) } : out;
    } finally {
      for (const b of used) pool.release(b);
    }
  }

  dispose(): void {
    this.pool.destroyAll();
  }
}
