// The DPLM sampler's network (src/models/diffusion/dplmSampler.ts) for the demo's three
// generators: the DPLM alone, the DPLM with secondary-structure guidance, and the DPLM with the
// structure adapter. The logits are built in tfjs (on WebGPU they stay on the device):
//   logits = DPLM(x)  or  adapter(DPLM, x, ss)
//   guidance: logits += η · ∇ₓ log p_φ(y | x)   (the guide tagger's gradient at the one-hot of x,
//             zero for the padding and mask columns, which are forbidden anyway)
// then the step runs in the fused WGSL kernel (device given) or in TypeScript on read-back logits.

import * as tf from '@tensorflow/tfjs';
import { denoiseStepReference } from '../../models/diffusion/denoiseStep';
import { DenoiseStepKernels } from '../../models/diffusion/denoiseStepGpu';
import type { DplmNetwork } from '../../models/diffusion/dplmSampler';
import type { MaskedDiffusionTransformer } from '../../models/maskedDiffusionTransformer';
import { AMINO_ACIDS, MASK, PAD } from '../../models/protein/aminoAcids';
import { ssGuidanceGradient, type ConvTagger } from '../../models/protein/convTagger';
import type { StructureAdapter } from '../../models/protein/structureAdapter';

export const FORBIDDEN = [PAD, MASK];

export interface Guidance {
  tagger: ConvTagger;
  /** Target SS class per position [B·P] (−1: no target). */
  target: Int32Array;
  eta: number;
}

export interface Conditioning {
  adapter: StructureAdapter;
  /** SS input states per position [B·P] (0–2, 3 on padding). */
  ss: Int32Array;
}

export interface NetworkSpec {
  model: MaskedDiffusionTransformer;
  batch: number;
  noiseScale: number;
  guidance?: Guidance;
  conditioning?: Conditioning;
}

/** Logits [B, P, V] of x under the spec (guided and/or adapted). */
export function specLogits(spec: NetworkSpec, x: Int32Array): tf.Tensor3D {
  const { model, batch, guidance, conditioning } = spec;
  const P = model.config.length;
  return tf.tidy(() => {
    const tokens = tf.tensor2d(x, [batch, P], 'int32');
    let logits = conditioning ? conditioning.adapter.logits(model, tokens, tf.tensor2d(conditioning.ss, [batch, P], 'int32')) : model.forward(tokens, null);
    if (guidance && guidance.eta !== 0) {
      const g = ssGuidanceGradient(guidance.tagger, x, guidance.target, batch, P);
      const padded = tf.pad(g, [[0, 0], [0, 0], [0, model.config.vocab - AMINO_ACIDS.length]]);
      logits = tf.add(logits, tf.mul(padded, guidance.eta));
    }
    return logits;
  });
}

export interface DisposableNetwork extends DplmNetwork {
  fused: boolean;
  dispose(): void;
}

async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/** The network with the step in the fused kernel on `device`, or in TypeScript when device is null. */
export async function dplmNetwork(spec: NetworkSpec, device: GPUDevice | null): Promise<DisposableNetwork> {
  const { vocab } = spec.model.config;
  const positions = spec.batch * spec.model.config.length;
  const forbidden = Array.from({ length: vocab }, (_, v) => FORBIDDEN.includes(v));
  const settings = { positions, vocab, forbidden, temperature: 1, noiseScale: spec.noiseScale };
  const logits = (x: Int32Array) => readAndDispose(specLogits(spec, x));
  if (!device) {
    return {
      fused: false,
      step: async (x, stepKey) => denoiseStepReference({ logits: await logits(x), ...settings, stepKey }),
      logits,
      dispose: () => {},
    };
  }
  const kernels = await DenoiseStepKernels.create(device);
  return {
    fused: true,
    step: (x, stepKey) => {
      const t = specLogits(spec, x);
      try {
        return kernels.runOnTensor(t, { ...settings, stepKey });
      } finally {
        // safe before the step has run: tfjs holds the buffer until it submits the recorded step
        t.dispose();
      }
    },
    logits,
    dispose: () => kernels.dispose(),
  };
}
