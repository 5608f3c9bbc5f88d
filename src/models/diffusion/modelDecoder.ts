// The masked-diffusion transformer as the samplers' step decoder, on either path:
// - CPU (wasm/cpu backends): logits are read back and the step runs in TypeScript;
// - WebGPU: the logits tensor's own buffer is bound into the fused WGSL step (no copy: the step is
//   recorded into tfjs' queue through src/gpu/tfjsInterop.ts), so only B·L tokens and confidences
//   come back per network call.
// Both use the same counter-based Gumbel noise, so equal logits give equal tokens.

import * as tf from '@tensorflow/tfjs';
import type { MaskedDiffusionTransformer } from '../maskedDiffusionTransformer';
import { decoderFromLogits, forbiddenMask, type SamplerConfig, type StepDecoder } from './samplers';
import { DenoiseStepKernels } from './denoiseStepGpu';
import { tfjsSharesDevice } from '../../gpu/tfjsInterop';

export interface DisposableDecoder {
  decode: StepDecoder;
  dispose(): void;
}

/** Logits [B, L, V] for tokens x at diffusion time tFraction (the time input only if the model has one). */
export function modelLogits(model: MaskedDiffusionTransformer, x: Int32Array, tFraction: number): tf.Tensor3D {
  const { length } = model.config;
  const batch = x.length / length;
  return tf.tidy(() => model.forward(tf.tensor2d(x, [batch, length], 'int32'), model.config.timeInput ? tf.fill([batch], tFraction) : null));
}

export function cpuDecoder(model: MaskedDiffusionTransformer, config: SamplerConfig): DisposableDecoder {
  const decode = decoderFromLogits(async (x, tFraction) => {
    const logits = modelLogits(model, x, tFraction);
    try {
      return (await logits.data()) as Float32Array;
    } finally {
      logits.dispose();
    }
  }, config);
  return { decode, dispose: () => {} };
}

/** Needs tfjs' active backend to be the WebGPU backend built on `device` (src/gpu/backend.ts). */
export async function gpuDecoder(device: GPUDevice, model: MaskedDiffusionTransformer, config: SamplerConfig): Promise<DisposableDecoder> {
  if (!tfjsSharesDevice(device)) throw new Error(`the fused denoising step needs tfjs on the WebGPU backend of this device, the active backend is ${tf.getBackend()}`);
  const kernels = await DenoiseStepKernels.create(device);
  const forbidden = forbiddenMask(config);
  const positions = config.batch * config.length;
  const decode: StepDecoder = (x, tFraction, stepKey) => {
    const logits = modelLogits(model, x, tFraction);
    try {
      return kernels.runOnTensor(logits, { positions, vocab: config.vocab, forbidden, temperature: config.temperature, noiseScale: config.noiseScale, stepKey });
    } finally {
      // safe before the step has run: tfjs holds the logits' buffer until it submits the recorded step
      logits.dispose();
    }
  };
  return { decode, dispose: () => kernels.dispose() };
}
