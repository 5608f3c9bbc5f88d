// One replicate of the trained tier: fresh ShapesWorld test scenes (a stream the training never saw),
// the detector's list for each at the page's threshold, and captions at every γ from the one trained
// captioner, run unguided (empty hint) and guided (the detector's list as the hint) in one batch per
// step. The two branches' logits come back to TypeScript, where they are mixed and sampled exactly as
// in the analytic tier. Every γ sees the same scenes and sampling coins.

import * as tf from '@tensorflow/tfjs';
import type { RngStream } from '../../lib/rng';
import type { Ticker } from '../../lib/schedule';
import { mixGuidance, sampleToken, type Decoding } from './guidance';
import { captionText, chair, SHAPE_VOCABULARY, type ChairScores } from './metrics';
import { CONTEXT_WIDTH, encode, imageBatch, presenceLogits, SHAPE_STOP, tokenLogits, TOKEN_COUNT, writeContext, type Weights } from './shapesNet';
import { drawShapeScene, SHAPES, SHAPES_WORLD, SHAPE_COUNT, type ShapeScene } from './shapesWorld';

/** The longest trained-tier caption, in mentions (scenes hold at most 4 shapes). */
export const MAX_SHAPE_MENTIONS = 6;
/** Detector thresholds of the threshold sweep (DETR's is 0.95 in the official code), fixed before looking. */
export const THRESHOLDS: readonly number[] = [0.05, 0.2, 0.5, 0.8, 0.95];

export interface TrainedNets {
  captioner: Weights;
  detector: Weights;
}

export interface TrainedSettings {
  scenes: number;
  threshold: number;
  decoding: Decoding;
  gammas: readonly number[];
  /** γ of the threshold sweep. */
  gamma: number;
}

export type TrainedChair = Pick<ChairScores, 'chairS' | 'chairI' | 'recall' | 'meanMentions' | 'emptyShare'>;

export interface TrainedReplicate {
  sweep: { gamma: number; scores: TrainedChair }[];
  /** At `gamma`, the detector at each threshold of THRESHOLDS. */
  thresholds: { threshold: number; scores: TrainedChair; listedTrue: number; listedFalse: number }[];
  /** The detector at the page's threshold on these scenes: per-shape accuracy, recall, false-positive rate. */
  detector: { accuracy: number; recall: number; falsePositiveRate: number };
  examples: { objects: number[]; detected: number[]; vanilla: number[]; guided: number[]; pixels: number[] }[];
}

const summary = ({ chairS, chairI, recall, meanMentions, emptyShare }: ChairScores): TrainedChair => ({ chairS, chairI, recall, meanMentions, emptyShare });
const scoreOf = (scenes: readonly ShapeScene[], captions: readonly number[][]) => summary(chair(captions.map((tokens, i) => ({ text: captionText(tokens, SHAPES), truth: scenes[i].objects })), SHAPE_VOCABULARY));

/** Captions for every scene at γ: one batched network call per step for both branches of the scenes still going. */
export async function captionScenes(captioner: Weights, features: tf.Tensor2D, hints: readonly number[][], gamma: number, decoding: Decoding, rngs: readonly RngStream[], ticker?: Ticker): Promise<number[][]> {
  const n = features.shape[0];
  const mentioned = Array.from({ length: n }, () => [] as number[]);
  let active = Array.from({ length: n }, (_, i) => i);
  for (let step = 0; step < MAX_SHAPE_MENTIONS && active.length > 0; step++) {
    await ticker?.tick();
    const a = active.length;
    const context = new Float32Array(2 * a * CONTEXT_WIDTH);
    active.forEach((i, k) => {
      writeContext(context, k, [], mentioned[i]);
      writeContext(context, a + k, hints[i], mentioned[i]);
    });
    const logits = tf.tidy(() => {
      const rows = tf.gather(features, tf.tensor1d(active, 'int32'));
      return tokenLogits(captioner, tf.concat([rows, rows], 0) as tf.Tensor2D, tf.tensor2d(context, [2 * a, CONTEXT_WIDTH]));
    });
    const values = await logits.data();
    logits.dispose();
    const going: number[] = [];
    active.forEach((i, k) => {
      const unguided = values.subarray(k * TOKEN_COUNT, (k + 1) * TOKEN_COUNT);
      const guided = values.subarray((a + k) * TOKEN_COUNT, (a + k + 1) * TOKEN_COUNT);
      const token = sampleToken(mixGuidance(unguided, guided, gamma), decoding, rngs[i]);
      if (token === SHAPE_STOP) return;
      mentioned[i].push(token);
      going.push(i);
    });
    active = going;
  }
  return mentioned;
}

