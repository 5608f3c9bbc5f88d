// Trains the DPLM demo's two secondary-structure taggers on the DSSP labels of the training PDB
// chains (scripts/proteinCorpus.ts) and scores them on the held-out chains of other packages:
//   guide   one 13-wide linear convolution (residue propensities over a window, as GOR-style
//           predictors), seed 11, trained with a random share r ~ U(0, 1) of each sequence's
//           residues blanked (zero vectors), as masked positions are during guided sampling: the
//           gradient of this tagger steers the sampler. A linear guide's gradient is a propensity
//           table, which a nonlinear scorer also reads; the first guide (two 9-wide ReLU
//           convolutions) was exploited instead: at η = 4 its own agreement reached 0.93 while the
//           held-out scorer's fell back to 0.55, the sequences filling with W, M and C.
//   scorer  one 15-wide tanh convolution (64 channels) and a 32-unit tanh layer, seed 12, trained
//           on whole sequences only: it scores guided samples, so guidance is never graded by the
//           model it climbs.
// Writes public/weights/ss-tagger-{guide,scorer}/ (manifest.json with the held-out Q3, weights.bin,
// loss.csv). Usage: npx tsx scripts/train-ss-taggers.ts [--steps 500] [--batch 16] [--lr 3e-3]
import { mkdirSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { RngStream } from '../src/lib/rng';
import { encodeProtein, PAD } from '../src/models/protein/aminoAcids';
import { ConvTagger, encodeSs, initialTaggerParameters, residueOneHot, ssLogLikelihood, TAGGER_KIND, taggerParameterShapes, type ConvTaggerConfig } from '../src/models/protein/convTagger';
import { buildModelManifest, packWeights } from '../src/models/weightFile';
import { proteinSplit, type ProteinRecord } from './proteinCorpus';
import { headCommit, numberOption, parseOptions } from './training';

const args = parseOptions();
const num = (key: string, fallback: number) => numberOption(args, key, fallback);
const steps = num('steps', 500);
const batch = num('batch', 16);
const lr = num('lr', 3e-3);
/** Training crops: long chains are cut at a random start (convolutions have no fixed length). */
const CROP = 160;

interface TaggerSpec {
  name: 'guide' | 'scorer';
  seed: number;
  blankInputs: boolean;
  config: ConvTaggerConfig;
}

export const TAGGERS: TaggerSpec[] = [
  { name: 'guide', seed: 11, blankInputs: true, config: { inputs: 20, layers: [{ kernel: 13, channels: 3, activation: 'none' }] } },
  { name: 'scorer', seed: 12, blankInputs: false, config: { inputs: 20, layers: [{ kernel: 15, channels: 64, activation: 'tanh' }, { kernel: 1, channels: 32, activation: 'tanh' }, { kernel: 1, channels: 3, activation: 'none' }] } },
];

/** A batch of crops: tokens (PAD after the end, or where blanked) and targets (−1 there). */
function sampleBatch(pool: ProteinRecord[], rng: RngStream, blankInputs: boolean): { tokens: Int32Array; target: Int32Array } {
  const tokens = new Int32Array(batch * CROP).fill(PAD);
  const target = new Int32Array(batch * CROP).fill(-1);
  for (let b = 0; b < batch; b++) {
    const r = pool[rng.int(pool.length)];
    const start = r.sequence.length > CROP ? rng.int(r.sequence.length - CROP + 1) : 0;
    const seq = encodeProtein(r.sequence.slice(start, start + CROP));
    const ss = encodeSs(r.ss3!.slice(start, start + CROP));
    const blank = blankInputs ? rng.uniform() : 0;
    for (let i = 0; i < seq.length; i++) {
      tokens[b * CROP + i] = rng.uniform() < blank ? PAD : seq[i];
      target[b * CROP + i] = ss[i];
    }
  }
  return { tokens, target };
}

/** Q3 (share of residues whose class is right) over whole chains, one chain at a time. */
export async function q3(tagger: ConvTagger, chains: ProteinRecord[]): Promise<number> {
  let right = 0;
  let total = 0;
  for (const r of chains) {
    const predicted = await tagger.predict(encodeProtein(r.sequence), 1, r.sequence.length);
    const truth = encodeSs(r.ss3!);
    for (let i = 0; i < truth.length; i++) right += predicted[i] === truth[i] ? 1 : 0;
    total += truth.length;
  }
  return right / total;
}

async function train(spec: TaggerSpec, train: ProteinRecord[], test: ProteinRecord[], commit: string): Promise<void> {
  const root = RngStream.fromSeed(spec.seed);
  const tagger = new ConvTagger(spec.config, initialTaggerParameters(spec.config, root.split('init')));
  const optimizer = tf.train.adam(lr);
  const data = root.split('data');
  const rows: string[] = [];
  let recent: number[] = [];
  const started = Date.now();
  for (let step = 1; step <= steps; step++) {
    const { tokens, target } = sampleBatch(train, data, spec.blankInputs);
    const counted = target.reduce((n, y) => n + (y >= 0 ? 1 : 0), 0);
    const cost = optimizer.minimize(() => tf.div(tf.neg(ssLogLikelihood(tagger, residueOneHot(tokens, batch, CROP), target)), counted) as tf.Scalar, true, [...tagger.params.values()])!;
    recent.push(cost.dataSync()[0]);
    cost.dispose();
    if (step % 100 === 0) {
      const loss = recent.reduce((a, b) => a + b, 0) / recent.length;
      recent = [];
      const heldOutQ3 = await q3(tagger, test);
      rows.push(`${step},${loss.toFixed(5)},${heldOutQ3.toFixed(4)}`);
      console.log(`[${spec.name}] step ${step}/${steps}  loss ${loss.toFixed(4)}  held-out Q3 ${heldOutQ3.toFixed(3)}`);
    }
  }
  const last = rows.at(-1)!.split(',');
  const manifest = buildModelManifest(TAGGER_KIND, taggerParameterShapes, spec.config, {
    role: spec.name === 'guide' ? 'SS guidance (its gradient steers the sampler)' : 'held-out scorer of SS agreement (never used for guidance)',
    data: `DSSP 3-state labels of the ${train.length} theseus-examples PDB chains, random crops of ${CROP}; held out: ${test.length} chains of other packages (scripts/proteinCorpus.ts)`,
    objective: 'per-residue cross-entropy' + (spec.blankInputs ? ', a share r ~ U(0, 1) of each sequence\'s inputs blanked' : ''),
    steps,
    batch,
    learningRate: lr,
    optimizer: 'Adam',
    seed: spec.seed,
    finalTrainLoss: Number(last[1]),
    heldOutQ3: Number(last[2]),
    seconds: Math.round((Date.now() - started) / 1000),
    script: 'scripts/train-ss-taggers.ts',
    backend: 'wasm',
    commit,
  });
  const dir = args.out ?? `public/weights/ss-tagger-${spec.name}`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/manifest.json`, JSON.stringify(manifest, null, 2) + '\n');
  writeFileSync(`${dir}/weights.bin`, Buffer.from(packWeights(manifest, await tagger.exportValues()).buffer));
  writeFileSync(`${dir}/loss.csv`, ['step,train_loss,held_out_q3', ...rows].join('\n') + '\n');
  tagger.dispose();
}

async function main(): Promise<void> {
  const commit = headCommit();
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend did not start');
  const split = proteinSplit();
  const only = args.only ? TAGGERS.filter((t) => t.name === args.only) : TAGGERS;
  const variant = args.variant ? (JSON.parse(args.variant) as Partial<TaggerSpec>) : {};
  for (const spec of only) await train({ ...spec, ...variant }, split.pdbTrain, split.pdbTest, commit);
}

if (process.argv[1]?.endsWith('train-ss-taggers.ts')) await main();
