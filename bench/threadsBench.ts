// The CPU path's networks (tfjs' wasm backend) at the thread count the query asks for: ?threads=1
// pins the backend to one thread, absent or 0 leaves tfjs' default: half of navigator.hardwareConcurrency
// (at most 8), counting each core as two hyperthreads, whatever is asked (bench/run.mjs tells the page
// of twice the machine's CPUs, so that the default is all of them, up to 8); and threads at all need a
// cross-origin isolated page (without SharedArrayBuffer tfjs loads its single-threaded wasm).
// Each row is one network call as a demo makes it, the best time of repeated calls after a warm-up,
// and a hash of the output's bytes, so that a one-thread page and a many-thread page can be compared
// bit for bit. Runs in bench/threads.html, driven by bench/run.mjs (suite `threads`), once per count.

import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { log, pageOptions } from './benchPage';
import { now } from './timing';
import { withCpuBackend } from '../src/gpu/backend';
import { RngStream } from '../src/lib/rng';
import { loadModelWeights, loadWeights } from '../src/models/loadWeights';
import { initialParameters, MaskedDiffusionTransformer } from '../src/models/maskedDiffusionTransformer';
import { rowLogProbs } from '../src/models/causalLm';
import { reversalLmConfig } from '../src/models/reversalLm';
import { drawTaskPairs, encodeBatch } from '../src/models/reversalTask';
import { sequenceLogProbTfjs } from '../src/models/sequenceLogProbTfjs';
import { CAPTIONER_KIND, captionerShapes, CONTEXT_WIDTH, DETECTOR_KIND, detectorShapes, encode, imageBatch, presenceLogits, tokenLogits, writeContext, type Weights } from '../src/demos/marine/shapesNet';
import { drawShapeScene, SHAPES_WORLD } from '../src/demos/marine/shapesWorld';
import { BUDGETS } from '../src/demos/spin-diffusion/budget';
import { EpsilonMlp, INPUT_WIDTH, writeInput } from '../src/demos/spin-diffusion/diffusion';
import { PROMPTS } from '../src/demos/spin-diffusion/shapes';

export interface ThreadsRow {
  network: string;
  /** The call, in a few words (forward, fwd+bwd, …). */
  call: string;
  /** Its shapes. */
  what: string;
  /** The fastest timed call: the one least disturbed by other work on the machine. */
  msPerCall: number;
  calls: number;
  /** FNV-1a of the output bytes (every output of the call, in order), as 8 hex digits. */
  outputHash: string;
  /** Whether every timed call gave the warm-up call's bytes. */
  repeatable: boolean;
}

export interface ThreadsBenchResult {
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  /** What the query asked for; 0: tfjs' default. */
  requestedThreads: number;
  /** What the wasm backend runs with (its getThreadsCount after initialisation). */
  threads: number;
  tfBackend: string;
  rows: ThreadsRow[];
  /** Tensors alive after every network was disposed, minus before: 0 unless something leaks. */
  leakedTensors: number;
  error?: string;
}

function publish(result: ThreadsBenchResult): void {
  (window as unknown as { benchResult: ThreadsBenchResult }).benchResult = result;
}

const options = pageOptions({ threads: 0, budgetMs: 1500 });
const SEED = 11;
/** The demos' sizes: DNDM's default batch (src/demos/dndm/params.ts), DPLM's (bench/dplmBench.ts). */
const DNDM_BATCH = 16;
const DPLM_BATCH = 4;
/** The SPIN and APPO-ADPO language-model tiers: width 32, 2 layers, batches of 32. */
const REVERSAL_LM = { width: 32, layers: 2 };
const LM_BATCH = 32;
/** MARINE's trained tier encodes all of a replicate's scenes in one call (trainedScenes default). */
const MARINE_SCENES = 300;
/** SPIN-Diffusion's CPU budget samples generatedPerPrompt points for every prompt in one batch. */
const DIFFUSION = BUDGETS.reduced;

