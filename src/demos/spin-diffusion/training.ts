// The three ways the demo trains the ε-MLP (docs/ALIGNMENT.md §5.7, docs/research/alignment.md §2a):
//   SFT            mean ‖ε_θ(x_t, t, c) − ε‖² on the real points (the DDPM loss), until a plateau;
//   SPIN-Diffusion softplus(−β·h) with h = −(‖ε_θ(x_t)−ε‖² − ‖ε_old(x_t)−ε‖²) + (‖ε_θ(x'_t)−ε'‖² − ‖ε_old(x'_t)−ε'‖²),
//                  x the real point (winner), x' the opponent's sample for the same prompt (loser),
//                  one timestep t shared by the pair, ε and ε' independent, the opponent frozen;
//   SFT continued  the SFT loss again, from the same checkpoint, for as many steps.
// The squared errors play the log-likelihoods of the Diffusion-DPO form, so the loss is the shared
// preference loss (src/models/preferenceLoss.ts) on −‖·‖²: log 2 where the model is the opponent.

import * as tf from '@tensorflow/tfjs';
import type { RngStream } from '../../lib/rng';
import { preferenceLoss, preferenceRewards } from '../../models/preferenceLoss';
import { INPUT_WIDTH, writeInput, type EpsilonMlp, type Schedule } from './diffusion';

/** Share of an iteration's steps spent warming the rate up (the SPIN-Diffusion model cards: 200 of 500 steps, then a linear schedule). */
export const WARMUP_SHARE = 0.4;

/** The rate at step `step` (0-based) of `steps`: linear warm-up to `peak`, then linear decay to zero at the end. */
export function iterationRate(peak: number, step: number, steps: number): number {
  const warm = Math.max(1, Math.ceil(WARMUP_SHARE * steps));
  return step < warm ? (peak * (step + 1)) / warm : (peak * (steps - step)) / Math.max(1, steps - warm);
}

/** Adam whose rate follows iterationRate: the caller sets it before each step. */
export class ScheduledAdam extends tf.AdamOptimizer {
  constructor(readonly peak: number) {
    super(peak, 0.9, 0.999);
  }

  atStep(step: number, steps: number): this {
    this.learningRate = iterationRate(this.peak, step, steps);
    return this;
  }
}

/** Points with their prompt index: a dataset, or an opponent's samples. */
export interface PointSet {
  points: Float32Array;
  prompts: Int32Array;
}

/** A batch of noised points: network inputs and the noise to predict. */
interface NoisedBatch {
  input: Float32Array;
  noise: Float32Array;
  rows: number;
}

/** x_t = √ᾱ_t·x₀ + √(1 − ᾱ_t)·ε for each chosen point at its own t (1-based), ε drawn here. */
function noise(set: PointSet, indices: readonly number[], ts: readonly number[], schedule: Schedule, rng: RngStream, into?: NoisedBatch, offset = 0, reuse?: NoisedBatch): NoisedBatch {
  const rows = indices.length;
  const batch = into ?? { input: new Float32Array(rows * INPUT_WIDTH), noise: new Float32Array(rows * 2), rows };
  indices.forEach((p, i) => {
    const t = ts[i];
    const [a, s] = [Math.sqrt(schedule.alphaBar[t - 1]), Math.sqrt(1 - schedule.alphaBar[t - 1])];
    const [e1, e2] = reuse ? [reuse.noise[2 * i], reuse.noise[2 * i + 1]] : [rng.normal(), rng.normal()];
    const row = offset + i;
    batch.noise[2 * row] = e1;
    batch.noise[2 * row + 1] = e2;
    writeInput(batch.input, row, a * set.points[2 * p] + s * e1, a * set.points[2 * p + 1] + s * e2, t, set.prompts[p]);
  });
  return batch;
}

const drawTimes = (count: number, steps: number, rng: RngStream) => Array.from({ length: count }, () => 1 + rng.int(steps));
const drawIndices = (count: number, size: number, rng: RngStream) => Array.from({ length: count }, () => rng.int(size));

/** ‖ε̂ − ε‖² per row. */
const rowErrors = (model: EpsilonMlp, input: tf.Tensor2D, target: tf.Tensor2D): tf.Tensor1D => tf.sum(tf.square(tf.sub(model.apply(input), target)), 1);

