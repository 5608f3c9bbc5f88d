import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RngStream } from '../lib/rng';
import { initialParameters, MaskedDiffusionTransformer, parameterCount, type TransformerConfig } from './maskedDiffusionTransformer';
import { corrupt, maskedDiffusionLoss } from './maskedDiffusionLoss';
import { buildManifest, packWeights, unpackWeights } from './weightFile';
import { CHAR_MASK, CHAR_VOCAB, decodeChars, encodeChars, normaliseText } from './charVocab';

const config: TransformerConfig = { vocab: CHAR_VOCAB, length: 16, width: 32, heads: 4, layers: 2, ffn: 64, timeInput: true };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('masked-diffusion transformer', () => {
  it('maps [B, L] tokens and t to [B, L, V] logits, and is bidirectional', () => {
    const model = new MaskedDiffusionTransformer(config, initialParameters(config, RngStream.fromSeed(1)));
    const tokens = tf.tensor2d([Array.from({ length: 16 }, (_, i) => i % 27)], [1, 16], 'int32');
    const changed = tf.tensor2d([Array.from({ length: 16 }, (_, i) => (i === 15 ? 3 : i % 27))], [1, 16], 'int32');
    const t = tf.tensor1d([0.5]);
    const a = model.forward(tokens, t);
    const b = model.forward(changed, t);
    expect(a.shape).toEqual([1, 16, CHAR_VOCAB]);
    // changing the last token changes the first position's logits: attention looks both ways
    const diff = tf.max(tf.abs(tf.sub(tf.slice(a, [0, 0, 0], [1, 1, -1]), tf.slice(b, [0, 0, 0], [1, 1, -1])))).dataSync()[0];
    expect(diff).toBeGreaterThan(0);
    tf.dispose([tokens, changed, t, a, b]);
    model.dispose();
    expect(parameterCount(config)).toBeGreaterThan(20_000);
  });

  it('several models can live side by side (policy, opponent; one per backend)', () => {
    const values = initialParameters(config, RngStream.fromSeed(4));
    const a = new MaskedDiffusionTransformer(config, values);
    const b = new MaskedDiffusionTransformer(config, values);
    expect(a.params.get('wout')!.name).not.toBe(b.params.get('wout')!.name);
    a.dispose();
    b.dispose();
  });

  it('with causal attention, a token changes only its own and later positions', () => {
    const causal = { ...config, causal: true, timeInput: false };
    const model = new MaskedDiffusionTransformer(causal, initialParameters(causal, RngStream.fromSeed(2)));
    const tokens = tf.tensor2d([Array.from({ length: 16 }, (_, i) => i % 27)], [1, 16], 'int32');
    const changed = tf.tensor2d([Array.from({ length: 16 }, (_, i) => (i === 9 ? 3 : i % 27))], [1, 16], 'int32');
    const a = model.forward(tokens, null).arraySync()[0];
    const b = model.forward(changed, null).arraySync()[0];
    const moved = a.map((row, i) => Math.max(...row.map((v, j) => Math.abs(v - b[i][j]))));
    expect(moved.slice(0, 9).every((d) => d === 0)).toBe(true);
    expect(moved.slice(9).every((d) => d > 0)).toBe(true);
    tf.dispose([tokens, changed]);
    model.dispose();
  });

  it('learns: the diffusion loss on a fixed corrupted batch falls when fitting a tiny corpus', async () => {
    const model = new MaskedDiffusionTransformer(config, initialParameters(config, RngStream.fromSeed(2)));
    const text = normaliseText('In the beginning God created the heaven and the earth. And the earth was without form, and void.');
    const data = encodeChars(text);
    const batch = 8;
    const windowAt = (step: number) => {
      const x0 = new Int32Array(batch * 16);
      for (let b = 0; b < batch; b++) {
        const start = (b * 7 + step * 3) % (data.length - 16);
        x0.set(data.subarray(start, start + 16), b * 16);
      }
      return x0;
    };
    const heldX0 = windowAt(0);
    const held = corrupt(heldX0, batch, 16, CHAR_MASK, RngStream.fromSeed(99));
    const heldLoss = () => tf.tidy(() => maskedDiffusionLoss(model, heldX0, held, batch, 16).dataSync()[0]);
    const before = heldLoss();
    const rng = RngStream.fromSeed(3);
    const optimizer = tf.train.adam(1e-2);
    for (let step = 0; step < 40; step++) {
      const x0 = windowAt(step);
      const corrupted = corrupt(x0, batch, 16, CHAR_MASK, rng.split(step));
      optimizer.minimize(() => maskedDiffusionLoss(model, x0, corrupted, batch, 16), false, [...model.params.values()]);
    }
    // 40 steps only: the fixed batch's loss falls by about a fifth (unigram → some context)
    expect(heldLoss()).toBeLessThan(0.85 * before);
    optimizer.dispose();
    model.dispose();
  }, 60_000);

  it('round-trips through the weight file and rejects broken ones by name', async () => {
    const values = initialParameters(config, RngStream.fromSeed(4));
    const manifest = buildManifest(config, { seed: 4 });
    const blob = packWeights(manifest, values);
    const { values: back } = unpackWeights(JSON.parse(JSON.stringify(manifest)), blob.buffer);
    expect(back.get('l1.w2')).toEqual(values.get('l1.w2'));
    expect(() => unpackWeights({ ...manifest, version: 99 }, blob.buffer)).toThrow(/version 99/);
    expect(() => unpackWeights(manifest, blob.buffer.slice(0, 100))).toThrow(/holds 100 bytes/);
    expect(() => unpackWeights({ format: 'x' }, blob.buffer)).toThrow(/not a playground weight manifest/);
    const corrupt32 = Float32Array.from(blob);
    corrupt32[5] = NaN;
    expect(() => unpackWeights(manifest, corrupt32.buffer)).toThrow(/tokenEmbedding contains non-finite/);
  });

  it('encodes and decodes the character vocabulary', () => {
    expect(normaliseText('Gen 1:1 In the  beginning, God!')).toBe('gen in the beginning god');
    expect(decodeChars([...encodeChars('ab z'), CHAR_MASK])).toBe('ab z_');
    expect(() => encodeChars('A')).toThrow(/not in the a–z/);
  });
});
