// Forward + backward of the per-sequence log-probability (the core of the DPO-family losses): the
// fused WGSL op (src/models/sequenceLogProbOp.ts) vs the tfjs op chain (log-softmax, one-hot
// gather, masked sum, autodiff) on the same device, for B ∈ {8, 64}, T ∈ {32, 128}, V ∈ {32, 256}:
// time per forward+backward and peak tensor memory of each (tf.profile). Runs in bench/loss.html,
// driven by bench/run.mjs. Ratios are measured in one run on one machine.

import * as tf from '@tensorflow/tfjs';
import { listParam, log, timeIt } from './benchPage';
import { initCompute } from '../src/gpu/backend';
import { createSequenceLogProbOp, type SequenceLogProbOp } from '../src/models/sequenceLogProbOp';
import { sequenceLogProbTfjs } from '../src/models/sequenceLogProbTfjs';

interface LossRow {
  B: number;
  T: number;
  V: number;
  fusedMs: number;
  chainMs: number;
  ratio: number;
  /** Peak bytes of tensors alive during one forward+backward, over the logits' own size. */
  fusedPeak: number;
  chainPeak: number;
}

interface LossBenchResult {
  adapter: string;
  software: boolean;
  rows: LossRow[];
  error?: string;
}

function publish(result: LossBenchResult): void {
  (window as unknown as { benchResult: LossBenchResult }).benchResult = result;
}

const query = new URLSearchParams(location.search);
const budgetMs = Number(query.get('budgetMs') ?? 1500);



async function main(): Promise<void> {
  const compute = await initCompute();
  if (!compute.device) throw new Error(`no WebGPU: ${compute.info.reason}`);
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  const { op: fusedOp } = await createSequenceLogProbOp(compute.device);
  const rows: LossRow[] = [];
  for (const B of listParam('b', '8,64')) {
    for (const T of listParam('t', '32,128')) {
      for (const V of listParam('v', '32,256')) {
        const logits = tf.randomNormal([B, T, V], 0, 2, 'float32', 3) as tf.Tensor3D;
        const targets = tf.randomUniform([B, T], 0, V, 'int32', 4) as tf.Tensor2D;
        // a float mask: one cast from int32 would keep int32 storage, which the fused op first converts
        const mask = tf.ones([B, T]) as tf.Tensor2D;
        const upstream = tf.randomNormal([B], 0, 1, 'float32', 5) as tf.Tensor1D;
        // forward + backward; only a scalar comes back, so the readback is the same for both
        const pass = (op: SequenceLogProbOp) => () => tf.tidy(() => tf.sum(tf.grad((z: tf.Tensor) => tf.sum(tf.mul(op(z as tf.Tensor3D, targets, mask), upstream)))(logits)));
        const timed = (op: SequenceLogProbOp) => async () => {
          const s = pass(op)();
          await s.data();
          s.dispose();
        };
        const peak = async (op: SequenceLogProbOp) => {
          const info = await tf.profile(() => pass(op)());
          return info.peakBytes / (B * T * V * 4);
        };
        const fusedMs = await timeIt(timed(fusedOp), budgetMs);
        const chainMs = await timeIt(timed(sequenceLogProbTfjs), budgetMs);
        const row = { B, T, V, fusedMs, chainMs, ratio: chainMs / fusedMs, fusedPeak: await peak(fusedOp), chainPeak: await peak(sequenceLogProbTfjs) };
        tf.dispose([logits, targets, mask, upstream]);
        rows.push(row);
        log(`B=${B} T=${T} V=${V}: fused ${fusedMs.toFixed(2)} ms, chain ${chainMs.toFixed(2)} ms; peak ${row.fusedPeak.toFixed(2)} vs ${row.chainPeak.toFixed(2)} × logits`);
      }
    }
  }
  publish({ adapter: compute.info.adapter ?? 'none', software: compute.info.software, rows });
}

main().catch((err: unknown) => publish({ adapter: '', software: false, rows: [], error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) }));
