// The DPLM demo's structure adapter: a toy stand-in for the paper's inverse-folding adapter (a
// cross-attention layer to a frozen 3-D backbone encoder, discrete_diffusion.md §1.4). Here the
// "structure" is the per-residue 3-state secondary-structure string, read through a window
// (a 1-D convolution), and the adapter edits the frozen DPLM's last hidden states:
//   s = conv(onehot(ss), W_ss)           ss ∈ {H, E, C, none}, [B, L, hidden]
//   h' = h + W₂ relu(s + b₁) + b₂
//   logits = DPLM head(h')
// The edit reads the structure only, not h: an earlier version (relu(h W₁ + s + b₁)) learned the
// three training families' sequences from h and lost to the plain DPLM on held-out chains.
// Only the adapter's parameters train; W₂ starts at zero, so the untrained adapter is the plain
// DPLM exactly.

import * as tf from '@tensorflow/tfjs';
import type { RngStream } from '../../lib/rng';
import type { MaskedDiffusionTransformer } from '../maskedDiffusionTransformer';
import { convSame, SS_CLASSES } from './convTagger';

/** The weight-file kind of the adapter (src/models/weightFile.ts). */
export const ADAPTER_KIND = 'structure-adapter';

/** SS input states: H, E, C (convTagger's encoding) and 3 = none (padding). */
export const SS_NONE = SS_CLASSES;
const SS_INPUTS = SS_CLASSES + 1;

export interface StructureAdapterConfig {
  /** The frozen DPLM's width. */
  width: number;
  hidden: number;
  /** Window of the SS convolution (odd). */
  kernel: number;
}

export function adapterParameterShapes(c: StructureAdapterConfig): [string, number[]][] {
  return [
    ['adapter.ssConv', [c.kernel, SS_INPUTS, c.hidden]],
    ['adapter.b1', [c.hidden]],
    ['adapter.w2', [c.hidden, c.width]],
    ['adapter.b2', [c.width]],
  ];
}

export function initialAdapterParameters(c: StructureAdapterConfig, rng: RngStream): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const [name, shape] of adapterParameterShapes(c)) {
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    const fanIn = shape.length === 3 ? shape[0] * shape[1] : shape[0];
    if (name === 'adapter.ssConv') for (let i = 0; i < values.length; i++) values[i] = rng.normal() / Math.sqrt(fanIn);
    out.set(name, values);
  }
  return out;
}

let adapterCount = 0;

export class StructureAdapter {
  readonly params: Map<string, tf.Variable>;

  constructor(
    readonly config: StructureAdapterConfig,
    values: Map<string, Float32Array>,
  ) {
    this.params = new Map();
    adapterCount++;
    for (const [name, shape] of adapterParameterShapes(config)) {
      const v = values.get(name);
      const n = shape.reduce((a, b) => a * b, 1);
      if (!v || v.length !== n) throw new Error(`adapter weights: ${name} should hold ${n} values, found ${v ? v.length : 'none'}`);
      const initial = tf.tensor(v, shape);
      this.params.set(name, tf.variable(initial, true, `${name}#${adapterCount}`));
      initial.dispose();
    }
  }

  /** Logits [B, L, V] of the frozen `base` at tokens [B, L], conditioned on SS states [B, L] (0–3). */
  logits(base: MaskedDiffusionTransformer, tokens: tf.Tensor2D, ss: tf.Tensor2D): tf.Tensor3D {
    if (base.config.width !== this.config.width) throw new Error(`adapter: made for width ${this.config.width}, the model has ${base.config.width}`);
    return tf.tidy(() => {
      const [B, L] = tokens.shape;
      const { width, hidden } = this.config;
      const h = base.hidden(tokens, null);
      const p = (name: string) => this.params.get(`adapter.${name}`)!;
      const s = convSame(tf.oneHot(ss, SS_INPUTS).toFloat() as tf.Tensor3D, p('ssConv') as tf.Tensor3D);
      const u = tf.relu(tf.add(tf.reshape(s, [B * L, hidden]), p('b1')));
      const edited = tf.add(h, tf.reshape(tf.add(tf.matMul(u, p('w2')), p('b2')), [B, L, width])) as tf.Tensor3D;
      return base.logitsFromHidden(edited);
    });
  }

  async exportValues(): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    for (const [name] of adapterParameterShapes(this.config)) out.set(name, Float32Array.from(await this.params.get(name)!.data()));
    return out;
  }

  dispose(): void {
    for (const v of this.params.values()) v.dispose();
    this.params.clear();
  }
}
