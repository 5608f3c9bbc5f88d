// A tiny bidirectional transformer for absorbing (masked) discrete diffusion, in tfjs core ops so
// that it runs in the browser (WebGPU or CPU) and in Node (training script). Vocabulary, length,
// width, depth and the optional time input are configuration: DNDM's network takes t, DPLM's not.
//
//   h = E[x] + P + (time ? MLP(sinusoid(t)) : 0)
//   per layer (pre-norm):  h += Attn(LN(h));  h += W₂ gelu(W₁ LN(h))
//   logits = LN(h) Wₒ + bₒ

import * as tf from '@tensorflow/tfjs';
import type { RngStream } from '../lib/rng';

export interface TransformerConfig {
  vocab: number;
  length: number;
  width: number;
  heads: number;
  layers: number;
  ffn: number;
  timeInput: boolean;
  /**
   * Causal attention (each position sees itself and earlier ones): the autoregressive language model
   * of the SPIN demos. Absent or false: bidirectional, as masked diffusion needs. Changes no weights.
   */
  causal?: boolean;
}

/** Parameter names and shapes, in the order the weight file stores them. */
export function parameterShapes(c: TransformerConfig): [string, number[]][] {
  const shapes: [string, number[]][] = [
    ['tokenEmbedding', [c.vocab, c.width]],
    ['positionEmbedding', [c.length, c.width]],
  ];
  if (c.timeInput) shapes.push(['timeW1', [c.width, c.width]], ['timeB1', [c.width]], ['timeW2', [c.width, c.width]], ['timeB2', [c.width]]);
  for (let l = 0; l < c.layers; l++) {
    shapes.push(
      [`l${l}.ln1.gamma`, [c.width]],
      [`l${l}.ln1.beta`, [c.width]],
      [`l${l}.wqkv`, [c.width, 3 * c.width]],
      [`l${l}.wo`, [c.width, c.width]],
      [`l${l}.ln2.gamma`, [c.width]],
      [`l${l}.ln2.beta`, [c.width]],
      [`l${l}.w1`, [c.width, c.ffn]],
      [`l${l}.b1`, [c.ffn]],
      [`l${l}.w2`, [c.ffn, c.width]],
      [`l${l}.b2`, [c.width]],
    );
  }
  shapes.push(['lnf.gamma', [c.width]], ['lnf.beta', [c.width]], ['wout', [c.width, c.vocab]], ['bout', [c.vocab]]);
  return shapes;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export function parameterCount(c: TransformerConfig): number {
  return parameterShapes(c).reduce((s, [, shape]) => s + size(shape), 0);
}

/**
 * Seeded initial values: matrices N(0, 1/fan_in) (Glorot-like: at this width GPT's fixed 0.02 leaves
 * q·k ≈ 0, attention uniform and position ignored for hundreds of steps), residual outputs scaled
 * by 1/√(2·layers), embeddings N(0, 1), LN γ = 1, biases 0.
 */
export function initialParameters(c: TransformerConfig, rng: RngStream): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const [name, shape] of parameterShapes(c)) {
    const values = new Float32Array(size(shape));
    if (name.endsWith('gamma')) values.fill(1);
    else if (shape.length === 2) {
      const fanIn = /Embedding$/.test(name) ? 1 : shape[0];
      const scale = /\.(wo|w2)$/.test(name) ? 1 / Math.sqrt(fanIn * 2 * c.layers) : 1 / Math.sqrt(fanIn);
      for (let i = 0; i < values.length; i++) values[i] = scale * rng.normal();
    }
    out.set(name, values);
  }
  return out;
}

function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
}

function gelu(x: tf.Tensor): tf.Tensor {
  // tanh approximation
  const c = Math.sqrt(2 / Math.PI);
  return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(tf.mul(tf.add(x, tf.mul(tf.mul(tf.mul(x, x), x), 0.044715)), c))));
}

/** Sinusoidal features of t ∈ [0, 1], [B] → [B, width]. */
function timeFeatures(t: tf.Tensor1D, width: number): tf.Tensor2D {
  const half = width / 2;
  const freqs = tf.tensor1d(Array.from({ length: half }, (_, i) => Math.exp((-Math.log(10000) * i) / half) * 1000));
  const args = tf.mul(tf.expandDims(t, 1), tf.expandDims(freqs, 0));
  return tf.concat([tf.sin(args), tf.cos(args)], 1) as tf.Tensor2D;
}

/** [L, L]: 0 on and below the diagonal, −1e9 above (future positions get no attention weight). */
function causalMask(L: number): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from({ length: L * L }, (_, i) => (i % L > Math.floor(i / L) ? -1e9 : 0)), [L, L]);
}

let modelCount = 0;

export class MaskedDiffusionTransformer {
  readonly params: Map<string, tf.Variable>;

