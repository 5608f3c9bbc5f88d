// Trains the MARINE demo's trained tier (src/demos/marine/shapesNet.ts) on ShapesWorld scenes
// (src/demos/marine/shapesWorld.ts), fresh ones every step from the 'train' stream of the seed:
//   captioner  next-token cross-entropy. Each scene's objects in a random order, a random number of
//              them already mentioned; the target is uniform over the objects not yet mentioned (the
//              caption is a set), STOP once all are. The hint is empty half the time, otherwise each
//              present object with probability 0.8: one network learns to caption with and without
//              a grounding list, and that a list holds only objects that are there.
//   detector   per-shape sigmoid cross-entropy on presence.
// Held-out scenes come from the 'held-out' stream; the page's test scenes from the run seed's
// 'trained' stream (seed 1 is the default for both: the labels keep the streams apart). Writes public/weights/marine-{captioner,detector}/ (manifest.json with the
// held-out scores, weights.bin, loss.csv).
// Usage: npx tsx scripts/train-marine.ts [--steps 2500] [--batch 32] [--lr 2e-3] [--seed 1]
import { mkdirSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { RngStream } from '../src/lib/rng';
import { CAPTIONER_KIND, captionerShapes, CONTEXT_WIDTH, conv3x3, DETECTOR_KIND, detectorShapes, encode, imageBatch, initialWeights, presenceLogits, SHAPE_STOP, SHAPES_NET, tokenLogits, TOKEN_COUNT, writeContext, type Weights } from '../src/demos/marine/shapesNet';
import { drawShapeScene, SHAPE_COUNT, SHAPES_WORLD, type ShapeScene } from '../src/demos/marine/shapesWorld';
import { buildModelManifest, packWeights } from '../src/models/weightFile';
import { headCommit, learningRateAt, numberOption, parseOptions } from './training';

const args = parseOptions();
const num = (key: string, fallback: number) => numberOption(args, key, fallback);
const steps = num('steps', 2500);
const batch = num('batch', 32);
const peakRate = num('lr', 2e-3);
const seed = num('seed', 1);
/** P(the hint is empty), and P(a present object is in a non-empty hint). */
export const HINT_EMPTY = 0.5;
export const HINT_KEEP = 0.8;
export const HELD_OUT = 512;
const EVAL_EVERY = 250;

interface CaptionExample {
  context: Float32Array;
  target: Float32Array;
}

/** One training row for the captioner from a scene: a random prefix of a random order, a random hint. */
export function captionExample(scene: ShapeScene, rng: RngStream): CaptionExample {
  const order = scene.objects.slice();
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const said = rng.int(order.length + 1);
  const hint = rng.uniform() < HINT_EMPTY ? [] : scene.objects.filter(() => rng.uniform() < HINT_KEEP);
  const context = new Float32Array(CONTEXT_WIDTH);
  writeContext(context, 0, hint, order.slice(0, said));
  const target = new Float32Array(TOKEN_COUNT);
  const rest = order.slice(said);
  if (rest.length === 0) target[SHAPE_STOP] = 1;
  else for (const o of rest) target[o] = 1 / rest.length;
  return { context, target };
}

export function batchTensors(scenes: readonly ShapeScene[], rng: RngStream) {
  const examples = scenes.map((s, i) => captionExample(s, rng.split(i)));
  const context = new Float32Array(scenes.length * CONTEXT_WIDTH);
  const target = new Float32Array(scenes.length * TOKEN_COUNT);
  const presence = new Float32Array(scenes.length * SHAPE_COUNT);
  examples.forEach((e, i) => {
    context.set(e.context, i * CONTEXT_WIDTH);
    target.set(e.target, i * TOKEN_COUNT);
    for (const o of scenes[i].objects) presence[i * SHAPE_COUNT + o] = 1;
  });
  return {
    images: imageBatch(scenes.map((s) => s.pixels)),
    context: tf.tensor2d(context, [scenes.length, CONTEXT_WIDTH]),
    target: tf.tensor2d(target, [scenes.length, TOKEN_COUNT]),
    presence: tf.tensor2d(presence, [scenes.length, SHAPE_COUNT]),
  };
}

/** The fixed held-out batch of a seed: scenes and captioner examples from its 'held-out' stream. */
export function heldOutBatch(seed: number) {
  const heldRng = RngStream.fromSeed(seed).split('held-out');
  return batchTensors(Array.from({ length: HELD_OUT }, (_, i) => drawShapeScene(SHAPES_WORLD, heldRng.split(i))), heldRng.split('examples'));
}

const captionLoss = (w: Weights, b: ReturnType<typeof batchTensors>) => tf.neg(tf.mean(tf.sum(tf.mul(b.target, tf.logSoftmax(tokenLogits(w, encode(w, b.images, conv3x3), b.context))), 1))) as tf.Scalar;
const detectorLoss = (w: Weights, b: ReturnType<typeof batchTensors>) => tf.losses.sigmoidCrossEntropy(b.presence, presenceLogits(w, encode(w, b.images, conv3x3))) as tf.Scalar;

function variables(values: Map<string, Float32Array>, shapes: [string, number[]][]): Map<string, tf.Variable> {
  return new Map(shapes.map(([name, shape]) => [name, tf.variable(tf.tensor(values.get(name)!, shape), true, `${name}_${Math.random()}`)]));
}

/** Held-out scores: captioner loss and detector accuracy (per shape, threshold 0.5) on fixed scenes. */
export function heldOut(captioner: Weights, detector: Weights, b: ReturnType<typeof batchTensors>) {
  return tf.tidy(() => {
    const loss = captionLoss(captioner, b).dataSync()[0];
    const detected = tf.greater(presenceLogits(detector, encode(detector, b.images, conv3x3)), 0);
    const truth = tf.greater(b.presence, 0.5);
    const accuracy = tf.mean(tf.cast(tf.equal(detected, truth), 'float32')).dataSync()[0];
    const recall = tf.sum(tf.cast(tf.logicalAnd(detected, truth), 'float32')).dataSync()[0] / tf.sum(tf.cast(truth, 'float32')).dataSync()[0];
    const falsePositive = tf.sum(tf.cast(tf.logicalAnd(detected, tf.logicalNot(truth)), 'float32')).dataSync()[0] / tf.sum(tf.cast(tf.logicalNot(truth), 'float32')).dataSync()[0];
    return { loss, accuracy, recall, falsePositive };
  });
}

async function main(): Promise<void> {
  const commit = headCommit();
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend did not start');
  const root = RngStream.fromSeed(seed);
  const capShapes = captionerShapes(SHAPES_NET);
  const detShapes = detectorShapes(SHAPES_NET);
  const captioner = variables(initialWeights(capShapes, root.split('init').split('captioner')), capShapes);
  const detector = variables(initialWeights(detShapes, root.split('init').split('detector')), detShapes);
  const capOptimizer = tf.train.adam(peakRate);
  const detOptimizer = tf.train.adam(peakRate);
  const held = heldOutBatch(seed);
  const train = root.split('train');
  const rows: string[] = [];
  let recent: [number, number][] = [];
  const started = Date.now();
  for (let step = 1; step <= steps; step++) {
    const rate = learningRateAt(step, peakRate, steps, Math.round(steps / 20));
    (capOptimizer as unknown as { learningRate: number }).learningRate = rate;
    (detOptimizer as unknown as { learningRate: number }).learningRate = rate;
    const draw = train.split(step);
    const scenes = Array.from({ length: batch }, (_, i) => drawShapeScene(SHAPES_WORLD, draw.split(i)));
    const b = batchTensors(scenes, draw.split('examples'));
    const capCost = capOptimizer.minimize(() => captionLoss(captioner, b), true, [...captioner.values()])!;
    const detCost = detOptimizer.minimize(() => detectorLoss(detector, b), true, [...detector.values()])!;
    recent.push([capCost.dataSync()[0], detCost.dataSync()[0]]);
    tf.dispose([capCost, detCost, b.images, b.context, b.target, b.presence]);
    if (step % EVAL_EVERY === 0 || step === steps) {
      const mean = (k: 0 | 1) => recent.reduce((s, r) => s + r[k], 0) / recent.length;
      const h = heldOut(captioner, detector, held);
      rows.push([step, mean(0).toFixed(5), mean(1).toFixed(5), h.loss.toFixed(5), h.accuracy.toFixed(4), h.recall.toFixed(4), h.falsePositive.toFixed(4)].join(','));
      console.log(`step ${step}/${steps}  captioner ${mean(0).toFixed(4)} (held-out ${h.loss.toFixed(4)})  detector ${mean(1).toFixed(4)}: accuracy ${h.accuracy.toFixed(3)}, recall ${h.recall.toFixed(3)}, false positives ${h.falsePositive.toFixed(3)}  ${Math.round((Date.now() - started) / 1000)} s`);
      recent = [];
    }
  }
  const last = rows.at(-1)!.split(',').map(Number);
  const training = {
    data: `ShapesWorld scenes (src/demos/marine/shapesWorld.ts: partner rate ${SHAPES_WORLD.partnerRate}, extra-shape rate ${SHAPES_WORLD.extraRate}, pixel noise ${SHAPES_WORLD.noise}), ${batch} fresh scenes per step from seed ${seed}'s 'train' stream; held out: ${HELD_OUT} scenes of its 'held-out' stream`,
    steps,
    batch,
    learningRate: peakRate,
    schedule: 'linear warm-up over 5% of the steps, then cosine decay to 10%',
    optimizer: 'Adam',
    seed,
    seconds: Math.round((Date.now() - started) / 1000),
    script: 'scripts/train-marine.ts',
    backend: 'wasm',
    commit,
  };
  const save = async (name: string, kind: string, shapes: [string, number[]][], weights: Map<string, tf.Variable>, extra: Record<string, unknown>) => {
    const manifest = buildModelManifest(kind, () => shapes, SHAPES_NET, { ...training, ...extra });
    const values = new Map<string, Float32Array>();
    for (const [k, v] of weights) values.set(k, (await v.data()) as Float32Array);
    const dir = `${args.out ?? 'public/weights'}/marine-${name}`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/manifest.json`, JSON.stringify(manifest, null, 2) + '\n');
    writeFileSync(`${dir}/weights.bin`, Buffer.from(packWeights(manifest, values).buffer));
    writeFileSync(`${dir}/loss.csv`, ['step,captioner_loss,detector_loss,held_out_captioner_loss,held_out_detector_accuracy,held_out_detector_recall,held_out_detector_false_positive_rate', ...rows].join('\n') + '\n');
  };
  await save('captioner', CAPTIONER_KIND, capShapes, captioner, {
    objective: `next-token cross-entropy against the uniform distribution over objects not yet mentioned (STOP when none); hint empty with probability ${HINT_EMPTY}, else each present object with probability ${HINT_KEEP}`,
    finalTrainLoss: last[1],
    heldOutLoss: last[3],
  });
  await save('detector', DETECTOR_KIND, detShapes, detector, { objective: 'per-shape sigmoid cross-entropy on presence', finalTrainLoss: last[2], heldOutAccuracy: last[4], heldOutRecall: last[5], heldOutFalsePositiveRate: last[6] });
}

if (process.argv[1]?.endsWith('train-marine.ts')) await main();
