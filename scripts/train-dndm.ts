// Trains the DNDM demo's character masked-diffusion transformer on the KJV text (text8-style:
// a–z and space), seeded and reproducible, in Node on tfjs' wasm backend (or cpu), and writes
//   <out>/manifest.json  (format, config, parameter table, data, hyper-parameters, seed, losses,
//                         the sample check, commit)
//   <out>/weights.bin    (little-endian Float32)
//   <out>/loss.csv       (the loss curve)
// every --checkpoint steps and at the end. The final weights' samples are checked with the demo's
// samplers and judge (scripts/sample-dndm.ts) and the result goes into the manifest.
// --init <dir> continues from a weight file (its config replaces the size options; a new warm-up
// and cosine run over --steps; give it another --seed, or it replays the first run's batches), recorded in the
// manifest with the earlier run's training record.
// Usage: npx tsx scripts/train-dndm.ts [--steps 3000] [--batch 32] [--length 64] [--width 64]
//        [--layers 2] [--heads 4] [--ffn 256] [--lr 2e-3] [--seed 1] [--time 1] [--checkpoint 1000]
//        [--init <dir>] [--threads 1|2] [--data data/text/kjv_verses.txt] [--out public/weights/dndm-kjv] [--backend wasm]
// --threads 2 splits each batch over two threads (scripts/dataParallel.ts): the same batches, the
// gradient equal up to float rounding, 1.5× faster on two free cores.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { RngStream } from '../src/lib/rng';
import { CHAR_MASK, CHAR_VOCAB } from '../src/models/charVocab';
import { corrupt, maskedDiffusionLoss, type CorruptedBatch } from '../src/models/maskedDiffusionLoss';
import { initialParameters, MaskedDiffusionTransformer, parameterCount, type TransformerConfig } from '../src/models/maskedDiffusionTransformer';
import { buildManifest, packWeights } from '../src/models/weightFile';
import { readDndmJudge, readWeightDir } from '../src/testing/dndmAssets';
import { HELD_OUT_WINDOWS, heldOutBatch, KJV_PATH, kjvText, sampleWindows, splitCorpus } from './kjvCorpus';
import { flatten, GradientWorker, halfGradient, sliceBatch } from './dataParallel';
import { registerPlainMatMulGradient } from './plainMatMulGrad';
import { checkSamples } from './sample-dndm';
import { headCommit, learningRateAt, numberOption, parseOptions } from './training';

const args = parseOptions();
const num = (key: string, fallback: number) => numberOption(args, key, fallback);
const steps = num('steps', 3000);
const batch = num('batch', 32);
const lr = num('lr', 2e-3);
const seed = num('seed', 1);
const checkpointEvery = num('checkpoint', 1000);
const dataPath = args.data ?? KJV_PATH;
const outDir = args.out ?? 'public/weights/dndm-kjv';
const backend = args.backend ?? 'wasm';
const threads = num('threads', 1);
/** The run this one continues (--init): its config, weights and training record. */
const initial = args.init ? readWeightDir(args.init) : null;
/**
 * loss.csv: one row per logged step. A continued run's curve goes on from the earlier run's (read
 * now: --out is often the --init folder), its steps counted on; each row names the seed of the
 * held-out batch it was measured on, since each run measures on its own seed's batch.
 */
const LOSS_HEADER = 'step,train_loss,held_out_loss,held_out_seed';
const earlierCurve = initial ? readEarlierCurve(args.init) : [];
const stepOffset = earlierCurve.length > 0 ? Number(earlierCurve.at(-1)!.split(',')[0]) : 0;
const config: TransformerConfig = initial?.manifest.config ?? {
  vocab: CHAR_VOCAB,
  length: num('length', 64),
  width: num('width', 64),
  heads: num('heads', 4),
  layers: num('layers', 2),
  ffn: num('ffn', 256),
  timeInput: num('time', 1) === 1,
};
/** The sampler check written into the manifest: the demo's default pair at its default T. */
const SAMPLE_CHECK = { steps: 50, sequences: 64, temperature: 1, seed: 1 };

/** The earlier run's loss rows, in this file's four columns (a three-column file gets its run's seed). */
function readEarlierCurve(dir: string): string[] {
  const earlierSeed = initial!.manifest.training.seed;
  const [header, ...rows] = readFileSync(`${dir}/loss.csv`, 'utf8').trim().split('\n');
  if (header === LOSS_HEADER) return rows;
  if (header === 'step,train_loss,held_out_loss') return rows.map((row) => `${row},${earlierSeed}`);
  throw new Error(`${dir}/loss.csv: unknown header ${header}`);
}