  constructor(
    readonly config: TransformerConfig,
    values: Map<string, Float32Array>,
  ) {
    if (config.width % config.heads !== 0) throw new Error(`width ${config.width} is not a multiple of heads ${config.heads}`);
    this.params = new Map();
    modelCount++;
    for (const [name, shape] of parameterShapes(config)) {
      const v = values.get(name);
      if (!v || v.length !== size(shape)) throw new Error(`weights: ${name} should hold ${size(shape)} values (shape ${shape.join('×')}), found ${v ? v.length : 'none'}`);
      // tfjs variable names are global: several models (policy, opponent, SFT copy) coexist
      const initial = tf.tensor(v, shape);
      this.params.set(name, tf.variable(initial, true, `${name}#${modelCount}`));
      initial.dispose(); // the variable holds its own reference to the data
    }
  }

  private p(name: string): tf.Variable {
    return this.params.get(name)!;
  }

  /** tokens [B, L] int32, t [B] in [0, 1] (ignored without a time input) → logits [B, L, V]. */
  forward(tokens: tf.Tensor2D, t: tf.Tensor1D | null): tf.Tensor3D {
    return tf.tidy(() => this.logitsFromHidden(this.hidden(tokens, t)));
  }

  /**
   * The last layer's states after the final layer norm, [B, L, width]: the representation a probe
   * reads (as ESM's last hidden state) and what an adapter edits before the output head.
   */
  hidden(tokens: tf.Tensor2D, t: tf.Tensor1D | null): tf.Tensor3D {
    return tf.tidy(() => {
      const c = this.config;
      const [B, L] = tokens.shape;
      const dh = c.width / c.heads;
      // one-hot × E rather than gather: its gradient is a matmul on every backend (wasm has no
      // UnsortedSegmentSum, gather's gradient), and V is small
      const embedded = tf.reshape(tf.matMul(tf.oneHot(tf.reshape(tokens, [B * L]), c.vocab), this.p('tokenEmbedding')), [B, L, c.width]);
      let h: tf.Tensor = tf.add(embedded, tf.slice(this.p('positionEmbedding'), [0, 0], [L, c.width]));
      if (c.timeInput) {
        if (!t) throw new Error('this model needs the diffusion time t');
        const e = tf.add(tf.matMul(gelu(tf.add(tf.matMul(timeFeatures(t, c.width), this.p('timeW1')), this.p('timeB1'))), this.p('timeW2')), this.p('timeB2'));
        h = tf.add(h, tf.expandDims(e, 1));
      }
      for (let l = 0; l < c.layers; l++) {
        const x = layerNorm(h, this.p(`l${l}.ln1.gamma`), this.p(`l${l}.ln1.beta`));
        const flat = tf.reshape(x, [B * L, c.width]);
        const wqkv = this.p(`l${l}.wqkv`);
        // q, k, v by three matmuls on column slices of W_qkv (slicing a 5-D activation is slow on
        // wasm), heads folded into the batch so attention is a rank-3 matmul
        const heads = (part: number) =>
          tf.reshape(tf.transpose(tf.reshape(tf.matMul(flat, tf.slice(wqkv, [0, part * c.width], [c.width, c.width])), [B, L, c.heads, dh]), [0, 2, 1, 3]), [B * c.heads, L, dh]);
        const [q, k, v] = [heads(0), heads(1), heads(2)];
        let scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dh));
        if (c.causal) scores = tf.add(scores, causalMask(L));
        const mixed = tf.reshape(tf.matMul(tf.softmax(scores), v), [B, c.heads, L, dh]);
        const attended = tf.reshape(tf.transpose(mixed, [0, 2, 1, 3]), [B * L, c.width]);
        h = tf.add(h, tf.reshape(tf.matMul(attended, this.p(`l${l}.wo`)), [B, L, c.width]));
        const y = tf.reshape(layerNorm(h, this.p(`l${l}.ln2.gamma`), this.p(`l${l}.ln2.beta`)), [B * L, c.width]);
        const ff = tf.add(tf.matMul(gelu(tf.add(tf.matMul(y, this.p(`l${l}.w1`)), this.p(`l${l}.b1`))), this.p(`l${l}.w2`)), this.p(`l${l}.b2`));
        h = tf.add(h, tf.reshape(ff, [B, L, c.width]));
      }
      return layerNorm(h, this.p('lnf.gamma'), this.p('lnf.beta')) as tf.Tensor3D;
    });
  }

  /** The output head: hidden states [B, L, width] → logits [B, L, V]. */
  logitsFromHidden(h: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      const [B, L, width] = h.shape;
      return tf.reshape(tf.add(tf.matMul(tf.reshape(h, [B * L, width]), this.p('wout')), this.p('bout')), [B, L, this.config.vocab]) as tf.Tensor3D;
    });
  }

  /** Current values in parameterShapes order (for the weight file). */
  async exportValues(): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    for (const [name] of parameterShapes(this.config)) out.set(name, Float32Array.from(await this.p(name).data()));
    return out;
  }

  dispose(): void {
    for (const v of this.params.values()) v.dispose();
    this.params.clear();
  }
}
