import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { RngStream } from '../lib/rng';
import { drawTaskPairs, encodeBatch, encodeTask, EQUALS, PAD, STOP, TASK_LENGTH, TASK_LETTERS, TASK_VOCAB } from './reversalTask';
import { generate, rowLogProbs } from './causalLm';
import { initialParameters, MaskedDiffusionTransformer, type TransformerConfig } from './maskedDiffusionTransformer';
import { sequenceLogProbTfjs } from './sequenceLogProbTfjs';

const config: TransformerConfig = { vocab: TASK_VOCAB, length: TASK_LENGTH, width: 32, heads: 2, layers: 2, ffn: 64, timeInput: false, causal: true };

beforeAll(async () => {
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
});

describe('causal language model on the reversal task', () => {
  it('SFT steps raise the held-out response log-likelihood; sampling is seeded and stays in the alphabet', async () => {
    const root = RngStream.fromSeed(3);
    const train = drawTaskPairs(256, root.split('train'));
    const held = drawTaskPairs(64, root.split('held'), new Set(train.map((p) => p.prompt)));
    const model = new MaskedDiffusionTransformer(config, initialParameters(config, root.split('init')));
    const heldRows = encodeBatch(held);
    const heldLl = () => tf.tidy(() => rowLogProbs(model, heldRows, sequenceLogProbTfjs).mean().dataSync()[0]);
    const before = heldLl();
    const optimizer = tf.train.adam(3e-3);
    const batches = root.split('batches');
    for (let step = 0; step < 30; step++) {
      const rows = encodeBatch(Array.from({ length: 32 }, () => train[batches.int(train.length)]));
      tf.dispose(optimizer.minimize(() => tf.neg(tf.mean(rowLogProbs(model, rows, sequenceLogProbTfjs))) as tf.Scalar) ?? []);
    }
    expect(heldLl()).toBeGreaterThan(before + 3);

    const tokens = new Int32Array(held.length * TASK_LENGTH);
    held.forEach((p, b) => encodeTask(`${p.prompt}=`).forEach((t, i) => (tokens[b * TASK_LENGTH + i] = t)));
    const spec = { tokens, start: held.map((p) => p.prompt.length), batch: held.length, length: TASK_LENGTH, vocab: TASK_VOCAB, forbidden: [PAD, EQUALS], stop: STOP, maxNew: 6, temperature: 1 };
    const a = await generate(model, spec, RngStream.fromSeed(9));
    const b = await generate(model, spec, RngStream.fromSeed(9));
    expect(a).toEqual(b);
    for (const row of a) {
      expect(row.length).toBeLessThanOrEqual(6);
      expect(row.every((t) => t >= 1 && t <= TASK_LETTERS.length)).toBe(true);
    }
    optimizer.dispose();
    model.dispose();
  });
});