async function writeFiles(model: MaskedDiffusionTransformer, rows: string[], training: Record<string, unknown>): Promise<void> {
  const last = rows.at(-1)!.split(',');
  const manifest = buildManifest(config, {
    data: 'KJV Bible (public domain; Debian bible-kjv-text 4.38), verse references dropped, lower-cased a–z + space; first 95 % train, last 5 % held out',
    objective: 'absorbing diffusion, t ~ U(0,1), mask prob t, masked cross-entropy / L, weight (1 − t)',
    plannedSteps: steps,
    batch,
    learningRate: lr,
    schedule: '200-step warm-up, cosine to 10 %',
    optimizer: 'Adam(0.9, 0.98)',
    seed,
    finalTrainLoss: Number(last[1]),
    finalHeldOutLoss: Number(last[2]),
    script: 'scripts/train-dndm.ts',
    backend,
    threads,
    ...training,
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${outDir}/manifest.json`, JSON.stringify(manifest, null, 2) + '\n');
  writeFileSync(`${outDir}/weights.bin`, Buffer.from(packWeights(manifest, await model.exportValues()).buffer));
  writeFileSync(`${outDir}/loss.csv`, [LOSS_HEADER, ...earlierCurve, ...rows].join('\n') + '\n');
}

/** One optimiser step with the batch split over this thread and the helper; returns the batch loss. */
async function splitStep(model: MaskedDiffusionTransformer, optimizer: tf.Optimizer, helper: GradientWorker, x0: Int32Array, corrupted: CorruptedBatch): Promise<number> {
  const half = batch / 2;
  const L = config.length;
  const theirs = sliceBatch(x0, corrupted, L, half, batch);
  const reply = helper.gradient({ values: flatten(config, await model.exportValues()), ...theirs, batch: half });
  const mine = sliceBatch(x0, corrupted, L, 0, half);
  const own = halfGradient(model, mine.x0, mine.corrupted, half);
  const other = await reply;
  let offset = 0;
  const grads: tf.NamedTensorMap = {};
  for (const [name, variable] of model.params) {
    const g = own.grads.get(name)!;
    const averaged = g.map((v, i) => (v + other.grads[offset + i]) / 2);
    offset += g.length;
    grads[variable.name] = tf.tensor(averaged, variable.shape);
  }
  optimizer.applyGradients(grads);
  tf.dispose(grads);
  return (own.loss + other.loss) / 2;
}

async function main(): Promise<void> {
  const commit = headCommit();
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} did not start`);
  registerPlainMatMulGradient();
  const { train, heldOut } = splitCorpus(kjvText(dataPath));
  const L = config.length;
  const root = RngStream.fromSeed(seed);
  const model = new MaskedDiffusionTransformer(config, initial?.values ?? initialParameters(config, root.split('init')));
  // a fixed held-out batch with a fixed corruption: its loss is comparable across steps
  const held = heldOutBatch(heldOut, L, seed);
  const heldLoss = () => tf.tidy(() => maskedDiffusionLoss(model, held.x0, held.corrupted, HELD_OUT_WINDOWS, L).dataSync()[0]);
  const optimizer = tf.train.adam(lr, 0.9, 0.98);
  const dataRng = root.split('data');
  const maskRng = root.split('mask');
  if (threads !== 1 && (threads !== 2 || batch % 2 !== 0)) throw new Error(`--threads must be 1, or 2 with an even --batch (got ${threads}, batch ${batch})`);
  const helper = threads === 2 ? new GradientWorker(config, backend) : null;
  // a continued run records where it started, on its own held-out batch
  const continuedFrom = initial ? { continuedFrom: { dir: args.init, heldOutLossAtStart: Number(heldLoss().toFixed(5)), training: initial.manifest.training } } : {};
  const rows: string[] = [];
  let recent: number[] = [];
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  console.log(`[train] ${parameterCount(config)} parameters, ${train.length} training characters, backend ${backend}`);
  for (let step = 1; step <= steps; step++) {
    const x0 = sampleWindows(train, L, batch, dataRng);
    const corrupted = corrupt(x0, batch, L, CHAR_MASK, maskRng.split(step));
    (optimizer as unknown as { learningRate: number }).learningRate = learningRateAt(step, lr, steps, 200);
    if (helper) recent.push(await splitStep(model, optimizer, helper, x0, corrupted));
    else {
      const cost = optimizer.minimize(() => maskedDiffusionLoss(model, x0, corrupted, batch, L), true, [...model.params.values()])!;
      recent.push(cost.dataSync()[0]);
      cost.dispose();
    }
    if (step % num('log', 100) === 0 || step === steps) {
      const trainLoss = recent.reduce((a, b) => a + b, 0) / recent.length;
      recent = [];
      const heldOutLoss = heldLoss();
      rows.push(`${stepOffset + step},${trainLoss.toFixed(5)},${heldOutLoss.toFixed(5)},${seed}`);
      console.log(`[train] step ${step}/${steps}  train ${trainLoss.toFixed(4)}  held-out ${heldOutLoss.toFixed(4)}  (${seconds()} s)`);
    }
    if (step % checkpointEvery === 0 && step < steps && rows.length > 0) await writeFiles(model, rows, { ...continuedFrom, steps: step, commit, seconds: seconds(), checkpoint: true });
  }
  await helper?.terminate();
  const trainingSeconds = seconds();
  const samples = [];
  const judge = readDndmJudge();
  for (const sampler of ['rdm-k-remask', 'dndm-k-remask'] as const) {
    const check = await checkSamples(model, judge, sampler, SAMPLE_CHECK);
    console.log(`[train] ${sampler} T=${check.steps}: corpus words ${(100 * check.quality.realWordShare).toFixed(1)} %, judge perplexity ${Math.exp(check.quality.judgeNll).toFixed(1)}`);
    samples.push({ sampler, ...SAMPLE_CHECK, realWordShare: check.quality.realWordShare, judgePerplexity: Math.exp(check.quality.judgeNll), bigramKl: check.quality.bigramKl });
  }
  await writeFiles(model, rows, { ...continuedFrom, steps, commit, seconds: trainingSeconds, sampleCheck: samples });
  console.log(`[train] wrote ${outDir}/manifest.json, weights.bin, loss.csv`);
}

await main();
