// The fused denoising step on the GPU (shaders/denoise_step.wgsl + select_masked.wgsl) through the
// playground's kernel runner. Logits come as a plain array or a GPU buffer (tests), or as a tfjs
// tensor whose own buffer is bound (the samplers' GPU path, through src/gpu/tfjsInterop.ts: the
// [B, L, V] logits never leave the device and are not copied; only B·L tokens and confidences are
// read back).

import * as tf from '@tensorflow/tfjs';
import { BufferPool, ComputeKernel, checkLimits, grid1d, readBuffer, type BufferSource } from '../../gpu/kernel';
import { shaders } from '../../gpu/shaders';
import { encodeWithTfjs, storedAs } from '../../gpu/tfjsInterop';
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

  /**
   * Encodes the step on `logits` (at least positions·vocab f32 values) into `tokens` and
   * `confidence` (positions values each); returns the temporaries it took from `source`.
   */
  encodeStep(encoder: GPUCommandEncoder, source: BufferSource, logits: GPUBuffer, settings: DenoiseStepSettings, tokens: GPUBuffer, confidence: GPUBuffer): GPUBuffer[] {
    const { positions, vocab } = settings;
    if (logits.size < positions * vocab * 4) throw new Error(`denoise step: the logits buffer holds ${logits.size} bytes, B·L·V needs ${positions * vocab * 4}`);
    const params = new ArrayBuffer(32);
    new Uint32Array(params, 0, 4).set([positions, vocab, settings.stepKey >>> 0, 0]);
    new Float32Array(params, 16, 2).set([1 / settings.temperature, settings.noiseScale]);
    const uniforms = source.uniform('step params', new Uint8Array(params));
    const forbidden = source.storage('forbidden', Uint32Array.from({ length: vocab }, (_, v) => (settings.forbidden[v] ? 1 : 0)));
    this.step.encode(encoder, [uniforms, logits, forbidden, tokens, confidence], grid1d(this.device, positions, 64));
    return [uniforms, forbidden];
  }

  /**
   * The step on logits already on the device (at least positions·vocab f32 values), submitted on
   * its own: for buffers of our own. A tfjs tensor goes through runOnTensor, which orders the step
   * after tfjs' pending work.
   */
  async runOnBuffer(logits: GPUBuffer, settings: DenoiseStepSettings, keep?: KeepSelection): Promise<DenoiseStepOutput & { masked?: Uint32Array }> {
    const { device, pool } = this;
    const { positions } = settings;
    const used: GPUBuffer[] = [];
    const take = (b: GPUBuffer) => (used.push(b), b);
    try {
      const tokens = take(pool.storage('tokens', positions * 4));
      const confidence = take(pool.storage('confidence', positions * 4));
      const encoder = device.createCommandEncoder({ label: 'denoise step' });
      used.push(...this.encodeStep(encoder, pool, logits, settings, tokens, confidence));
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

  /**
   * The step on a tfjs tensor's own buffer (tfjs on the WebGPU backend of this device): recorded in
   * tfjs' queue after the ops that made the logits, into tfjs-owned tokens and confidences that
   * tfjs reads back (its read is the only submit). The caller may dispose `logits` right after the
   * call: tfjs keeps its buffer until that submit.
   */
  async runOnTensor(logits: tf.Tensor, settings: DenoiseStepSettings): Promise<DenoiseStepOutput> {
    checkLimits(this.device, 'B·L·V logits', { bufferBytes: settings.positions * settings.vocab * 4 });
    const floatLogits = storedAs(logits, 'float32');
    const [tokens, confidence] = encodeWithTfjs(this.device, (gpu) => {
      const out = [gpu.newTensorWithBuffer<tf.Tensor1D>([settings.positions], 'int32'), gpu.newTensorWithBuffer<tf.Tensor1D>([settings.positions], 'float32')];
      this.encodeStep(gpu.encoder, gpu.scratch, gpu.tensorBuffer(floatLogits, 'float32'), settings, out[0].buffer, out[1].buffer);
      return out.map((o) => o.tensor);
    });
    if (floatLogits !== logits) floatLogits.dispose();
    try {
      const [tokenValues, confidenceValues] = await Promise.all([tokens.data<'int32'>(), confidence.data<'float32'>()]);
      return { tokens: tokenValues, confidence: Float64Array.from(confidenceValues) };
    } finally {
      tf.dispose([tokens, confidence]);
    }
  }

  dispose(): void {
    this.pool.destroyAll();
  }
}
