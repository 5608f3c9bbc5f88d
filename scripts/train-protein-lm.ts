// Trains one of the DPLM demo's two protein language models, seeded and reproducible, in Node on
// tfjs' wasm backend:
//   --objective dplm  the diffusion protein LM (src/models/protein/proteinLmLoss.ts: t ~ U{1..500},
//                     mask prob t/T, weight (T − t + 1)/T)
//   --objective mlm   the masked-LM baseline: the same network, data, batches and budget, 15 % masking
// Data (scripts/proteinCorpus.ts): the training globins and the theseus PDB chains, each drawn
// uniformly and cropped at a random start to the model's positions (as DPLM crops at 1022); padding
// after shorter ones. The held-out loss is on a fixed batch of the held-out myoglobins and PDB
// chains. Writes <out>/manifest.json, weights.bin and loss.csv every --checkpoint steps and at the end.
// Usage: npx tsx scripts/train-protein-lm.ts --objective dplm|mlm [--steps 2500] [--batch 16]
//        [--length 160] [--width 64] [--layers 3] [--heads 4] [--ffn 256] [--lr 2e-3] [--seed 1]
//        [--checkpoint 500] [--until <step>] [--out public/weights/dplm-proteins]
import { mkdirSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { RngStream } from '../src/lib/rng';
import { PROTEIN_VOCAB } from '../src/models/protein/aminoAcids';
import { maskProteins, proteinLmLoss, type ProteinObjective, DPLM_STEPS, MLM_RATE } from '../src/models/protein/proteinLmLoss';
import { initialParameters, MaskedDiffusionTransformer, parameterCount, type TransformerConfig } from '../src/models/maskedDiffusionTransformer';
import { buildManifest, packWeights } from '../src/models/weightFile';
import { LM_HELD_OUT_SEQUENCES, lmHeldOutBatch, proteinSplit, sampleCrops } from './proteinCorpus';
import { registerPlainMatMulGradient } from './plainMatMulGrad';
import { headCommit, learningRateAt, numberOption, parseOptions } from './training';

const args = parseOptions();
const num = (key: string, fallback: number) => numberOption(args, key, fallback);
const objective = args.objective as ProteinObjective;
if (objective !== 'dplm' && objective !== 'mlm') throw new Error('--objective must be dplm or mlm');
const steps = num('steps', 2500);
/** Stop after this step (the schedule still spans --steps): what a run cut short by its checkpoint did. */
const until = Math.min(steps, num('until', steps));
const batch = num('batch', 16);
const lr = num('lr', 2e-3);
const seed = num('seed', 1);
const checkpointEvery = num('checkpoint', 500);
const outDir = args.out ?? `public/weights/${objective === 'dplm' ? 'dplm' : 'mlm'}-proteins`;
const config: TransformerConfig = {
  vocab: PROTEIN_VOCAB,
  length: num('length', 160),
  width: num('width', 64),
  heads: num('heads', 4),
  layers: num('layers', 3),
  ffn: num('ffn', 256),
  timeInput: false,
};

async function main(): Promise<void> {
  const commit = headCommit();
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend did not start');
  registerPlainMatMulGradient();
  const split = proteinSplit();
  const train = [...split.globinsTrain, ...split.pdbTrain];
  const heldOutPool = [...split.globinsTest, ...split.pdbTest];
  const L = config.length;
  const root = RngStream.fromSeed(seed);
  const model = new MaskedDiffusionTransformer(config, initialParameters(config, root.split('init')));
  const logitsOf = (noisy: tf.Tensor2D) => model.forward(noisy, null);
  // the held-out batch and its masking are fixed: comparable across runs and steps
  const held = lmHeldOutBatch(split, L, objective);
  const heldLoss = () => tf.tidy(() => proteinLmLoss(logitsOf, held.x0, held.masked, LM_HELD_OUT_SEQUENCES, L).dataSync()[0]);
  const optimizer = tf.train.adam(lr, 0.9, 0.98);
  const dataRng = root.split('data');
  const maskRng = root.split('mask');
  const rows: string[] = [];
  let recent: number[] = [];
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  console.log(`[train ${objective}] ${parameterCount(config)} parameters, ${train.length} training sequences, ${heldOutPool.length} held out`);
  const write = async (training: Record<string, unknown>) => {
    const last = rows.at(-1)!.split(',');
    const manifest = buildManifest(config, {
      objective: objective === 'dplm' ? `DPLM: t ~ U{1..${DPLM_STEPS}}, mask prob t/T, masked CE weighted (T − t + 1)/T, / #masked` : `masked LM: ${100 * MLM_RATE} % of residues masked, CE / #masked`,
      data: `globins630 less the myoglobins (${split.globinsTrain.length}) + theseus-examples PDB chains (${split.pdbTrain.length}); random crops of ${L}; held out: ${split.globinsTest.length} myoglobins + ${split.pdbTest.length} PDB chains of other packages (scripts/proteinCorpus.ts)`,
      plannedSteps: steps,
      batch,
      learningRate: lr,
      schedule: '200-step warm-up, cosine to 10 %',
      optimizer: 'Adam(0.9, 0.98)',
      seed,
      finalTrainLoss: Number(last[1]),
      finalHeldOutLoss: Number(last[2]),
      script: `scripts/train-protein-lm.ts --objective ${objective}`,
      backend: 'wasm',
      commit,
      ...training,
    });
    mkdirSync(outDir, { recursive: true });
    writeFileSync(`${outDir}/manifest.json`, JSON.stringify(manifest, null, 2) + '\n');
    writeFileSync(`${outDir}/weights.bin`, Buffer.from(packWeights(manifest, await model.exportValues()).buffer));
    writeFileSync(`${outDir}/loss.csv`, ['step,train_loss,held_out_loss', ...rows].join('\n') + '\n');
  };
  for (let step = 1; step <= until; step++) {
    const { x0 } = sampleCrops(train, L, batch, dataRng);
    const masked = maskProteins(x0, batch, L, objective, maskRng.split(step));
    (optimizer as unknown as { learningRate: number }).learningRate = learningRateAt(step, lr, steps, 200);
    const cost = optimizer.minimize(() => proteinLmLoss(logitsOf, x0, masked, batch, L), true, [...model.params.values()])!;
    recent.push(cost.dataSync()[0]);
    cost.dispose();
    if (step % num('log', 100) === 0 || step === until) {
      const trainLoss = recent.reduce((a, b) => a + b, 0) / recent.length;
      recent = [];
      const heldOutLoss = heldLoss();
      rows.push(`${step},${trainLoss.toFixed(5)},${heldOutLoss.toFixed(5)}`);
      console.log(`[train ${objective}] step ${step}/${steps}  train ${trainLoss.toFixed(4)}  held-out ${heldOutLoss.toFixed(4)}  (${seconds()} s)`);
    }
    if (step % checkpointEvery === 0 && step < until) await write({ steps: step, seconds: seconds(), checkpoint: true });
  }
  await write({ steps: until, seconds: seconds() });
  console.log(`[train ${objective}] wrote ${outDir}/manifest.json, weights.bin, loss.csv`);
}

await main();
