// The fused denoising step (shaders/denoise_step.wgsl) against the same step as a chain of tfjs ops
// on the same device, for B ∈ {1, 16, 64}, L ∈ {64, 256}, V ∈ {28, 33, 64}; then end-to-end sampling
// time of DNDM vs the T-call sampler with the shipped model at T ∈ {50, 1000}. Runs in
// bench/denoise.html, driven by bench/run.mjs. Ratios are measured in one run on one machine.
//
// Both step implementations read back the same B·L tokens and confidences per step; the op chain
// also has to draw its Gumbel noise (randomUniform → −log(−log u)), which the fused kernel hashes
// in place.

import * as tf from '@tensorflow/tfjs';
import { listParam, log, timeIt } from './benchPage';
import { initCompute, withCpuBackend } from '../src/gpu/backend';
import { DenoiseStepKernels } from '../src/models/diffusion/denoiseStepGpu';
import { denoiseStepTfjs } from '../src/models/diffusion/denoiseStepTfjs';
import { cpuDecoder, gpuDecoder } from '../src/models/diffusion/modelDecoder';
import { sample, type SamplerConfig, type SamplerName } from '../src/models/diffusion/samplers';
import { RngStream } from '../src/lib/rng';
import { loadWeights } from '../src/models/loadWeights';
import { MaskedDiffusionTransformer } from '../src/models/maskedDiffusionTransformer';

interface StepRow {
  B: number;
  L: number;
  V: number;
  /** Gumbel-max sampling (noise drawn by each implementation). */
  fusedMs: number;
  chainMs: number;
  ratio: number;
  /** Argmax decoding (no noise). */
  fusedArgmaxMs: number;
  chainArgmaxMs: number;
  argmaxRatio: number;
}
interface EndToEndRow {
  T: number;
  sampler: string;
  nfe: number;
  ms: number;
}

interface DenoiseBenchResult {
  adapter: string;
  software: boolean;
  network: string;
  steps: StepRow[];
  endToEnd: EndToEndRow[];
  error?: string;
}

/** What bench/run.mjs waits for (window.benchResult; window.benchLog is declared in admmBench.ts). */
function publish(result: DenoiseBenchResult): void {
  (window as unknown as { benchResult: DenoiseBenchResult }).benchResult = result;
}

const query = new URLSearchParams(location.search);
const batches = listParam('b', '1,16,64');
const lengths = listParam('l', '64,256');
const vocabs = listParam('v', '28,33,64');
const budgetMs = Number(query.get('budgetMs') ?? 1500);
const network = query.get('network') ?? 'auto';



async function stepRows(device: GPUDevice): Promise<StepRow[]> {
  const kernels = await DenoiseStepKernels.create(device);
  const rows: StepRow[] = [];
  try {
    for (const B of batches) {
      for (const L of lengths) {
        for (const V of vocabs) {
          // random ops run on the CPU side in tfjs-webgpu: the fused step's first (warm-up) call uploads them
          const logits = tf.randomNormal([B, L, V], 0, 3, 'float32', 7) as tf.Tensor3D;
          const forbidden = Array.from({ length: V }, (_, v) => v === V - 1);
          let key = 0;
          const fused = (noiseScale: number) => async () => {
            await kernels.runOnTensor(logits, { positions: B * L, vocab: V, forbidden, temperature: 1, noiseScale, stepKey: key++ });
          };
          const chain = (gumbel: boolean) => async () => {
            const noise = gumbel ? (tf.tidy(() => tf.neg(tf.log(tf.neg(tf.log(tf.randomUniform([B, L, V], 1e-7, 1)))))) as tf.Tensor3D) : null;
            const { tokens, confidence } = denoiseStepTfjs(logits, forbidden, 1, noise, gumbel ? 1 : 0);
            await Promise.all([tokens.data(), confidence.data()]);
            tf.dispose([tokens, confidence]);
            noise?.dispose();
          };
          const fusedMs = await timeIt(fused(1), budgetMs);
          const chainMs = await timeIt(chain(true), budgetMs);
          const fusedArgmaxMs = await timeIt(fused(0), budgetMs);
          const chainArgmaxMs = await timeIt(chain(false), budgetMs);
          logits.dispose();
          const row = { B, L, V, fusedMs, chainMs, ratio: chainMs / fusedMs, fusedArgmaxMs, chainArgmaxMs, argmaxRatio: chainArgmaxMs / fusedArgmaxMs };
          rows.push(row);
          log(`B=${B} L=${L} V=${V}: Gumbel fused ${fusedMs.toFixed(2)} ms vs chain ${chainMs.toFixed(2)} ms; argmax fused ${fusedArgmaxMs.toFixed(2)} ms vs chain ${chainArgmaxMs.toFixed(2)} ms`);
        }
      }
    }
  } finally {
    kernels.dispose();
  }
  return rows;
}

async function endToEnd(device: GPUDevice | null): Promise<EndToEndRow[]> {
  const { manifest, values } = await loadWeights('/weights/dndm-kjv/');
  const model = new MaskedDiffusionTransformer(manifest.config, values);
  const rows: EndToEndRow[] = [];
  try {
    const config = (steps: number): SamplerConfig => ({
      batch: 4,
      length: manifest.config.length,
      vocab: manifest.config.vocab,
      maskToken: manifest.config.vocab - 1,
      forbidden: [],
      steps,
      schedule: { kind: 'beta', alpha: 3, beta: 3 },
      temperature: 1,
      noiseScale: 1,
    });
    const decoder = device ? await gpuDecoder(device, model, config(50)) : cpuDecoder(model, config(50));
    await decoder.decode(new Int32Array(4 * manifest.config.length).fill(manifest.config.vocab - 1), 1, 0); // warm-up
    for (const T of [50, 1000]) {
      for (const name of ['rdm-k', 'dndm-k'] as SamplerName[]) {
        const result = await sample(name, config(T), decoder.decode, RngStream.fromSeed(T));
        rows.push({ T, sampler: name, nfe: result.nfe, ms: result.wallMs });
        log(`T=${T} ${name}: NFE ${result.nfe}, ${result.wallMs.toFixed(0)} ms`);
      }
    }
    decoder.dispose();
  } finally {
    model.dispose();
  }
  return rows;
}

async function main(): Promise<void> {
  const compute = await initCompute();
  if (!compute.device) throw new Error(`no WebGPU: ${compute.info.reason}`);
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  const device = compute.device;
  const steps = await stepRows(device);
  // a software adapter emulates the GPU on the CPU: there (auto) the model runs on the CPU, as in the demo
  const onGpu = network === 'webgpu' || (network === 'auto' && !compute.info.software);
  const endToEndRows = onGpu ? await endToEnd(device) : await withCpuBackend(() => endToEnd(null));
  publish({ adapter: compute.info.adapter ?? 'none', software: compute.info.software, network: onGpu ? 'webgpu (fused step)' : 'CPU (wasm), step in TypeScript', steps, endToEnd: endToEndRows });
}

main().catch((err: unknown) => {
  publish({ adapter: '', software: false, network, steps: [], endToEnd: [], error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
});
