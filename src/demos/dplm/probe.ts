// Representation learning, as DPLM's Table 1 measures it at scale (TAPE secondary structure, linear
// probing): per-residue embeddings are the last hidden states of a frozen language model (DPLM or
// the masked-LM baseline; bytedance/dplm#29), a softmax-regression probe maps them to H/E/C on the
// training PDB chains and is scored (Q3) on the held-out chains of other packages. The same probe,
// data and split for both models; replicates refit the probe on a bootstrap of training chains.

import * as tf from '@tensorflow/tfjs';
import type { RngStream } from '../../lib/rng';
import type { Ticker } from '../../lib/schedule';
import type { MaskedDiffusionTransformer } from '../../models/maskedDiffusionTransformer';
import { encodeProtein, padProtein } from '../../models/protein/aminoAcids';
import { encodeSs, SS_CLASSES } from '../../models/protein/convTagger';
import type { LabelledChain } from './data';

export interface Embedded {
  features: Float32Array;
  labels: Int32Array;
  /** Residues of each chain, in order. */
  chainLengths: number[];
  width: number;
}

const WINDOWS_PER_CALL = 16;
/** Residues a bootstrap replicate fits on (chains drawn with replacement until reached). */
export const PROBE_RESIDUES = 12000;
const PROBE_STEPS = 150;
const PROBE_RATE = 0.05;
const PROBE_L2 = 1e-4;

/** Last hidden states of every residue; chains longer than the model are cut into consecutive windows. */
export async function embedChains(model: MaskedDiffusionTransformer, chains: readonly LabelledChain[], ticker?: Ticker): Promise<Embedded> {
  const P = model.config.length;
  const W = model.config.width;
  const windows: { tokens: Int32Array; residues: number }[] = [];
  for (const c of chains) for (let s = 0; s < c.sequence.length; s += P) windows.push({ tokens: padProtein(encodeProtein(c.sequence.slice(s, s + P)), P), residues: Math.min(P, c.sequence.length - s) });
  const total = chains.reduce((n, c) => n + c.sequence.length, 0);
  const features = new Float32Array(total * W);
  let at = 0;
  for (let w = 0; w < windows.length; w += WINDOWS_PER_CALL) {
    await ticker?.tick();
    const group = windows.slice(w, w + WINDOWS_PER_CALL);
    const tokens = new Int32Array(group.length * P);
    group.forEach((g, i) => tokens.set(g.tokens, i * P));
    const h = tf.tidy(() => model.hidden(tf.tensor2d(tokens, [group.length, P], 'int32'), null));
    const values = (await h.data()) as Float32Array;
    h.dispose();
    group.forEach((g, i) => {
      features.set(values.subarray(i * P * W, (i * P + g.residues) * W), at * W);
      at += g.residues;
    });
  }
  const labels = new Int32Array(total);
  let k = 0;
  for (const c of chains) {
    labels.set(encodeSs(c.ss3), k);
    k += c.ss3.length;
  }
  return { features, labels, chainLengths: chains.map((c) => c.sequence.length), width: W };
}

/** Rows of a bootstrap of chains (drawn with replacement until PROBE_RESIDUES residues). */
export function bootstrapRows(chainLengths: readonly number[], rng: RngStream): number[] {
  const offsets: number[] = [];
  chainLengths.reduce((o, n) => (offsets.push(o), o + n), 0);
  const rows: number[] = [];
  while (rows.length < PROBE_RESIDUES) {
    const c = rng.int(chainLengths.length);
    for (let i = 0; i < chainLengths[c]; i++) rows.push(offsets[c] + i);
  }
  return rows;
}

/** Fits the probe on the given training rows (features standardised on them) and returns held-out Q3. */
export async function probeAccuracy(train: Embedded, rows: readonly number[], test: Embedded): Promise<number> {
  const W = train.width;
  const x = new Float32Array(rows.length * W);
  const y = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    x.set(train.features.subarray(r * W, (r + 1) * W), i * W);
    y[i] = train.labels[r];
  });
  const predictions = tf.tidy(() => {
    const xs = tf.tensor2d(x, [rows.length, W]);
    const { mean, variance } = tf.moments(xs, 0);
    const scale = tf.sqrt(tf.add(variance, 1e-6));
    const standard = (t: tf.Tensor) => tf.div(tf.sub(t, mean), scale);
    const xTrain = standard(xs);
    const yTrain = tf.oneHot(tf.tensor1d(y, 'int32'), SS_CLASSES);
    const weights = tf.variable(tf.zeros([W, SS_CLASSES]));
    const bias = tf.variable(tf.zeros([SS_CLASSES]));
    const optimizer = tf.train.adam(PROBE_RATE);
    for (let step = 0; step < PROBE_STEPS; step++) {
      optimizer.minimize(() => {
        const logits = tf.add(tf.matMul(xTrain, weights), bias);
        return tf.add(tf.losses.softmaxCrossEntropy(yTrain, logits), tf.mul(PROBE_L2, tf.sum(tf.square(weights)))) as tf.Scalar;
      });
    }
    const xTest = standard(tf.tensor2d(test.features, [test.labels.length, W]));
    const out = tf.argMax(tf.add(tf.matMul(xTest, weights), bias), 1);
    optimizer.dispose();
    weights.dispose();
    bias.dispose();
    return out;
  });
  const predicted = await predictions.data();
  predictions.dispose();
  let right = 0;
  for (let i = 0; i < test.labels.length; i++) right += predicted[i] === test.labels[i] ? 1 : 0;
  return right / test.labels.length;
}
