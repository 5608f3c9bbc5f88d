// The masked-diffusion transformer as the samplers' step decoder on WebGPU (the CPU path's decoder
// is cpuDecoder.ts): the logits tensor's own buffer is bound into the fused WGSL step (no copy: the
// step is recorded into tfjs' queue through src/gpu/tfjsInterop.ts), so only B·L tokens and
// confidences come back per network call.
// Both decoders use the same counter-based Gumbel noise, so equal logits give equal tokens.

import * as tf from '@tensorflow/tfjs';
import type { MaskedDiffusionTransformer } from '../maskedDiffusionTransformer';
import { forbiddenMask, type SamplerConfig, type StepDecoder } from './samplers';
import { modelLogits, type DisposableDecoder } from './cpuDecoder';
import { DenoiseStepKernels } from './denoiseStepGpu';
import { tfjsSharesDevice } from '../../gpu/tfjsInterop';

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
