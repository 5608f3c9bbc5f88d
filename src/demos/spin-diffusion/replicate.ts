// One independent replicate of the experiment: its own data, its own SFT model trained to a
// plateau, then SPIN-Diffusion iterations beside SFT continued for as many steps at each learning
// rate of the baseline's grid, every model scored on samples drawn with the same noise (so win-rates
// are paired point by point).

import * as tf from '@tensorflow/tfjs';
import type { RngStream } from '../../lib/rng';
import type { Ticker } from '../../lib/schedule';
import { EpsilonMlp, linearSchedule, sample, type Schedule } from './diffusion';
import { logDensities, makeShape, sampleShape, scoreSamples, winRate, type Point, type Prompt, type SampleScores, type Shape } from './shapes';
import { evaluateLoss, heldOutLoss, indicesByPrompt, ScheduledAdam, sftStep, spinStep, type PointSet, type SpinStepStats } from './training';

export interface ReplicateOptions {
  /** The shapes trained and scored (the prompt's one-hot is its index here). */
  prompts: readonly Prompt[];
  sigma: number;
  drawing: readonly (readonly Point[])[];
  /** Real points per prompt (the SFT data, which SPIN reuses as its winners). */
  dataPerPrompt: number;
  hidden: number;
  layers: number;
  diffusionSteps: number;
  batch: number;
  learningRate: number;
  /** SFT stops at a plateau of the held-out loss, or here. */
  maxSftSteps: number;
  /** Steps between held-out loss checks; a plateau is PLATEAU_CHECKS checks without a 1 % gain. */
  checkEvery: number;
  /** SFT stops here whatever the loss does; null: at the plateau. */
  fixedSftSteps: number | null;
  /**
   * The limit regime: SFT's model at this step (underfit) is kept, and SPIN-Diffusion and SFT
   * continued run from it too, both at SPIN's (first) rate; null: not run.
   */
  underfitSteps: number | null;
  iterations: number;
  stepsPerIteration: number;
  beta: number;
  /** Noise the generated point of a pair with the real point's ε (Diffusion-DPO's trainer) or its own. */
  sharedNoise: boolean;
  /** The opponent's samples per prompt, each iteration. */
  generatedPerPrompt: number;
  /** Samples per prompt every model is scored on. */
  evalPerPrompt: number;
  /** SPIN's learning rates, each run from the same SFT model (the demo runs one; the pilots of pilot.ts ran several). */
  spinRates: readonly number[];
  /** SFT continued's learning rates (the baseline takes its best). */
  continuedRates: readonly number[];
  /** Keep the first points' sampling paths and the scored samples (the shown replicate). */
  keepSamples: boolean;
}

/** Held-out checks without a 1 % relative gain on the best so far before SFT counts as plateaued. */
export const PLATEAU_CHECKS = 3;
export const PLATEAU_GAIN = 0.01;
/** SFT's rate, as a share of the base rate, after each plateau. */
export const SFT_RATE_DROPS = [1, 1 / 3, 1 / 9] as const;

export type PromptScores = SampleScores & { prompt: string };

export interface ModelScores {
  /** Per prompt, in PROMPTS order. */
  perPrompt: PromptScores[];
  /** Means over the prompts (modesKept: the sum). */
  logDensity: number;
  precision: number;
  modesKept: number;
  inModeSpread: number;
  /** Against the SFT model's samples, pair by pair. */
  winRateVsSft: number;
}

export interface SftRecord {
  steps: number;
  plateaued: boolean;
  /** Held-out denoising loss at each check, with the rate of the steps before it. */
  curve: { step: number; loss: number; learningRate: number }[];
  /** The rate SFT ended at. */
  finalRate: number;
}

export interface ReplicateRecord {
  sft: SftRecord;
  /** Per learning rate, index k: after k iterations (0: the SFT model). */
  spin: { learningRate: number; scores: ModelScores[] }[];
  /** Per learning rate of the grid, index k: after k·stepsPerIteration steps (0: the SFT model). */
  continued: { learningRate: number; scores: ModelScores[] }[];
  /** Each iteration's first-step loss (log 2 where the policy is the opponent) and last-step rewards, at the first rate. */
  spinSteps: { first: SpinStepStats; last: SpinStepStats }[];
  /** The data's own in-mode spread and modes, per prompt (from a fresh draw). */
  dataScores: PromptScores[];
  /** From the underfit snapshot: SFT's steps there, SPIN's and SFT continued's scores per iteration (0: the snapshot). */
  underfit?: { sftSteps: number; spin: ModelScores[]; continued: ModelScores[] };
  /** The shown replicate only: scored samples per iteration of SPIN and of SFT continued at each rate, and sampling paths. */
  samples?: { spin: Float32Array[]; continued: Float32Array[][]; prompts: Int32Array; paths: Float32Array[] };
}