function fnv1a(outputs: readonly tf.TypedArray[]): string {
  let h = 0x811c9dc5;
  for (const values of outputs) {
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** One warm-up call, then calls until the budget is spent (at least 3); each call's outputs read back and disposed. */
async function measure(network: string, call: string, what: string, outputsOf: () => tf.Tensor[]): Promise<ThreadsRow> {
  const run = async () => {
    const t0 = now();
    const outputs = outputsOf();
    const values = await Promise.all(outputs.map((o) => o.data()));
    const ms = now() - t0;
    tf.dispose(outputs);
    return { ms, hash: fnv1a(values) };
  };
  const { hash: outputHash } = await run();
  const times: number[] = [];
  let repeatable = true;
  const start = now();
  while (times.length < 3 || now() - start < options.budgetMs) {
    const { ms, hash } = await run();
    times.push(ms);
    repeatable &&= hash === outputHash;
  }
  const row = { network, call, what, msPerCall: Math.min(...times), calls: times.length, outputHash, repeatable };
  log(`${network}, ${call}, ${what}: ${row.msPerCall.toFixed(2)} ms per call (best of ${row.calls}), output ${outputHash}${repeatable ? '' : ', NOT repeatable'}`);
  return row;
}

/** A shipped masked-diffusion transformer's forward on seeded tokens (and seeded t when it takes one). */
async function shippedTransformer(network: string, folder: string, batch: number): Promise<ThreadsRow> {
  const { manifest, values } = await loadWeights(folder);
  const model = new MaskedDiffusionTransformer(manifest.config, values);
  const { vocab, length, timeInput } = manifest.config;
  const rng = RngStream.fromSeed(SEED).split(network);
  const tokens = tf.tensor2d(Int32Array.from({ length: batch * length }, () => rng.int(vocab)), [batch, length], 'int32');
  const t = timeInput ? tf.tensor1d(Float32Array.from({ length: batch }, () => rng.uniform())) : null;
  try {
    return await measure(network, 'forward', `B ${batch}, L ${length}, V ${vocab}`, () => [model.forward(tokens, t)]);
  } finally {
    model.dispose();
    tf.dispose([tokens, ...(t ? [t] : [])]);
  }
}

/** The alignment demos' reversal LM at seeded initial parameters: forward, and the SFT loss's gradient. */
async function reversalLm(): Promise<ThreadsRow[]> {
  const root = RngStream.fromSeed(SEED).split('reversal-lm');
  const config = reversalLmConfig(REVERSAL_LM);
  const model = new MaskedDiffusionTransformer(config, initialParameters(config, root.split('init')));
  const rows = encodeBatch(drawTaskPairs(LM_BATCH, root.split('pairs')));
  const inputs = tf.tensor2d(rows.inputs, [rows.batch, rows.length], 'int32');
  const variables = [...model.params.values()];
  const shape = `B ${rows.batch}, L ${rows.length}, width ${config.width}, ${config.layers} layers`;
  try {
    return [
      await measure('SPIN / APPO-ADPO LM', 'forward', shape, () => [model.forward(inputs, null)]),
      // the SFT step's loss (reversalLm.ts nllStep, with the CPU path's op chain) and every gradient
      await measure('SPIN / APPO-ADPO LM', 'NLL fwd+bwd', shape, () => {
        const { value, grads } = tf.variableGrads(() => tf.neg(tf.mean(rowLogProbs(model, rows, sequenceLogProbTfjs))) as tf.Scalar, variables);
        return [value, ...variables.map((v) => grads[v.name])];
      }),
    ];
  } finally {
    model.dispose();
    inputs.dispose();
  }
}

/** MARINE's trained detector and captioner (shipped weights) on seeded ShapesWorld scenes. */
async function marine(): Promise<ThreadsRow[]> {
  const [detector, captioner] = await Promise.all([loadModelWeights('/weights/marine-detector/', DETECTOR_KIND, detectorShapes), loadModelWeights('/weights/marine-captioner/', CAPTIONER_KIND, captionerShapes)]);
  const weights = (u: typeof detector, shapes: [string, number[]][]): Weights => new Map(shapes.map(([name, shape]) => [name, tf.tensor(u.values.get(name)!, shape)]));
  const detectorWeights = weights(detector, detectorShapes(detector.manifest.config));
  const captionerWeights = weights(captioner, captionerShapes(captioner.manifest.config));
  const sceneRng = RngStream.fromSeed(SEED).split('marine-scenes');
  const scenes = Array.from({ length: MARINE_SCENES }, (_, i) => drawShapeScene(SHAPES_WORLD, sceneRng.split(i)));
  const images = imageBatch(scenes.map((s) => s.pixels));
  // the first decoding step: every scene unguided (empty hint) and guided (here its true objects)
  const context = new Float32Array(2 * MARINE_SCENES * CONTEXT_WIDTH);
  scenes.forEach((s, i) => {
    writeContext(context, i, [], []);
    writeContext(context, MARINE_SCENES + i, s.objects, []);
  });
  const contextRows = tf.tensor2d(context, [2 * MARINE_SCENES, CONTEXT_WIDTH]);
  const imageShape = `B ${MARINE_SCENES}, 32×32 images`;
  try {
    return [
      await measure('MARINE detector', 'encode + presence', imageShape, () => [tf.tidy(() => presenceLogits(detectorWeights, encode(detectorWeights, images)))]),
      await measure('MARINE captioner', 'encode + tokens', `${imageShape}, 2 × ${MARINE_SCENES} decoder rows`, () => [
        tf.tidy(() => {
          const features = encode(captionerWeights, images);
          return tokenLogits(captionerWeights, tf.concat([features, features], 0) as tf.Tensor2D, contextRows);
        }),
      ]),
    ];
  } finally {
    tf.dispose([...detectorWeights.values(), ...captionerWeights.values(), images, contextRows]);
  }
}

/** SPIN-Diffusion's ε-MLP at the CPU budget, seeded weights, on one sampling step's batch. */
async function epsilonMlp(): Promise<ThreadsRow> {
  const rng = RngStream.fromSeed(SEED).split('spin-diffusion');
  const model = EpsilonMlp.init(DIFFUSION.hidden, DIFFUSION.layers, rng.split('init'));
  const n = DIFFUSION.generatedPerPrompt * PROMPTS.length;
  const rows = new Float32Array(n * INPUT_WIDTH);
  const points = rng.split('points');
  for (let i = 0; i < n; i++) writeInput(rows, i, points.normal(), points.normal(), 20, i % PROMPTS.length);
  const input = tf.tensor2d(rows, [n, INPUT_WIDTH]);
  try {
    return await measure('SPIN-Diffusion ε-MLP', 'forward', `n ${n}, ${DIFFUSION.layers}×${DIFFUSION.hidden} (reduced budget)`, () => [tf.tidy(() => model.apply(input))]);
  } finally {
    model.dispose();
    input.dispose();
  }
}

async function main(): Promise<void> {
  // read when the wasm backend initialises, so it must be set before the first switch to it
  if (options.threads >= 1) setThreadsCount(options.threads);
  const result = await withCpuBackend(async (tfBackend) => {
    const tensorsBefore = tf.memory().numTensors;
    const threads = tfBackend === 'wasm' ? getThreadsCount() : 1;
    log(`crossOriginIsolated ${crossOriginIsolated}, ${navigator.hardwareConcurrency} cores, tfjs ${tfBackend} with ${threads} thread(s)`);
    const rows = [
      await shippedTransformer('DNDM transformer', '/weights/dndm-kjv/', DNDM_BATCH),
      await shippedTransformer('DPLM transformer', '/weights/dplm-proteins/', DPLM_BATCH),
      ...(await reversalLm()),
      ...(await marine()),
      await epsilonMlp(),
    ];
    return { threads, tfBackend, rows, leakedTensors: tf.memory().numTensors - tensorsBefore };
  });
  publish({ crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency, requestedThreads: options.threads, ...result });
}

main().catch((err: unknown) => {
  publish({ crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency, requestedThreads: options.threads, threads: 0, tfBackend: '', rows: [], leakedTensors: 0, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
});
