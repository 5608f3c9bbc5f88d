import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { initialParameters, MaskedDiffusionTransformer, type TransformerConfig } from '../maskedDiffusionTransformer';
import { buildModelManifest, packWeights, unpackModelWeights, unpackWeights } from '../weightFile';
import { badResidues, decodeProtein, describeBadResidues, encodeProtein, MASK, PAD, padProtein, PROTEIN_VOCAB } from './aminoAcids';
import { convSame, ConvTagger, initialTaggerParameters, residueOneHot, ssGuidanceGradient, ssLogLikelihood, TAGGER_KIND, taggerParameterShapes, type ConvTaggerConfig } from './convTagger';
import { maskProteins, DPLM_STEPS } from './proteinLmLoss';
import { initialAdapterParameters, StructureAdapter } from './structureAdapter';

const tagger: ConvTaggerConfig = { inputs: 20, layers: [{ kernel: 5, channels: 6, activation: 'tanh' }, { kernel: 1, channels: 3, activation: 'none' }] };

describe('protein vocabulary', () => {
  it('encodes, pads, decodes; names bad letters with their positions', () => {
    const row = padProtein(encodeProtein('MKT'), 6);
    expect(Array.from(row)).toEqual([10, 8, 16, PAD, PAD, PAD]);
    row[1] = MASK;
    expect(decodeProtein(row)).toBe('M_T');
    expect(badResidues('MKXTZX')).toEqual([{ letter: 'X', position: 3 }, { letter: 'Z', position: 5 }, { letter: 'X', position: 6 }]);
    expect(describeBadResidues('Motif', 'MKXTZX')).toBe('Motif: only the 20 amino-acid letters ACDEFGHIKLMNPQRSTVWY are allowed; found "X" at 3, 6; "Z" at 5');
    expect(describeBadResidues('Motif', 'MKT')).toBeNull();
  });
});

describe('the DPLM objective', () => {
  it('masks residues only, weights each masked one by (T − t + 1)/T, and never touches padding', () => {
    const x0 = new Int32Array(2 * 8).fill(PAD);
    x0.set([0, 1, 2, 3, 4, 5], 0);
    x0.set([6, 7, 8], 8);
    const m = maskProteins(x0, 2, 8, 'dplm', RngStream.fromSeed(3));
    for (let i = 0; i < x0.length; i++) {
      if (x0[i] === PAD) expect([m.noisy[i], m.weight[i]]).toEqual([PAD, 0]);
      if (m.noisy[i] === MASK) expect(m.weight[i]).toBeGreaterThanOrEqual(1 / DPLM_STEPS);
    }
    expect(m.maskedCount).toBe(Array.from(m.noisy).filter((t) => t === MASK).length);
    // within a sequence every masked residue carries the same weight (one t per sequence)
    const w0 = new Set(Array.from(m.weight.subarray(0, 8)).filter((w) => w > 0));
    expect(w0.size).toBeLessThanOrEqual(1);
  });
});

describe('convolutional tagger', () => {
  it('convSame equals tfjs conv1d with same padding', () => {
    const rng = RngStream.fromSeed(1);
    const x = tf.tensor3d(Array.from({ length: 2 * 9 * 4 }, () => rng.normal()), [2, 9, 4]);
    const w = tf.tensor3d(Array.from({ length: 5 * 4 * 3 }, () => rng.normal()), [5, 4, 3]);
    const ours = convSame(x, w).arraySync();
    const theirs = tf.conv1d(x, w, 1, 'same').arraySync();
    expect(ours.flat(2).map((v, i) => Math.abs(v - theirs.flat(2)[i])).every((d) => d < 1e-5)).toBe(true);
  });

  it('the guidance gradient matches a finite difference of log p(y | x) in the one-hot input', () => {
    const model = new ConvTagger(tagger, initialTaggerParameters(tagger, RngStream.fromSeed(2)));
    const tokens = Int32Array.from([3, 7, MASK, 1, 15, 9, 0, PAD]);
    const target = Int32Array.from([0, 0, 1, 1, 2, 2, 0, -1]);
    const g = ssGuidanceGradient(model, tokens, target, 1, 8).arraySync()[0];
    const at = (pos: number, v: number, delta: number) =>
      tf.tidy(() => {
        const x = residueOneHot(tokens, 1, 8).arraySync();
        x[0][pos][v] += delta;
        return ssLogLikelihood(model, tf.tensor3d(x), target).dataSync()[0];
      });
    for (const [pos, v] of [[2, 5], [4, 15], [0, 19]]) {
      const numeric = (at(pos, v, 1e-2) - at(pos, v, -1e-2)) / 2e-2;
      expect(g[pos][v]).toBeCloseTo(numeric, 2);
    }
    model.dispose();
  });

  it('round-trips through a weight file of its own kind and refuses another kind', () => {
    const values = initialTaggerParameters(tagger, RngStream.fromSeed(4));
    const manifest = buildModelManifest(TAGGER_KIND, taggerParameterShapes, tagger, { seed: 4 });
    const blob = packWeights(manifest, values).buffer as ArrayBuffer;
    expect(unpackModelWeights(manifest, blob, TAGGER_KIND, taggerParameterShapes).values.get('c0.w')).toEqual(values.get('c0.w'));
    expect(() => unpackWeights(manifest, blob)).toThrow(/a conv-tagger manifest where a masked-diffusion-transformer was expected/);
  });
});

describe('structure adapter', () => {
  it('is the plain model before training (W₂ = 0) and changes the logits once W₂ moves', () => {
    const config: TransformerConfig = { vocab: PROTEIN_VOCAB, length: 12, width: 16, heads: 2, layers: 1, ffn: 32, timeInput: false };
    const base = new MaskedDiffusionTransformer(config, initialParameters(config, RngStream.fromSeed(5)));
    const values = initialAdapterParameters({ width: 16, hidden: 8, kernel: 3 }, RngStream.fromSeed(6));
    const adapter = new StructureAdapter({ width: 16, hidden: 8, kernel: 3 }, values);
    const tokens = tf.tensor2d(Int32Array.from({ length: 12 }, (_, i) => (i < 9 ? i : PAD)), [1, 12], 'int32');
    const ss = tf.tensor2d(Int32Array.from({ length: 12 }, (_, i) => (i < 9 ? i % 3 : 3)), [1, 12], 'int32');
    const plain = base.forward(tokens, null).dataSync();
    expect(Array.from(adapter.logits(base, tokens, ss).dataSync())).toEqual(Array.from(plain));
    adapter.params.get('adapter.w2')!.assign(tf.ones([8, 16]));
    expect(Array.from(adapter.logits(base, tokens, ss).dataSync())).not.toEqual(Array.from(plain));
    base.dispose();
    adapter.dispose();
  });
});
