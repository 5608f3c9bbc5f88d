// DPLM's sampler end to end with the shipped model (B = 4, 100 residues, T = 500 with unchanged-K
// steps skipped, Gumbel-max + resampling at 0.25): on WebGPU (tfjs' webgpu backend, the fused WGSL
// step) against the CPU path (tfjs' wasm backend, the step in TypeScript), in one page on one
// machine; the ratio is what this suite reports. Runs in bench/dplm.html, driven by bench/run.mjs.

import * as tf from '@tensorflow/tfjs';
import { log } from './benchPage';
import { initCompute, withCpuBackend } from '../src/gpu/backend';
import { deriveKey } from '../src/lib/rng';
import { loadWeights } from '../src/models/loadWeights';
import { MaskedDiffusionTransformer } from '../src/models/maskedDiffusionTransformer';
import { dplmNetwork } from '../src/demos/dplm/networks';
import { freeStart, generate } from '../src/demos/dplm/sampling';

export interface DplmBenchRow {
  path: string;
  nfe: number;
  resampleCalls: number;
  ms: number;
}

interface DplmBenchResult {
  adapter: string;
  software: boolean;
  rows: DplmBenchRow[];
  error?: string;
}

function publish(result: DplmBenchResult): void {
  (window as unknown as { benchResult: DplmBenchResult }).benchResult = result;
}

const BATCH = 4;
const LENGTH = 100;
const SETTINGS = { steps: 500, noiseScale: 1, resampleRatio: 0.25, skip: true };
const REPEATS = 3;

async function timeSampler(path: string, device: GPUDevice | null): Promise<DplmBenchRow> {
  const { manifest, values } = await loadWeights('/weights/dplm-proteins/');
  const model = new MaskedDiffusionTransformer(manifest.config, values);
  const P = manifest.config.length;
  const net = await dplmNetwork({ model, batch: BATCH, noiseScale: 1 }, device);
  try {
    const start = () => freeStart(new Array<number>(BATCH).fill(LENGTH), P);
    await net.step(start().tokens, 0); // warm-up: shader compilation and first allocations
    let best: DplmBenchRow | null = null;
    for (let r = 0; r < REPEATS; r++) {
      const t0 = performance.now();
      const out = await generate(net, start(), BATCH, P, SETTINGS, deriveKey(7, r));
      const row = { path, nfe: out.nfe, resampleCalls: out.resampleCalls, ms: performance.now() - t0 };
      log(`${path}, repeat ${r + 1}: NFE ${row.nfe} (+${row.resampleCalls} resampling calls), ${row.ms.toFixed(0)} ms`);
      if (!best || row.ms < best.ms) best = row;
    }
    return best!;
  } finally {
    net.dispose();
    model.dispose();
  }
}

async function main(): Promise<void> {
  const compute = await initCompute();
  if (!compute.device) throw new Error(`no WebGPU: ${compute.info.reason}`);
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  const gpu = await timeSampler('WebGPU, fused WGSL step', compute.device);
  const cpu = await withCpuBackend((name) => timeSampler(`CPU (tfjs ${name}), step in TypeScript`, null));
  publish({ adapter: compute.info.adapter ?? 'none', software: compute.info.software, rows: [gpu, cpu] });
}

main().catch((err: unknown) => {
  publish({ adapter: '', software: false, rows: [], error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
});
