// A tiny causal language model over prompt–response rows (the SPIN demos' policy and opponent):
// summed response log-probabilities through the fused op, and seeded sampling of responses.

import * as tf from '@tensorflow/tfjs';
import type { RngStream } from '../lib/rng';
import { denoiseStepKey, denoiseStepReference } from './diffusion/denoiseStep';
import type { MaskedDiffusionTransformer } from './maskedDiffusionTransformer';
import type { SequenceLogProbOp } from './sequenceLogProbOp';

export interface LmRows {
  inputs: Int32Array;
  targets: Int32Array;
  mask: Float32Array;
  batch: number;
  length: number;
}

/** Σ over counted positions of log p(target | prefix), per row: [B]. Differentiable in the model. */
export function rowLogProbs(model: MaskedDiffusionTransformer, rows: LmRows, op: SequenceLogProbOp): tf.Tensor1D {
  return tf.tidy(() => {
    const { batch, length } = rows;
    const logits = model.forward(tf.tensor2d(rows.inputs, [batch, length], 'int32'), null);
    return op(logits, tf.tensor2d(rows.targets, [batch, length], 'int32'), tf.tensor2d(rows.mask, [batch, length]));
  });
}

export interface GenerationSpec {
  /** Token rows holding each prompt and its separator, padded; generation writes after `start[b]`. */
  tokens: Int32Array;
  start: number[];
  batch: number;
  length: number;
  vocab: number;
  /** Tokens never generated (padding, separators). */
  forbidden: readonly number[];
  stop: number;
  maxNew: number;
  temperature: number;
}

/**
 * Samples continuations token by token (Gumbel-max with counter-based noise, so the same stream
 * gives the same responses on every backend). Returns the generated token ids of each row, without
 * the stop token.
 */
export async function generate(model: MaskedDiffusionTransformer, spec: GenerationSpec, rng: RngStream): Promise<number[][]> {
  const { batch, length, vocab } = spec;
  const tokens = Int32Array.from(spec.tokens);
  const position = spec.start.slice(); // the last filled position of each row
  const out: number[][] = Array.from({ length: batch }, () => []);
  const done = new Array<boolean>(batch).fill(false);
  const forbidden = Array.from({ length: vocab }, (_, v) => spec.forbidden.includes(v));
  const key = rng.split('generate').key;
  for (let step = 0; step < spec.maxNew && done.some((d) => !d); step++) {
    const logitsTensor = tf.tidy(() => model.forward(tf.tensor2d(tokens, [batch, length], 'int32'), null));
    const logits = (await logitsTensor.data()) as Float32Array;
    logitsTensor.dispose();
    const rows = new Float32Array(batch * vocab);
    for (let b = 0; b < batch; b++) rows.set(logits.subarray((b * length + position[b]) * vocab, (b * length + position[b] + 1) * vocab), b * vocab);
    const { tokens: next } = denoiseStepReference({ logits: rows, positions: batch, vocab, forbidden, temperature: spec.temperature, noiseScale: 1, stepKey: denoiseStepKey(key, step) });
    for (let b = 0; b < batch; b++) {
      if (done[b]) continue;
      if (next[b] === spec.stop || position[b] + 1 >= length - 1) {
        done[b] = true;
        if (next[b] !== spec.stop) out[b].push(next[b]);
        continue;
      }
      position[b]++;
      tokens[b * length + position[b]] = next[b];
      out[b].push(next[b]);
    }
  }
  return out;
}
