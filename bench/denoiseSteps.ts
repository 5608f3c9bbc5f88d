// Time per denoising step: the fused kernel (shaders/denoise_step.wgsl, and with select_masked.wgsl
// after it) against the same step as a chain of tfjs ops on the same device. Shared by the browser
// page (denoiseBench.ts) and the Node harness (bench/node/main.ts); tfjs must already run on
// `device` through its webgpu backend.
//
// Both step implementations read back the same B·L tokens and confidences per step; the op chain
// also has to draw its Gumbel noise (randomUniform → −log(−log u)), which the fused kernel hashes
// in place.

import * as tf from '@tensorflow/tfjs';
import { BufferPool } from '../src/gpu/kernel';
import { DenoiseStepKernels, type KeepSelection } from '../src/models/diffusion/denoiseStepGpu';
import { denoiseStepTfjs } from '../src/models/diffusion/denoiseStepTfjs';
import type { DENOISE_DEFAULTS, OptionsOf } from './suiteOptions';
import { timeIt } from './timing';

export interface StepRow {
  B: number;
  L: number;
  V: number;
  /** Gumbel-max sampling (noise drawn by each implementation). */
  fusedMs: number;
  chainMs: number;
  ratio: number;
  /** The fused Gumbel step followed by select_masked (half of each sequence kept masked). */
  fusedSelectMs: number;
  /** Argmax decoding (no noise). */
  fusedArgmaxMs: number;
  chainArgmaxMs: number;
  argmaxRatio: number;
}

export type DenoiseSizes = OptionsOf<typeof DENOISE_DEFAULTS>;

export async function timeDenoiseSteps(device: GPUDevice, { b: batches, l: lengths, v: vocabs, budgetMs }: DenoiseSizes, log: (line: string) => void): Promise<StepRow[]> {
  const kernels = await DenoiseStepKernels.create(device);
  const pool = new BufferPool(device);
  const rows: StepRow[] = [];
  try {
    for (const B of batches) {
      for (const L of lengths) {
        for (const V of vocabs) {
          const logits = tf.randomNormal([B, L, V], 0, 3, 'float32', 7) as tf.Tensor3D;
          // the kernel reads the same logits from a device buffer of its own, filled before timing
          // (the demo binds tfjs' own buffer instead: src/gpu/tfjsInterop.ts, no copy either way)
          const logitsBuffer = pool.storage('logits', (await logits.data()) as Float32Array);
          const forbidden = Array.from({ length: V }, (_, v) => v === V - 1);
          const keep: KeepSelection = { eligible: new Uint8Array(B * L).fill(1), keepCount: new Array<number>(B).fill(L >> 1), batch: B, length: L };
          let key = 0;
          const fused = (noiseScale: number, select?: KeepSelection) => async () => {
            await kernels.runOnBuffer(logitsBuffer, { positions: B * L, vocab: V, forbidden, temperature: 1, noiseScale, stepKey: key++ }, select);
          };
          const chain = (gumbel: boolean) => async () => {
            const noise = gumbel ? (tf.tidy(() => tf.neg(tf.log(tf.neg(tf.log(tf.randomUniform([B, L, V], 1e-7, 1)))))) as tf.Tensor3D) : null;
            const { tokens, confidence } = denoiseStepTfjs(logits, forbidden, 1, noise, gumbel ? 1 : 0);
            await Promise.all([tokens.data(), confidence.data()]);
            tf.dispose([tokens, confidence]);
            noise?.dispose();
          };
          const fusedMs = await timeIt(fused(1), budgetMs);
          const chainMs = await timeIt(chain(true), budgetMs);
          const fusedSelectMs = await timeIt(fused(1, keep), budgetMs);
          const fusedArgmaxMs = await timeIt(fused(0), budgetMs);
          const chainArgmaxMs = await timeIt(chain(false), budgetMs);
          logits.dispose();
          pool.release(logitsBuffer);
          const row = { B, L, V, fusedMs, chainMs, ratio: chainMs / fusedMs, fusedSelectMs, fusedArgmaxMs, chainArgmaxMs, argmaxRatio: chainArgmaxMs / fusedArgmaxMs };
          rows.push(row);
          log(`B=${B} L=${L} V=${V}: Gumbel fused ${fusedMs.toFixed(2)} ms (+select ${fusedSelectMs.toFixed(2)} ms) vs chain ${chainMs.toFixed(2)} ms; argmax fused ${fusedArgmaxMs.toFixed(2)} ms vs chain ${chainArgmaxMs.toFixed(2)} ms`);
        }
      }
    }
  } finally {
    kernels.dispose();
    pool.destroyAll();
  }
  return rows;
}