export function makeShapes(options: Pick<ReplicateOptions, 'prompts' | 'sigma' | 'drawing'>): Shape[] {
  return options.prompts.map((p) => makeShape(p, options.sigma, options.drawing));
}

function drawData(shapes: readonly Shape[], perPrompt: number, rng: RngStream): PointSet {
  const points = new Float32Array(shapes.length * perPrompt * 2);
  const prompts = new Int32Array(shapes.length * perPrompt);
  shapes.forEach((shape, p) => {
    points.set(sampleShape(shape, perPrompt, rng.split(p)), p * perPrompt * 2);
    prompts.fill(p, p * perPrompt, (p + 1) * perPrompt);
  });
  return { points, prompts };
}

const promptsOf = (count: number, perPrompt: number) => Int32Array.from({ length: count * perPrompt }, (_, i) => Math.floor(i / perPrompt));

const slicePrompt = (points: Float32Array, p: number, perPrompt: number) => points.subarray(p * perPrompt * 2, (p + 1) * perPrompt * 2);

function scoreModel(shapes: readonly Shape[], points: Float32Array, sftDensities: Float64Array[] | null, perPrompt: number): { scores: ModelScores; densities: Float64Array[] } {
  const perPromptScores = shapes.map((shape, p) => ({ ...scoreSamples(shape, slicePrompt(points, p, perPrompt)), prompt: shape.prompt }));
  const densities = shapes.map((shape, p) => logDensities(shape, slicePrompt(points, p, perPrompt)));
  const mean = (f: (s: PromptScores) => number) => perPromptScores.reduce((a, s) => a + f(s), 0) / shapes.length;
  const wins = sftDensities ? densities.reduce((a, d, p) => a + winRate(d, sftDensities[p]), 0) / shapes.length : 0.5;
  return {
    scores: { perPrompt: perPromptScores, logDensity: mean((s) => s.logDensity), precision: mean((s) => s.precision), modesKept: perPromptScores.reduce((a, s) => a + s.modesKept, 0), inModeSpread: mean((s) => s.inModeSpread), winRateVsSft: wins },
    densities,
  };
}

/**
 * SFT to convergence: Adam at the base rate until the held-out loss plateaus (PLATEAU_CHECKS checks
 * without a PLATEAU_GAIN relative gain), then a third of the rate, then a ninth (a fresh Adam at each
 * drop), stopping at the last plateau or at the step limit. A constant rate would stop at a noise
 * floor that merely lowering the rate escapes: that is not the plateau the paper starts from.
 */
async function trainSft(model: EpsilonMlp, data: PointSet, heldOut: PointSet, o: ReplicateOptions, schedule: Schedule, rng: RngStream, ticker: Ticker, onStep: (step: number) => void): Promise<SftRecord> {
  const check = heldOutLoss(heldOut, schedule, rng.split('held-out-noise'));
  const batches = rng.split('batches');
  const curve: SftRecord['curve'] = [{ step: 0, loss: await evaluateLoss(model, check), learningRate: o.learningRate }];
  const limit = o.fixedSftSteps ?? o.maxSftSteps;
  let step = 0;
  let plateaued = false;
  try {
    for (let drop = 0; drop < SFT_RATE_DROPS.length && step < limit && !plateaued; drop++) {
      const learningRate = o.learningRate * SFT_RATE_DROPS[drop];
      const optimizer = tf.train.adam(learningRate);
      let best = curve[curve.length - 1].loss;
      let sinceGain = 0;
      try {
        while (step < limit) {
          await ticker.tick();
          tf.dispose(sftStep(model, optimizer, data, o.batch, schedule, batches));
          step++;
          onStep(step);
          if (step % o.checkEvery !== 0 && step !== limit) continue;
          const loss = await evaluateLoss(model, check);
          curve.push({ step, loss, learningRate });
          ticker.progress(step / limit, `SFT step ${step} (rate ${learningRate.toPrecision(2)}): held-out loss ${loss.toFixed(4)}`);
          if (loss < best * (1 - PLATEAU_GAIN)) [best, sinceGain] = [loss, 0];
          else sinceGain++;
          if (o.fixedSftSteps === null && sinceGain >= PLATEAU_CHECKS) {
            plateaued = drop === SFT_RATE_DROPS.length - 1;
            break;
          }
        }
      } finally {
        optimizer.dispose();
      }
    }
    return { steps: step, plateaued, curve, finalRate: curve[curve.length - 1].learningRate };
  } finally {
    tf.dispose([check.input, check.target]);
  }
}

