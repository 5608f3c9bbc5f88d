// The diffusion model of the demo (docs/research/alignment.md §2c): a DDPM on 2-D points with a
// linear β schedule over T steps, an ε-prediction MLP fed the noisy point, a sinusoidal embedding of
// t and a one-hot of the prompt (which shape), and ancestral sampling. Batches are built in
// TypeScript from seeded streams (so a run is the same on every backend); tfjs runs the network.

import * as tf from '@tensorflow/tfjs';
import type { RngStream } from '../../lib/rng';
import { PROMPTS } from './shapes';

export const TIME_FEATURES = 16;
export const INPUT_WIDTH = 2 + TIME_FEATURES + PROMPTS.length;

export interface Schedule {
  steps: number;
  beta: Float64Array;
  alpha: Float64Array;
  alphaBar: Float64Array;
}

/** β_t linear from 1e-3 to 0.25 over t = 1 … T (index t − 1), the notes' schedule. */
export function linearSchedule(steps: number, first = 1e-3, last = 0.25): Schedule {
  const beta = new Float64Array(steps);
  const alpha = new Float64Array(steps);
  const alphaBar = new Float64Array(steps);
  let product = 1;
  for (let i = 0; i < steps; i++) {
    beta[i] = steps === 1 ? last : first + ((last - first) * i) / (steps - 1);
    alpha[i] = 1 - beta[i];
    product *= alpha[i];
    alphaBar[i] = product;
  }
  return { steps, beta, alpha, alphaBar };
}

/** Writes one network input row: the point, sin/cos of t at geometric frequencies, the prompt's one-hot. */
export function writeInput(out: Float32Array, row: number, x: number, y: number, t: number, prompt: number): void {
  const o = row * INPUT_WIDTH;
  out[o] = x;
  out[o + 1] = y;
  for (let k = 0; k < TIME_FEATURES / 2; k++) {
    const frequency = Math.exp((-Math.log(1000) * k) / (TIME_FEATURES / 2));
    out[o + 2 + 2 * k] = Math.sin(t * frequency);
    out[o + 3 + 2 * k] = Math.cos(t * frequency);
  }
  for (let p = 0; p < PROMPTS.length; p++) out[o + 2 + TIME_FEATURES + p] = p === prompt ? 1 : 0;
}

/** A variable holding `t`'s values; `t` itself is released (the variable shares its data). */
function variableOf(t: tf.Tensor): tf.Variable {
  const v = tf.variable(t);
  t.dispose();
  return v;
}

/** An MLP's weights: [W₁, b₁, …, W_L, b_L], ReLU between layers. */
export class EpsilonMlp {
  constructor(readonly weights: tf.Variable[]) {}

  static init(hidden: number, layers: number, rng: RngStream): EpsilonMlp {
    const widths = [INPUT_WIDTH, ...Array<number>(layers).fill(hidden), 2];
    const weights: tf.Variable[] = [];
    for (let l = 0; l + 1 < widths.length; l++) {
      const [fanIn, fanOut] = [widths[l], widths[l + 1]];
      const draw = rng.split(l);
      // He initialisation; the last layer starts small so the first ε̂ are near zero
      const scale = Math.sqrt(2 / fanIn) * (l + 2 === widths.length ? 0.1 : 1);
      const w = Float32Array.from({ length: fanIn * fanOut }, () => scale * draw.normal());
      weights.push(variableOf(tf.tensor2d(w, [fanIn, fanOut])), variableOf(tf.zeros([fanOut])));
    }
    return new EpsilonMlp(weights);
  }

  /** ε̂ for a batch of input rows [n, INPUT_WIDTH] → [n, 2]. */
  apply(input: tf.Tensor2D): tf.Tensor2D {
    let h = input;
    for (let l = 0; l < this.weights.length; l += 2) {
      const last = l + 2 === this.weights.length;
      h = tf.fused.matMul({ a: h, b: this.weights[l] as tf.Tensor2D, bias: this.weights[l + 1], activation: last ? 'linear' : 'relu' }) as tf.Tensor2D;
    }
    return h;
  }

  /** A frozen copy (the opponent, or SFT continued's start). */
  clone(): EpsilonMlp {
    return new EpsilonMlp(this.weights.map((w) => variableOf(w.clone())));
  }

  dispose(): void {
    tf.dispose(this.weights);
  }
}

/** ε̂ for points at one timestep, read back to TypeScript. */
async function predictNoise(model: EpsilonMlp, points: Float32Array, t: number, prompts: Int32Array): Promise<Float32Array> {
  const n = prompts.length;
  const input = new Float32Array(n * INPUT_WIDTH);
  for (let i = 0; i < n; i++) writeInput(input, i, points[2 * i], points[2 * i + 1], t, prompts[i]);
  const eps = tf.tidy(() => model.apply(tf.tensor2d(input, [n, INPUT_WIDTH])));
  const out = (await eps.data()) as Float32Array;
  eps.dispose();
  return out;
}

/**
 * Ancestral DDPM sampling with the posterior variance β̃_t: x_T ~ N(0, I), then
 * x_{t−1} = (x_t − β_t/√(1 − ᾱ_t)·ε̂)/√α_t + √β̃_t·z. Returns the final points and, when asked, the
 * path of the first `keepPaths` points (x_T … x_0).
 */
export async function sample(model: EpsilonMlp, schedule: Schedule, prompts: Int32Array, rng: RngStream, keepPaths = 0): Promise<{ points: Float32Array; paths: Float32Array[] }> {
  const n = prompts.length;
  const x = new Float32Array(n * 2);
  const start = rng.split('start');
  for (let i = 0; i < x.length; i++) x[i] = start.normal();
  const paths: Float32Array[] = [x.slice(0, keepPaths * 2)];
  for (let t = schedule.steps; t >= 1; t--) {
    const eps = await predictNoise(model, x, t, prompts);
    const i = t - 1;
    const coefficient = schedule.beta[i] / Math.sqrt(1 - schedule.alphaBar[i]);
    const scale = 1 / Math.sqrt(schedule.alpha[i]);
    const noise = t > 1 ? Math.sqrt((schedule.beta[i] * (1 - schedule.alphaBar[i - 1])) / (1 - schedule.alphaBar[i])) : 0;
    const z = rng.split(t);
    for (let k = 0; k < x.length; k++) x[k] = scale * (x[k] - coefficient * eps[k]) + (noise > 0 ? noise * z.normal() : 0);
    if (keepPaths > 0) paths.push(x.slice(0, keepPaths * 2));
  }
  return { points: x, paths };
}
