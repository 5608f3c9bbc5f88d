// The tiny causal transformer on the word-reversal task (reversalTask.ts), as the alignment demos'
// language-model tiers use it: its configuration, SFT steps, generation and copies. Sequence
// log-probabilities go through the fused op (sequenceLogProbOp.ts) on WebGPU.

import * as tf from '@tensorflow/tfjs';
import type { RngStream } from '../lib/rng';
import { generate, rowLogProbs } from './causalLm';
import { MaskedDiffusionTransformer, type TransformerConfig } from './maskedDiffusionTransformer';
import { decodeTask, encodeBatch, encodeTask, EQUALS, MAX_WORD, PAD, STOP, TASK_LENGTH, TASK_VOCAB, type TaskPair } from './reversalTask';
import type { SequenceLogProbOp } from './sequenceLogProbOp';

export function reversalLmConfig(options: { width: number; layers: number }): TransformerConfig {
  return { vocab: TASK_VOCAB, length: TASK_LENGTH, width: options.width, heads: 4, layers: options.layers, ffn: 2 * options.width, timeInput: false, causal: true };
}

export async function cloneModel(model: MaskedDiffusionTransformer): Promise<MaskedDiffusionTransformer> {
  return new MaskedDiffusionTransformer(model.config, await model.exportValues());
}

/** Prompt rows ready for generation ("word=" then padding). */
function promptRows(pairs: readonly TaskPair[]) {
  const tokens = new Int32Array(pairs.length * TASK_LENGTH).fill(PAD);
  pairs.forEach((p, b) => encodeTask(`${p.prompt}=`).forEach((t, i) => (tokens[b * TASK_LENGTH + i] = t)));
  return { tokens, start: pairs.map((p) => p.prompt.length), batch: pairs.length, length: TASK_LENGTH, vocab: TASK_VOCAB, forbidden: [PAD, EQUALS], stop: STOP, maxNew: MAX_WORD + 1 };
}

/** One sampled response per prompt, at the given temperature. */
export async function responses(model: MaskedDiffusionTransformer, pairs: readonly TaskPair[], temperature: number, rng: RngStream): Promise<string[]> {
  return (await generate(model, { ...promptRows(pairs), temperature }, rng)).map((ids) => decodeTask(ids));
}

/** One SFT step: the mean negative log-likelihood of the pairs' responses. */
export function nllStep(model: MaskedDiffusionTransformer, optimizer: tf.Optimizer, pairs: readonly TaskPair[], op: SequenceLogProbOp): void {
  const rows = encodeBatch(pairs);
  tf.dispose(optimizer.minimize(() => tf.neg(tf.mean(rowLogProbs(model, rows, op))) as tf.Scalar) ?? []);
}

/** Sequence log-probabilities of the pairs' responses under a frozen model, read back. */
export async function frozenLogProbs(model: MaskedDiffusionTransformer, pairs: readonly TaskPair[], op: SequenceLogProbOp): Promise<Float32Array> {
  const logProbs = tf.tidy(() => rowLogProbs(model, encodeBatch(pairs), op));
  const out = (await logProbs.data()) as Float32Array;
  logProbs.dispose();
  return out;
}
