// The KJV character corpus as the DNDM model sees it, shared by the training script and the test
// that re-checks the shipped weights (Node only: reads data/text/kjv_verses.txt).
import { existsSync, readFileSync } from 'node:fs';
import { RngStream } from '../src/lib/rng';
import { CHAR_MASK, encodeChars, normaliseText } from '../src/models/charVocab';
import { corrupt, type CorruptedBatch } from '../src/models/maskedDiffusionLoss';
import { dataPath, KJV_FILE } from './dataFiles';

/** The corpus in the repo (data/PROVENANCE.md); the KJV_PATH environment variable overrides it. */
export const KJV_PATH = process.env.KJV_PATH ?? dataPath(KJV_FILE);
export const TRAIN_SHARE = 0.95;
export const HELD_OUT_WINDOWS = 64;

/** Verses without their "Book c:v" reference, normalised, joined by spaces. */
export function kjvText(path = KJV_PATH): string {
  if (!existsSync(path)) throw new Error(`KJV text not found at ${path}: the repo ships it as data/${KJV_FILE}, or set KJV_PATH`);
  const verses = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.replace(/^\S+\s+/, ''))
    .filter((line) => line.length > 0);
  return normaliseText(verses.join(' '));
}

export function splitCorpus(text: string): { train: Int32Array; heldOut: Int32Array } {
  const split = Math.floor(text.length * TRAIN_SHARE);
  return { train: encodeChars(text.slice(0, split)), heldOut: encodeChars(text.slice(split)) };
}

/** `count` random windows of length L. */
export function sampleWindows(source: Int32Array, length: number, count: number, rng: RngStream): Int32Array {
  const x0 = new Int32Array(count * length);
  for (let b = 0; b < count; b++) {
    const start = rng.int(source.length - length);
    x0.set(source.subarray(start, start + length), b * length);
  }
  return x0;
}

/** The fixed held-out batch and corruption whose loss the manifest reports (same seed, same batch). */
export function heldOutBatch(heldOut: Int32Array, length: number, seed: number): { x0: Int32Array; corrupted: CorruptedBatch } {
  const root = RngStream.fromSeed(seed);
  const x0 = sampleWindows(heldOut, length, HELD_OUT_WINDOWS, root.split('held-out'));
  return { x0, corrupted: corrupt(x0, HELD_OUT_WINDOWS, length, CHAR_MASK, root.split('held-out-mask')) };
}
