// SPIN-Diffusion's training steps at the demo's two budgets (an SFT step and a SPIN step: the ε-MLP
// forward and backward, Adam, the opponent's forward), on WebGPU (tfjs' webgpu backend) against the
// CPU path (tfjs' wasm backend), in one page on one machine; the ratio is what this suite reports.
// Runs in bench/spin-diffusion.html, driven by bench/run.mjs.

import * as tf from '@tensorflow/tfjs';
import { log } from './benchPage';
import { initCompute, withCpuBackend } from '../src/gpu/backend';
import { RngStream } from '../src/lib/rng';
import { BUDGETS, type BudgetName } from '../src/demos/spin-diffusion/budget';
import { EpsilonMlp, linearSchedule } from '../src/demos/spin-diffusion/diffusion';
import { makeShape, sampleShape } from '../src/demos/spin-diffusion/shapes';
import { indicesByPrompt, sftStep, spinStep, type PointSet } from '../src/demos/spin-diffusion/training';

export interface SpinDiffusionBenchRow {
  path: string;
  budget: BudgetName;
  sftMs: number;
  spinMs: number;
}

interface SpinDiffusionBenchResult {
  adapter: string;
  software: boolean;
  rows: SpinDiffusionBenchRow[];
  error?: string;
}

function publish(result: SpinDiffusionBenchResult): void {
  (window as unknown as { benchResult: SpinDiffusionBenchResult }).benchResult = result;
}

const STEPS = 30;
const schedule = linearSchedule(40);
const ring = (count: number, seed: number): PointSet => ({ points: sampleShape(makeShape('ring', 0.08, []), count, RngStream.fromSeed(seed)), prompts: new Int32Array(count) });

/** Milliseconds per step (the mean of STEPS after a warm-up), the loss read back at the end as a run does. */
async function timeSteps(path: string, budget: BudgetName): Promise<SpinDiffusionBenchRow> {
  const b = BUDGETS[budget];
  const policy = EpsilonMlp.init(b.hidden, b.layers, RngStream.fromSeed(1));
  const opponent = policy.clone();
  const optimizer = tf.train.adam(3e-4);
  const [data, fake] = [ring(2000, 2), ring(2000, 3)];
  const byPrompt = indicesByPrompt(fake, 3);
  const rng = RngStream.fromSeed(4);
  try {
    const time = async (step: () => Promise<void>) => {
      await step();
      const t0 = performance.now();
      for (let i = 0; i < STEPS; i++) await step();
      return (performance.now() - t0) / STEPS;
    };
    const sftMs = await time(async () => {
      const loss = sftStep(policy, optimizer, data, b.batch, schedule, rng);
      await loss.data();
      loss.dispose();
    });
    const spinMs = await time(async () => {
      await spinStep(policy, opponent, optimizer, data, fake, byPrompt, 1, b.batch, schedule, rng, true, false);
    });
    log(`${path}, ${budget}: SFT step ${sftMs.toFixed(1)} ms, SPIN step ${spinMs.toFixed(1)} ms`);
    return { path, budget, sftMs, spinMs };
  } finally {
    policy.dispose();
    opponent.dispose();
    optimizer.dispose();
  }
}

async function main(): Promise<void> {
  const compute = await initCompute();
  if (!compute.device) throw new Error(`no WebGPU: ${compute.info.reason}`);
  const rows: SpinDiffusionBenchRow[] = [];
  for (const budget of ['reduced', 'full'] as const) {
    rows.push(await timeSteps('WebGPU', budget));
    rows.push(await withCpuBackend((name) => timeSteps(`CPU (tfjs ${name})`, budget)));
  }
  publish({ adapter: compute.info.adapter ?? 'none', software: compute.info.software, rows });
}

main().catch((err: unknown) => {
  publish({ adapter: '', software: false, rows: [], error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
});
