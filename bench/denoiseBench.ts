// The fused denoising step (shaders/denoise_step.wgsl) against the same step as a chain of tfjs ops
// on the same device (denoiseSteps.ts, shared with the Node harness), for B ∈ {1, 16, 64},
// L ∈ {64, 256}, V ∈ {28, 33, 64}; then end-to-end sampling time of DNDM vs the T-call sampler with
// the shipped model at T ∈ {50, 1000}. Runs in bench/denoise.html, driven by bench/run.mjs. Ratios
// are measured in one run on one machine.

import * as tf from '@tensorflow/tfjs';
import { log, pageOptions } from './benchPage';
import { timeDenoiseSteps, type StepRow } from './denoiseSteps';
import { DENOISE_DEFAULTS } from './suiteOptions';
import { initCompute, withCpuBackend } from '../src/gpu/backend';
import { cpuDecoder } from '../src/models/diffusion/cpuDecoder';
import { gpuDecoder } from '../src/models/diffusion/modelDecoder';
import { sample, type SamplerConfig, type SamplerName } from '../src/models/diffusion/samplers';
import { RngStream } from '../src/lib/rng';
import { loadWeights } from '../src/models/loadWeights';
import { MaskedDiffusionTransformer } from '../src/models/maskedDiffusionTransformer';

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

const sizes = pageOptions(DENOISE_DEFAULTS);
const network = new URLSearchParams(location.search).get('network') ?? 'auto';

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
  const steps = await timeDenoiseSteps(device, sizes, log);
  // a software adapter emulates the GPU on the CPU: there (auto) the model runs on the CPU, as in the demo
  const onGpu = network === 'webgpu' || (network === 'auto' && !compute.info.software);
  const endToEndRows = onGpu ? await endToEnd(device) : await withCpuBackend(() => endToEnd(null));
  publish({ adapter: compute.info.adapter ?? 'none', software: compute.info.software, network: onGpu ? 'webgpu (fused step)' : 'CPU (wasm), step in TypeScript', steps, endToEnd: endToEndRows });
}

main().catch((err: unknown) => {
  publish({ adapter: '', software: false, network, steps: [], endToEnd: [], error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
});