/** One SFT step on a batch of real points; returns the loss tensor (the caller reads or disposes it). */
export function sftStep(model: EpsilonMlp, optimizer: tf.Optimizer, data: PointSet, batch: number, schedule: Schedule, rng: RngStream): tf.Scalar {
  const b = noise(data, drawIndices(batch, data.prompts.length, rng), drawTimes(batch, schedule.steps, rng), schedule, rng);
  return tf.tidy(() => {
    const input = tf.tensor2d(b.input, [b.rows, INPUT_WIDTH]);
    const target = tf.tensor2d(b.noise, [b.rows, 2]);
    return optimizer.minimize(() => tf.mean(rowErrors(model, input, target)) as tf.Scalar, true)!;
  });
}

/** A fixed set of (held-out point, t, ε): the denoising loss on it tracks SFT without the minibatch noise. */
export interface HeldOutLoss {
  input: tf.Tensor2D;
  target: tf.Tensor2D;
}

export function heldOutLoss(data: PointSet, schedule: Schedule, rng: RngStream): HeldOutLoss {
  const rows = data.prompts.length;
  const b = noise(data, Array.from({ length: rows }, (_, i) => i), drawTimes(rows, schedule.steps, rng), schedule, rng);
  return { input: tf.tensor2d(b.input, [rows, INPUT_WIDTH]), target: tf.tensor2d(b.noise, [rows, 2]) };
}

export async function evaluateLoss(model: EpsilonMlp, set: HeldOutLoss): Promise<number> {
  const loss = tf.tidy(() => tf.mean(rowErrors(model, set.input, set.target)));
  const [value] = await loss.data();
  loss.dispose();
  return value;
}

/** What a SPIN step reports: the loss, and the official trainer's rewards (β-scaled error drops). */
export interface SpinStepStats {
  loss: number;
  rewardsReal: number;
  rewardsGenerated: number;
  rewardAccuracy: number;
}

/**
 * One SPIN-Diffusion step: `batch` pairs of a real point and an opponent sample of the same prompt,
 * each pair at one shared t. With `report`, the loss and rewards come back (one read per call).
 */
export async function spinStep(policy: EpsilonMlp, opponent: EpsilonMlp, optimizer: tf.Optimizer, data: PointSet, generated: PointSet, byPrompt: readonly number[][], beta: number, batch: number, schedule: Schedule, rng: RngStream, report: boolean, sharedNoise: boolean): Promise<SpinStepStats | null> {
  const real = drawIndices(batch, data.prompts.length, rng);
  const fake = real.map((i) => {
    const pool = byPrompt[data.prompts[i]];
    return pool[rng.int(pool.length)];
  });
  const ts = drawTimes(batch, schedule.steps, rng);
  const b = noise(data, real, ts, schedule, rng, { input: new Float32Array(2 * batch * INPUT_WIDTH), noise: new Float32Array(4 * batch), rows: 2 * batch });
  // the notes' loss noises the two with their own ε and ε′; Diffusion-DPO's trainer uses one ε for both
  noise(generated, fake, ts, schedule, rng, b, batch, sharedNoise ? b : undefined);
  const kept: { stats?: tf.Tensor } = {};
  const cost = tf.tidy((): tf.Scalar[] => {
    const input = tf.tensor2d(b.input, [b.rows, INPUT_WIDTH]);
    const target = tf.tensor2d(b.noise, [b.rows, 2]);
    // the opponent's errors are constants of the step: no gradient flows into them
    const [oppReal, oppFake] = tf.split(rowErrors(opponent, input, target), 2) as tf.Tensor1D[];
    const loss = optimizer.minimize(() => {
      const [real, fake] = tf.split(rowErrors(policy, input, target), 2) as tf.Tensor1D[];
      const terms = { policyChosen: tf.neg(real), policyRejected: tf.neg(fake), referenceChosen: tf.neg(oppReal), referenceRejected: tf.neg(oppFake) };
      if (report) {
        const r = preferenceRewards(terms, beta);
        kept.stats = tf.keep(tf.stack([tf.mean(r.chosen), tf.mean(r.rejected), r.accuracy]));
      }
      return preferenceLoss(terms, { beta });
    }, report);
    return loss ? [loss] : [];
  });
  if (cost.length === 0 || !kept.stats) return null;
  const [[loss], [rewardsReal, rewardsGenerated, rewardAccuracy]] = await Promise.all([cost[0].data(), kept.stats.data()]);
  tf.dispose([...cost, kept.stats]);
  return { loss, rewardsReal, rewardsGenerated, rewardAccuracy };
}

/** Indices of a point set by prompt. */
export function indicesByPrompt(set: PointSet, prompts: number): number[][] {
  const out = Array.from({ length: prompts }, () => [] as number[]);
  set.prompts.forEach((p, i) => out[p].push(i));
  return out;
}
