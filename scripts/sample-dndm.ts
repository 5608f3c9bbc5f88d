// How good are a DNDM checkpoint's samples? Draws sequences with the demo's own samplers and scores
// them with the demo's judge (share of complete words that are corpus words, judge perplexity,
// bigram KL), in Node on tfjs' wasm backend. The training script calls it on its final weights and
// writes the result into the manifest; run it alone on any checkpoint:
//   npx tsx scripts/sample-dndm.ts [--dir public/weights/dndm-kjv] [--samplers rdm-k-remask,dndm-k-remask]
//        [--steps 50] [--sequences 64] [--temperature 1] [--seed 1]
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { RngStream } from '../src/lib/rng';
import { decodeChars } from '../src/models/charVocab';
import { cpuDecoder } from '../src/models/diffusion/cpuDecoder';
import { sample, type SamplerConfig, type SamplerName } from '../src/models/diffusion/samplers';
import { MaskedDiffusionTransformer } from '../src/models/maskedDiffusionTransformer';
import { scoreSamples, type Judge, type SampleQuality } from '../src/demos/dndm/quality';
import { readDndmJudge, readWeightDir } from '../src/testing/dndmAssets';

export interface SampleCheck {
  sampler: SamplerName;
  steps: number;
  sequences: number;
  temperature: number;
  seed: number;
  quality: SampleQuality;
  examples: string[];
}

/** Samples `sequences` windows (batches of 16) with the demo's sampler config (Beta(3, 3), Gumbel-max) and scores them. */
export async function checkSamples(model: MaskedDiffusionTransformer, judge: Judge, sampler: SamplerName, opts: { steps: number; sequences: number; temperature: number; seed: number }): Promise<SampleCheck> {
  const { length, vocab } = model.config;
  const batch = Math.min(16, opts.sequences);
  const config: SamplerConfig = { batch, length, vocab, maskToken: vocab - 1, forbidden: [], steps: opts.steps, schedule: { kind: 'beta', alpha: 3, beta: 3 }, temperature: opts.temperature, noiseScale: 1 };
  const decoder = cpuDecoder(model, config).decode;
  const rng = RngStream.fromSeed(opts.seed).split(sampler);
  const texts: string[] = [];
  for (let b = 0; texts.length < opts.sequences; b++) {
    const result = await sample(sampler, config, decoder, rng.split(b));
    for (let i = 0; i < batch && texts.length < opts.sequences; i++) texts.push(decodeChars(result.tokens.subarray(i * length, (i + 1) * length)));
  }
  return { sampler, ...opts, quality: scoreSamples(texts, judge), examples: texts.slice(0, 4) };
}

export function loadModel(dir: string): MaskedDiffusionTransformer {
  const { manifest, values } = readWeightDir(dir);
  return new MaskedDiffusionTransformer(manifest.config, values);
}

async function main(): Promise<void> {
  const args = Object.fromEntries(process.argv.slice(2).reduce<[string, string][]>((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
  if (!(await tf.setBackend(args.backend ?? 'wasm'))) throw new Error('tfjs backend did not start');
  const model = loadModel(args.dir ?? 'public/weights/dndm-kjv');
  const judge = readDndmJudge();
  const opts = { steps: Number(args.steps ?? 50), sequences: Number(args.sequences ?? 64), temperature: Number(args.temperature ?? 1), seed: Number(args.seed ?? 1) };
  for (const sampler of (args.samplers ?? 'rdm-k-remask,dndm-k-remask').split(',') as SamplerName[]) {
    const c = await checkSamples(model, judge, sampler, opts);
    const q = c.quality;
    console.log(`${sampler} T=${c.steps} temp ${c.temperature}: corpus words ${(100 * q.realWordShare).toFixed(1)} %, judge perplexity ${Math.exp(q.judgeNll).toFixed(1)}, bigram KL ${q.bigramKl.toFixed(3)}`);
    for (const e of c.examples) console.log(`   ${e}`);
  }
}

if (process.argv[1]?.endsWith('sample-dndm.ts')) await main();