interface Shared {
  data: PointSet;
  shapes: readonly Shape[];
  schedule: Schedule;
  o: ReplicateOptions;
  evalPrompts: Int32Array;
  evalRng: RngStream;
  sftDensities: Float64Array[];
}

/** SPIN-Diffusion from the SFT model: each iteration freezes the policy as the opponent, which generates the losers. */
async function runSpin(sftModel: EpsilonMlp, learningRate: number, { data, shapes, schedule, o, evalPrompts, evalRng, sftDensities }: Shared, spinRng: RngStream, ticker: Ticker): Promise<{ scores: ModelScores[]; samples: Float32Array[]; steps: ReplicateRecord['spinSteps'] }> {
  const policy = sftModel.clone();
  const scores: ModelScores[] = [];
  const samples: Float32Array[] = [];
  const steps: ReplicateRecord['spinSteps'] = [];
  try {
    for (let k = 1; k <= o.iterations; k++) {
      ticker.progress((k - 1) / o.iterations, `SPIN iteration ${k} of ${o.iterations}: the opponent generates ${o.generatedPerPrompt} points per prompt`);
      const opponent = policy.clone();
      const optimizer = new ScheduledAdam(learningRate);
      try {
        const generatedPrompts = promptsOf(shapes.length, o.generatedPerPrompt);
        const generated = { points: (await sample(opponent, schedule, generatedPrompts, spinRng.split(`generate-${k}`))).points, prompts: generatedPrompts };
        const byPrompt = indicesByPrompt(generated, shapes.length);
        const batches = spinRng.split(`steps-${k}`);
        let first: SpinStepStats | null = null;
        let last: SpinStepStats | null = null;
        for (let s = 0; s < o.stepsPerIteration; s++) {
          await ticker.tick();
          if (s % 50 === 0) ticker.progress((k - 1 + s / o.stepsPerIteration) / o.iterations, `SPIN iteration ${k} of ${o.iterations}: step ${s + 1} of ${o.stepsPerIteration}`);
          const report = s === 0 || s === o.stepsPerIteration - 1;
          const stats = await spinStep(policy, opponent, optimizer.atStep(s, o.stepsPerIteration), data, generated, byPrompt, o.beta, o.batch, schedule, batches, report, o.sharedNoise);
          if (s === 0) first = stats;
          if (report) last = stats;
        }
        steps.push({ first: first!, last: last! });
      } finally {
        opponent.dispose();
        optimizer.dispose();
      }
      const out = await sample(policy, schedule, evalPrompts, evalRng);
      scores.push(scoreModel(shapes, out.points, sftDensities, o.evalPerPrompt).scores);
      samples.push(out.points);
    }
    return { scores, samples, steps };
  } finally {
    policy.dispose();
  }
}

/**
 * SFT continued from `start` at one rate, iteration by iteration as SPIN runs (a fresh Adam with the
 * same warm-up and decay each stepsPerIteration steps), scored after each.
 */
async function runContinued(start: EpsilonMlp, learningRate: number, { data, shapes, schedule, o, evalPrompts, evalRng, sftDensities }: Shared, batches: RngStream, ticker: Ticker): Promise<{ scores: ModelScores[]; samples: Float32Array[] }> {
  const copy = start.clone();
  const scores: ModelScores[] = [];
  const samples: Float32Array[] = [];
  const total = o.iterations * o.stepsPerIteration;
  try {
    for (let k = 1; k <= o.iterations; k++) {
      const optimizer = new ScheduledAdam(learningRate);
      try {
        for (let s = 0; s < o.stepsPerIteration; s++) {
          await ticker.tick();
          const done = (k - 1) * o.stepsPerIteration + s;
          if (s % 100 === 0) ticker.progress(done / total, `SFT continued (rate ${learningRate.toPrecision(2)}): step ${done + 1} of ${total}`);
          tf.dispose(sftStep(copy, optimizer.atStep(s, o.stepsPerIteration), data, o.batch, schedule, batches));
        }
      } finally {
        optimizer.dispose();
      }
      const out = await sample(copy, schedule, evalPrompts, evalRng);
      scores.push(scoreModel(shapes, out.points, sftDensities, o.evalPerPrompt).scores);
      samples.push(out.points);
    }
    return { scores, samples };
  } finally {
    copy.dispose();
  }
}

