import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { captionerShapes, CONTEXT_WIDTH, conv3x3, encode, imageBatch, initialWeights, SHAPES_NET, tokenLogits, TOKEN_COUNT, writeContext } from './shapesNet';
import { drawShapeScene, SHAPES_WORLD } from './shapesWorld';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the trained tier’s networks', () => {
  it('conv3x3 (slices and one matMul, for training on wasm) gives tf.conv2d’s numbers', () => {
    const rng = RngStream.fromSeed(3);
    const x = tf.tensor4d(Float32Array.from({ length: 2 * 6 * 5 * 3 }, () => rng.normal()), [2, 6, 5, 3]);
    const k = tf.tensor4d(Float32Array.from({ length: 3 * 3 * 3 * 4 }, () => rng.normal()), [3, 3, 3, 4]);
    const ours = conv3x3(x, k).arraySync() as number[][][][];
    const theirs = tf.conv2d(x, k, 1, 'same').arraySync() as number[][][][];
    expect(Math.max(...ours.flat(3).map((v, i) => Math.abs(v - theirs.flat(3)[i])))).toBeLessThan(1e-5);
    // and its gradient exists without Conv2DBackpropFilter
    const g = tf.grad((kk: tf.Tensor) => tf.sum(conv3x3(x, kk as tf.Tensor4D)))(k);
    const reference = tf.grad((kk: tf.Tensor) => tf.sum(tf.conv2d(x, kk as tf.Tensor4D, 1, 'same')))(k);
    expect(Math.max(...(tf.abs(tf.sub(g, reference)).dataSync() as Float32Array))).toBeLessThan(1e-4);
  });

  it('maps images and contexts to one logit per shape and STOP, and the encoders agree', () => {
    const rng = RngStream.fromSeed(4);
    const shapes = captionerShapes(SHAPES_NET);
    const values = initialWeights(shapes, rng);
    const w = new Map(shapes.map(([name, shape]) => [name, tf.tensor(values.get(name)!, shape)]));
    const images = imageBatch([0, 1, 2].map((i) => drawShapeScene(SHAPES_WORLD, rng.split(i)).pixels));
    const context = new Float32Array(3 * CONTEXT_WIDTH);
    writeContext(context, 1, [2, 3], [2, 2]);
    expect(Array.from(context.subarray(CONTEXT_WIDTH, 2 * CONTEXT_WIDTH))).toEqual([0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0.5]);
    const native = encode(w, images);
    const sliced = encode(w, images, conv3x3);
    expect(Math.max(...(tf.abs(tf.sub(native, sliced)).dataSync() as Float32Array))).toBeLessThan(1e-4);
    expect(tokenLogits(w, native, tf.tensor2d(context, [3, CONTEXT_WIDTH])).shape).toEqual([3, TOKEN_COUNT]);
  });
});
