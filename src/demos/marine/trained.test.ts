import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { NOISY_THRESHOLD } from './claims';
import { netsFromDisk } from './diskNets';
import { THRESHOLDS, trainedReplicate } from './trained';

beforeAll(async () => {
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
});

const settings = { scenes: 150, threshold: 0.5, decoding: { temperature: 0.6, topP: 0.9 }, gammas: [0, 0.7], gamma: 0.7 };

describe('the trained tier with the shipped weights', () => {
  it('are the weights the manifest describes, made by the script, with its held-out scores', () => {
    for (const name of ['captioner', 'detector']) {
      const manifest = JSON.parse(readFileSync(`public/weights/marine-${name}/manifest.json`, 'utf8'));
      expect(manifest.training.script).toBe('scripts/train-marine.ts');
      expect(manifest.training.commit).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it('captions fresh scenes, the detector has learned (> 0.8 per-shape accuracy), and every tensor is freed', { timeout: 120_000 }, async () => {
    const nets = netsFromDisk();
    const before = tf.memory().numTensors;
    const run = await trainedReplicate(nets, settings, RngStream.fromSeed(5), 3);
    expect(tf.memory().numTensors).toBe(before);
    expect(run.detector.accuracy).toBeGreaterThan(0.8);
    expect(run.sweep.map((p) => p.gamma)).toEqual([0, 0.7]);
    expect(run.thresholds.map((t) => t.threshold)).toEqual(THRESHOLDS);
    // a lower threshold lists more shapes, right and wrong
    const noisy = run.thresholds.find((t) => t.threshold === NOISY_THRESHOLD)!;
    const strict = run.thresholds.find((t) => t.threshold === 0.95)!;
    expect(noisy.listedFalse).toBeGreaterThan(strict.listedFalse);
    expect(noisy.listedTrue).toBeGreaterThanOrEqual(strict.listedTrue);
    expect(run.examples).toHaveLength(3);
    expect(run.examples[0].pixels).toHaveLength(1024);
    // the vanilla captioner is weak but reads the image: fewer wrong mentions than naming shapes at
    // random would give (1 − 2.7 present of 10 ≈ 0.73), and a third or more of the present shapes named
    expect(run.sweep[0].scores.chairI).toBeLessThan(0.7);
    expect(run.sweep[0].scores.recall).toBeGreaterThan(0.3);
    tf.dispose([...nets.captioner.values(), ...nets.detector.values()]);
  });

  it('at γ = 0 ignores the hint: the same captions whatever the detector lists', { timeout: 120_000 }, async () => {
    const nets = netsFromDisk();
    const a = await trainedReplicate(nets, { ...settings, scenes: 60, gammas: [0], threshold: 0.5 }, RngStream.fromSeed(6), 60);
    const b = await trainedReplicate(nets, { ...settings, scenes: 60, gammas: [0], threshold: 0.05 }, RngStream.fromSeed(6), 60);
    expect(a.examples.map((e) => e.vanilla)).toEqual(b.examples.map((e) => e.vanilla));
    expect(a.examples.map((e) => e.detected)).not.toEqual(b.examples.map((e) => e.detected));
    tf.dispose([...nets.captioner.values(), ...nets.detector.values()]);
  });
});
