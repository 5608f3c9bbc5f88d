// A small 1-D convolutional tagger: per-residue secondary structure (H helix, E strand, C coil) from
// a sequence given as per-position amino-acid vectors [B, L, 20] (one-hot for residues, zeros for
// masked positions and padding). The input is a float tensor, so the gradient of log p(y | x) with
// respect to the one-hot input exists: it is what SS guidance adds to the sampler's logits.
// The layers are configuration ('same' padding, stride 1), so the guide and the held-out scorer of
// the DPLM demo are two different architectures of this one module.

import * as tf from '@tensorflow/tfjs';
import type { RngStream } from '../../lib/rng';
import { AMINO_ACIDS } from './aminoAcids';

/** The weight-file kind of these models (src/models/weightFile.ts). */
export const TAGGER_KIND = 'conv-tagger';
export const SS_STATES = 'HEC';
export const SS_CLASSES = SS_STATES.length;

export interface ConvLayerConfig {
  kernel: number;
  channels: number;
  activation: 'relu' | 'tanh' | 'none';
}

export interface ConvTaggerConfig {
  /** Channels of the input: the 20 amino acids. */
  inputs: number;
  /** The last layer has SS_CLASSES channels and no activation: the logits. */
  layers: ConvLayerConfig[];
}

export function taggerParameterShapes(c: ConvTaggerConfig): [string, number[]][] {
  const shapes: [string, number[]][] = [];
  let inputs = c.inputs;
  c.layers.forEach((layer, i) => {
    shapes.push([`c${i}.w`, [layer.kernel, inputs, layer.channels]], [`c${i}.b`, [layer.channels]]);
    inputs = layer.channels;
  });
  return shapes;
}

/** Weights N(0, 1/fan_in) (fan_in = kernel · input channels), biases 0. */
export function initialTaggerParameters(c: ConvTaggerConfig, rng: RngStream): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const [name, shape] of taggerParameterShapes(c)) {
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    if (shape.length === 3) {
      const scale = 1 / Math.sqrt(shape[0] * shape[1]);
      for (let i = 0; i < values.length; i++) values[i] = scale * rng.normal();
    }
    out.set(name, values);
  }
  return out;
}

/** SS string → class indices (H 0, E 1, C 2); anything else is an error naming the letter. */
export function encodeSs(ss: string): Int32Array {
  return Int32Array.from(ss, (ch, i) => {
    const k = SS_STATES.indexOf(ch);
    if (k < 0) throw new Error(`secondary structure: "${ch}" at ${i + 1} is not one of H, E, C`);
    return k;
  });
}

/** Tokens [B·L] → [B, L, 20]: one-hot for amino acids, zeros for anything else (mask, padding). */
export function residueOneHot(tokens: Int32Array, batch: number, length: number): tf.Tensor3D {
  const n = AMINO_ACIDS.length;
  const values = new Float32Array(batch * length * n);
  for (let i = 0; i < tokens.length; i++) if (tokens[i] >= 0 && tokens[i] < n) values[i * n + tokens[i]] = 1;
  return tf.tensor3d(values, [batch, length, n]);
}

/**
 * A 'same'-padded, stride-1 1-D convolution of x [B, L, C] with w [k, C, out] (k odd), written as
 * k shifted slices concatenated and one matmul: the gradient then needs only slice, concat and
 * matmul, which every backend has (tfjs' wasm backend lacks Conv2DBackpropFilter).
 */
export function convSame(x: tf.Tensor3D, w: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const [B, L, C] = x.shape;
    const [k, , out] = w.shape;
    if (k % 2 !== 1) throw new Error(`convolution: the kernel width ${k} must be odd`);
    const half = (k - 1) / 2;
    const padded = tf.pad(x, [[0, 0], [half, half], [0, 0]]);
    const windows = k === 1 ? x : tf.concat(Array.from({ length: k }, (_, j) => tf.slice(padded, [0, j, 0], [B, L, C])), 2);
    return tf.reshape(tf.matMul(tf.reshape(windows, [B * L, k * C]), tf.reshape(w, [k * C, out])), [B, L, out]) as tf.Tensor3D;
  });
}