/** Runs one replicate; `rng` is the replicate's own stream. */
export async function runReplicate(o: ReplicateOptions, rng: RngStream, ticker: Ticker): Promise<ReplicateRecord> {
  const schedule = linearSchedule(o.diffusionSteps);
  const shapes = makeShapes(o);
  const data = drawData(shapes, o.dataPerPrompt, rng.split('data'));
  const heldOut = drawData(shapes, Math.max(64, Math.floor(o.dataPerPrompt / 4)), rng.split('held-out'));
  const dataScores = shapes.map((shape, p) => ({ ...scoreSamples(shape, sampleShape(shape, o.evalPerPrompt, rng.split('data-scores').split(p))), prompt: shape.prompt }));
  const evalPrompts = promptsOf(shapes.length, o.evalPerPrompt);
  // every model is scored on samples from the same starting noise and the same sampler noise
  const evalRng = rng.split('evaluate');
  const model = EpsilonMlp.init(o.hidden, o.layers, rng.split('init'));
  const owned: EpsilonMlp[] = [model];
  let snapshot: EpsilonMlp | null = null;
  // the stages' shares of the progress bar are rough shares of the replicate's time
  try {
    const sft = await trainSft(model, data, heldOut, o, schedule, rng.split('sft'), ticker.stage(0, 0.5), (step) => {
      if (step === o.underfitSteps) owned.push((snapshot = model.clone()));
    });
    const first = await sample(model, schedule, evalPrompts, evalRng, o.keepSamples ? 24 : 0);
    const base = scoreModel(shapes, first.points, null, o.evalPerPrompt);
    const sftDensities = base.densities;

    const spin: ReplicateRecord['spin'] = [];
    let spinSteps: ReplicateRecord['spinSteps'] = [];
    let spinSamples: Float32Array[] = [];
    const shared: Shared = { data, shapes, schedule, o, evalPrompts, evalRng, sftDensities };
    for (const [r, learningRate] of o.spinRates.entries()) {
      const run = await runSpin(model, learningRate, shared, rng.split('spin'), ticker.stage(0.5 + (0.2 * r) / o.spinRates.length, 0.5 + (0.2 * (r + 1)) / o.spinRates.length));
      spin.push({ learningRate, scores: [base.scores, ...run.scores] });
      if (r === 0) [spinSteps, spinSamples] = [run.steps, [first.points, ...run.samples]];
    }

    // SFT continued from the same checkpoint, at each rate of the grid, the same steps and batch
    const continued: ReplicateRecord['continued'] = [];
    const shownContinued: Float32Array[][] = [];
    for (const [r, learningRate] of o.continuedRates.entries()) {
      const run = await runContinued(model, learningRate, shared, rng.split('continued'), ticker.stage(0.7 + (0.2 * r) / o.continuedRates.length, 0.7 + (0.2 * (r + 1)) / o.continuedRates.length));
      continued.push({ learningRate, scores: [base.scores, ...run.scores] });
      shownContinued.push([first.points, ...run.samples]);
    }

    let underfit: ReplicateRecord['underfit'];
    if (snapshot) {
      // the limit regime: the same recipes from the model SFT had after underfitSteps steps
      const start = await sample(snapshot, schedule, evalPrompts, evalRng);
      const startScores = scoreModel(shapes, start.points, null, o.evalPerPrompt);
      const fromSnapshot = { ...shared, sftDensities: startScores.densities };
      const spinRun = await runSpin(snapshot, o.spinRates[0], fromSnapshot, rng.split('underfit-spin'), ticker.stage(0.9, 0.96));
      const continuedRun = await runContinued(snapshot, o.spinRates[0], fromSnapshot, rng.split('underfit-continued'), ticker.stage(0.96, 1));
      underfit = { sftSteps: o.underfitSteps!, spin: [startScores.scores, ...spinRun.scores], continued: [startScores.scores, ...continuedRun.scores] };
    }
    const samples = o.keepSamples ? { spin: spinSamples, continued: shownContinued, prompts: evalPrompts, paths: first.paths } : undefined;
    return { sft, spin, continued, spinSteps, dataScores, underfit, samples };
  } finally {
    for (const m of owned) m.dispose();
  }
}
