// The shipped DNDM weights: they load through the app's checks, and their held-out loss, recomputed
// here on the same fixed batch the training script used, matches the manifest and beats what a
// context-free (unigram) predictor can reach on this objective (≈ 0.477).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MaskedDiffusionTransformer } from '../src/models/maskedDiffusionTransformer';
import { maskedDiffusionLoss } from '../src/models/maskedDiffusionLoss';
import { readWeightDir } from '../src/testing/dndmAssets';
import { HELD_OUT_WINDOWS, heldOutBatch, kjvText, splitCorpus } from './kjvCorpus';

const DIR = 'public/weights/dndm-kjv';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('shipped DNDM weights', () => {
  it('load, and reproduce the manifest’s held-out loss below the unigram level', () => {
    const { manifest, values } = readWeightDir(DIR);
    expect(manifest.config.timeInput).toBe(true);
    const model = new MaskedDiffusionTransformer(manifest.config, values);
    const { heldOut } = splitCorpus(kjvText());
    const held = heldOutBatch(heldOut, manifest.config.length, manifest.training.seed as number);
    const loss = tf.tidy(() => maskedDiffusionLoss(model, held.x0, held.corrupted, HELD_OUT_WINDOWS, manifest.config.length).dataSync()[0]);
    model.dispose();
    expect(Math.abs(loss - (manifest.training.finalHeldOutLoss as number))).toBeLessThan(1e-3);
    expect(loss).toBeLessThan(0.45);
  }, 60_000);
});
