// The MARINE demo's shipped trained-tier networks: each loads through the app's checks, and the
// held-out scores its manifest reports are recomputed here on the same fixed held-out batch the
// training script used (scripts/train-marine.ts).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { netsFromDisk } from '../src/demos/marine/diskNets';
import { heldOut, heldOutBatch } from './train-marine';

beforeAll(async () => {
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
});

const manifest = (name: string) => JSON.parse(readFileSync(`public/weights/marine-${name}/manifest.json`, 'utf8')) as { training: Record<string, number> };

describe('shipped MARINE trained-tier networks', () => {
  it('reproduce their manifests’ held-out scores, and the detector beats listing nothing', { timeout: 120_000 }, () => {
    const nets = netsFromDisk();
    const captioner = manifest('captioner').training;
    const detector = manifest('detector').training;
    const batch = heldOutBatch(captioner.seed);
    const scores = heldOut(nets.captioner, nets.detector, batch);
    expect(Math.abs(scores.loss - captioner.heldOutLoss)).toBeLessThan(1e-3);
    expect(Math.abs(scores.accuracy - detector.heldOutAccuracy)).toBeLessThan(1e-3);
    expect(Math.abs(scores.recall - detector.heldOutRecall)).toBeLessThan(1e-3);
    // listing nothing is right on every absent (scene, shape) pair: 1 − (mean shapes per scene)/10
    const present = tf.mean(tf.sum(batch.presence, 1)).dataSync()[0];
    expect(scores.accuracy).toBeGreaterThan(1 - present / 10 + 0.05);
    tf.dispose([...Object.values(batch), ...nets.captioner.values(), ...nets.detector.values()]);
  });
});