/** Presence probabilities [n, SHAPE_COUNT] from the detector, row-major. */
async function presence(detector: Weights, images: tf.Tensor4D): Promise<Float32Array> {
  const probabilities = tf.tidy(() => tf.sigmoid(presenceLogits(detector, encode(detector, images))));
  const values = (await probabilities.data()) as Float32Array;
  probabilities.dispose();
  return values;
}

const listAt = (p: Float32Array, i: number, threshold: number) => Array.from({ length: SHAPE_COUNT }, (_, j) => j).filter((j) => p[i * SHAPE_COUNT + j] > threshold);

function detectorScores(scenes: readonly ShapeScene[], lists: readonly number[][]) {
  let right = 0;
  let found = 0;
  let present = 0;
  let falseListed = 0;
  scenes.forEach((s, i) => {
    for (let j = 0; j < SHAPE_COUNT; j++) {
      const listed = lists[i].includes(j);
      const there = s.objects.includes(j);
      if (listed === there) right++;
      if (there) present++;
      if (there && listed) found++;
      if (listed && !there) falseListed++;
    }
  });
  const absent = scenes.length * SHAPE_COUNT - present;
  return { accuracy: right / (scenes.length * SHAPE_COUNT), recall: found / present, falsePositiveRate: falseListed / absent, listedTrue: found / scenes.length, listedFalse: falseListed / scenes.length };
}

export async function trainedReplicate(nets: TrainedNets, settings: TrainedSettings, rng: RngStream, keepExamples: number, ticker?: Ticker): Promise<TrainedReplicate> {
  const sceneRng = rng.split('scenes');
  const scenes = Array.from({ length: settings.scenes }, (_, i) => drawShapeScene(SHAPES_WORLD, sceneRng.split(i)));
  const images = imageBatch(scenes.map((s) => s.pixels));
  const features = encode(nets.captioner, images);
  try {
    const probabilities = await presence(nets.detector, images);
    // every γ and threshold draws from fresh copies of the same per-scene streams (common random numbers)
    const decodeRngs = () => scenes.map((_, i) => rng.split('decode').split(i));
    const pageLists = scenes.map((_, i) => listAt(probabilities, i, settings.threshold));
    const captionsAt = async (gamma: number, lists: number[][]) => captionScenes(nets.captioner, features, lists, gamma, settings.decoding, decodeRngs(), ticker);
    const sweepCaptions = new Map<number, number[][]>();
    for (const gamma of settings.gammas) sweepCaptions.set(gamma, await captionsAt(gamma, pageLists));
    const thresholds = [];
    for (const threshold of THRESHOLDS) {
      const lists = scenes.map((_, i) => listAt(probabilities, i, threshold));
      const captions = threshold === settings.threshold && sweepCaptions.has(settings.gamma) ? sweepCaptions.get(settings.gamma)! : await captionsAt(settings.gamma, lists);
      const { listedTrue, listedFalse } = detectorScores(scenes, lists);
      thresholds.push({ threshold, scores: scoreOf(scenes, captions), listedTrue, listedFalse });
    }
    const vanilla = sweepCaptions.get(0) ?? (await captionsAt(0, pageLists));
    const guided = sweepCaptions.get(settings.gamma) ?? (await captionsAt(settings.gamma, pageLists));
    const { accuracy, recall, falsePositiveRate } = detectorScores(scenes, pageLists);
    return {
      sweep: settings.gammas.map((gamma) => ({ gamma, scores: scoreOf(scenes, sweepCaptions.get(gamma)!) })),
      thresholds,
      detector: { accuracy, recall, falsePositiveRate },
      examples: scenes.slice(0, keepExamples).map((s, i) => ({ objects: s.objects, detected: pageLists[i], vanilla: vanilla[i], guided: guided[i], pixels: Array.from(s.pixels, (v) => Math.round(v * 1000) / 1000) })),
    };
  } finally {
    tf.dispose([images, features]);
  }
}
