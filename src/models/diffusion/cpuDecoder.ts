// The masked-diffusion transformer as the samplers' step decoder on the CPU path (wasm/cpu
// backends): logits are read back and the step runs in TypeScript. Kept apart from the WebGPU
// decoder (modelDecoder.ts, which loads WGSL) so Node scripts can use it too.

import * as tf from '@tensorflow/tfjs';
import type { MaskedDiffusionTransformer } from '../maskedDiffusionTransformer';
import { decoderFromLogits, type SamplerConfig, type StepDecoder } from './samplers';

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
