// The trained tier's two networks (docs/research/alignment.md §4c, tier 2), in plain tfjs ops over
// named weights so that the training script and the page run the same code:
//   captioner  a small CNN encoder (three 3×3 convolutions, mean- and max-pooled) and a decoder that
//              emits the next object token (10 shapes + STOP) from the image features, the hint (a
//              multi-hot list of objects "this image contains") and the objects mentioned so far.
//              Trained with a random hint (empty half the time, else each present object with
//              probability 0.8), one network runs unguided (empty hint) and guided (the detector's list).
//   detector   the same encoder, its own weights, and one sigmoid per shape (multi-label).

import * as tf from '@tensorflow/tfjs';
import type { RngStream } from '../../lib/rng';
import { IMAGE_SIZE, SHAPE_COUNT } from './shapesWorld';

export const CAPTIONER_KIND = 'marine-shapes-captioner';
export const DETECTOR_KIND = 'marine-shapes-detector';
/** Object tokens then STOP. */
export const TOKEN_COUNT = SHAPE_COUNT + 1;
export const SHAPE_STOP = SHAPE_COUNT;
/** Decoder input: hint multi-hot, mention counts, and the step (mentions so far / 4). */
export const CONTEXT_WIDTH = 2 * SHAPE_COUNT + 1;

export interface ShapesNetConfig {
  channels: [number, number, number];
  features: number;
  hidden: number;
}

export const SHAPES_NET: ShapesNetConfig = { channels: [8, 16, 16], features: 48, hidden: 96 };

type Shape = [string, number[]];

function encoderShapes(c: ShapesNetConfig): Shape[] {
  const [a, b, d] = c.channels;
  return [
    ['conv1', [3, 3, 1, a]],
    ['conv1Bias', [a]],
    ['conv2', [3, 3, a, b]],
    ['conv2Bias', [b]],
    ['conv3', [3, 3, b, d]],
    ['conv3Bias', [d]],
    ['features', [2 * d, c.features]],
    ['featuresBias', [c.features]],
  ];
}

export const captionerShapes = (c: ShapesNetConfig): Shape[] => [...encoderShapes(c), ['hidden', [c.features + CONTEXT_WIDTH, c.hidden]], ['hiddenBias', [c.hidden]], ['tokens', [c.hidden, TOKEN_COUNT]], ['tokensBias', [TOKEN_COUNT]]];
export const detectorShapes = (c: ShapesNetConfig): Shape[] => [...encoderShapes(c), ['presence', [c.features, SHAPE_COUNT]], ['presenceBias', [SHAPE_COUNT]]];

export type Weights = Map<string, tf.Tensor>;

/** He-initialised weights (biases zero) for `shapes`, from `rng`. */
export function initialWeights(shapes: readonly Shape[], rng: RngStream): Map<string, Float32Array> {
  return new Map(
    shapes.map(([name, shape], i) => {
      const size = shape.reduce((p, s) => p * s, 1);
      if (name.endsWith('Bias')) return [name, new Float32Array(size)];
      const fanIn = shape.slice(0, -1).reduce((p, s) => p * s, 1);
      const draw = rng.split(i);
      const scale = Math.sqrt(2 / fanIn);
      return [name, Float32Array.from({ length: size }, () => scale * draw.normal())];
    }),
  );
}

const get = (w: Weights, name: string) => {
  const t = w.get(name);
  if (!t) throw new Error(`shapesNet: no weight ${name}`);
  return t;
};

/**
 * A 3×3 'same' convolution as nine shifted slices concatenated on channels and one matMul: the same
 * numbers as tf.conv2d, but its gradient needs only slice, pad and matMul, which every backend has
 * (tfjs' wasm backend has no Conv2DBackpropFilter, and the training script runs on it).
 */
export function conv3x3(x: tf.Tensor4D, kernel: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, height, width, channels] = x.shape;
    const padded = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]);
    const shifted: tf.Tensor4D[] = [];
    for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) shifted.push(tf.slice(padded, [0, dy, dx, 0], [batch, height, width, channels]));
    const patches = tf.reshape(tf.concat(shifted, 3), [batch * height * width, 9 * channels]) as tf.Tensor2D;
    const out = tf.matMul(patches, tf.reshape(kernel, [9 * channels, kernel.shape[3]]) as tf.Tensor2D);
    return tf.reshape(out, [batch, height, width, kernel.shape[3]]) as tf.Tensor4D;
  });
}

export type Convolution = (x: tf.Tensor4D, kernel: tf.Tensor4D) => tf.Tensor4D;
/** tfjs' own 3×3 'same' convolution: the page's (inference only; faster on every backend). */
export const nativeConv3x3: Convolution = (x, kernel) => tf.conv2d(x, kernel, 1, 'same');

/** Image features [B, features] from images [B, 32, 32, 1]; the training script passes conv3x3. */
export function encode(w: Weights, images: tf.Tensor4D, convolution: Convolution = nativeConv3x3): tf.Tensor2D {
  return tf.tidy(() => {
    const conv = (x: tf.Tensor4D, k: string) => tf.relu(tf.add(convolution(x, get(w, k) as tf.Tensor4D), get(w, `${k}Bias`))) as tf.Tensor4D;
    let h = tf.maxPool(conv(images, 'conv1'), 2, 2, 'valid');
    h = tf.maxPool(conv(h, 'conv2'), 2, 2, 'valid');
    h = conv(h, 'conv3');
    const pooled = tf.concat([tf.mean(h, [1, 2]), tf.max(h, [1, 2])], 1) as tf.Tensor2D;
    return tf.relu(tf.add(tf.matMul(pooled, get(w, 'features') as tf.Tensor2D), get(w, 'featuresBias'))) as tf.Tensor2D;
  });
}

/** Next-token logits [B, TOKEN_COUNT] from features [B, F] and context rows [B, CONTEXT_WIDTH]. */
export function tokenLogits(w: Weights, features: tf.Tensor2D, context: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const h = tf.relu(tf.add(tf.matMul(tf.concat([features, context], 1) as tf.Tensor2D, get(w, 'hidden') as tf.Tensor2D), get(w, 'hiddenBias'))) as tf.Tensor2D;
    return tf.add(tf.matMul(h, get(w, 'tokens') as tf.Tensor2D), get(w, 'tokensBias')) as tf.Tensor2D;
  });
}

/** Presence logits [B, SHAPE_COUNT] from features. */
export function presenceLogits(w: Weights, features: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.add(tf.matMul(features, get(w, 'presence') as tf.Tensor2D), get(w, 'presenceBias')) as tf.Tensor2D);
}

/** One decoder context row: the hint's multi-hot, each object's mention count, mentions / 4. */
export function writeContext(out: Float32Array, row: number, hint: readonly number[], mentioned: readonly number[]): void {
  const o = row * CONTEXT_WIDTH;
  out.fill(0, o, o + CONTEXT_WIDTH);
  for (const h of hint) out[o + h] = 1;
  for (const m of mentioned) out[o + SHAPE_COUNT + m] += 1;
  out[o + 2 * SHAPE_COUNT] = mentioned.length / 4;
}

/** Images as a [B, 32, 32, 1] tensor. */
export function imageBatch(images: readonly Float32Array[]): tf.Tensor4D {
  const data = new Float32Array(images.length * IMAGE_SIZE * IMAGE_SIZE);
  images.forEach((img, i) => data.set(img, i * IMAGE_SIZE * IMAGE_SIZE));
  return tf.tensor4d(data, [images.length, IMAGE_SIZE, IMAGE_SIZE, 1]);
}
