// Forward + backward of the per-sequence log-probability (the core of the DPO-family losses): the
// fused WGSL op vs the tfjs op chain on the same device (lossRows.ts, shared with the Node harness),
// for B ∈ {8, 64}, T ∈ {32, 128}, V ∈ {32, 256}: time per forward+backward and peak tensor memory of
// each. Runs in bench/loss.html, driven by bench/run.mjs. Ratios are measured in one run on one
// machine.

import * as tf from '@tensorflow/tfjs';
import { log, pageOptions } from './benchPage';
import { timeLossRows, type LossRow } from './lossRows';
import { LOSS_DEFAULTS } from './suiteOptions';
import { initCompute } from '../src/gpu/backend';
import { createSequenceLogProbOp } from '../src/models/sequenceLogProbOp';

interface LossBenchResult {
  adapter: string;
  software: boolean;
  rows: LossRow[];
  error?: string;
}

function publish(result: LossBenchResult): void {
  (window as unknown as { benchResult: LossBenchResult }).benchResult = result;
}

async function main(): Promise<void> {
  const compute = await initCompute();
  if (!compute.device) throw new Error(`no WebGPU: ${compute.info.reason}`);
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  const { op: fusedOp } = await createSequenceLogProbOp(compute.device);
  const rows = await timeLossRows(fusedOp, pageOptions(LOSS_DEFAULTS), log);
  publish({ adapter: compute.info.adapter ?? 'none', software: compute.info.software, rows });
}

main().catch((err: unknown) => publish({ adapter: '', software: false, rows: [], error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) }));