let taggerCount = 0;

export class ConvTagger {
  readonly params: Map<string, tf.Variable>;

  constructor(
    readonly config: ConvTaggerConfig,
    values: Map<string, Float32Array>,
  ) {
    const last = config.layers.at(-1);
    if (!last || last.channels !== SS_CLASSES || last.activation !== 'none') throw new Error(`tagger: the last layer must have ${SS_CLASSES} channels and no activation`);
    this.params = new Map();
    taggerCount++;
    for (const [name, shape] of taggerParameterShapes(config)) {
      const v = values.get(name);
      const n = shape.reduce((a, b) => a * b, 1);
      if (!v || v.length !== n) throw new Error(`tagger weights: ${name} should hold ${n} values, found ${v ? v.length : 'none'}`);
      const initial = tf.tensor(v, shape);
      this.params.set(name, tf.variable(initial, true, `tagger.${name}#${taggerCount}`));
      initial.dispose();
    }
  }

  /** Per-position class logits [B, L, 3] of residue vectors x [B, L, 20]. */
  logits(x: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      let h: tf.Tensor3D = x;
      this.config.layers.forEach((layer, i) => {
        const z = tf.add(convSame(h, this.params.get(`c${i}.w`) as tf.Tensor3D), this.params.get(`c${i}.b`)!) as tf.Tensor3D;
        h = layer.activation === 'relu' ? tf.relu(z) : layer.activation === 'tanh' ? tf.tanh(z) : z;
      });
      return h;
    });
  }

  /** Predicted classes [B·L] of token rows (argmax of the logits). */
  async predict(tokens: Int32Array, batch: number, length: number): Promise<Int32Array> {
    const classes = tf.tidy(() => tf.argMax(this.logits(residueOneHot(tokens, batch, length)), -1));
    try {
      return Int32Array.from(await classes.data());
    } finally {
      classes.dispose();
    }
  }

  async exportValues(): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    for (const [name] of taggerParameterShapes(this.config)) out.set(name, Float32Array.from(await this.params.get(name)!.data()));
    return out;
  }

  dispose(): void {
    for (const v of this.params.values()) v.dispose();
    this.params.clear();
  }
}

/**
 * Σ over positions with a target (target ≥ 0) of log p_φ(y_i | x) as a scalar, x the residue
 * vectors [B, L, 20]: the quantity guidance climbs and the taggers' training objective (negated).
 */
export function ssLogLikelihood(tagger: ConvTagger, x: tf.Tensor3D, target: Int32Array): tf.Scalar {
  return tf.tidy(() => {
    const [B, L] = x.shape;
    const weight = tf.tensor2d(Float32Array.from(target, (y) => (y >= 0 ? 1 : 0)), [B, L]);
    const onehot = tf.oneHot(tf.tensor2d(Int32Array.from(target, (y) => Math.max(0, y)), [B, L], 'int32'), SS_CLASSES);
    const logp = tf.sum(tf.mul(tf.logSoftmax(tagger.logits(x)), onehot), -1);
    return tf.sum(tf.mul(logp, weight)) as tf.Scalar;
  });
}

/**
 * ∇ₓ log p_φ(y | x) at the one-hot of `tokens`, [B, L, 20]: SS guidance's per-position logit bias
 * (discrete_diffusion.md §1.5: the first-order Taylor term of log p_φ(y | x^(t−1)) around x^(t)).
 * Masked positions enter as zero vectors; their gradient is still defined (the first layer is linear).
 */
export function ssGuidanceGradient(tagger: ConvTagger, tokens: Int32Array, target: Int32Array, batch: number, length: number): tf.Tensor3D {
  return tf.tidy(() => tf.grad((x: tf.Tensor) => ssLogLikelihood(tagger, x as tf.Tensor3D, target))(residueOneHot(tokens, batch, length)) as tf.Tensor3D);
}
