// SPIN's language-model tier: a tiny causal transformer on the word-reversal task. SFT on a small
// set of prompt–response pairs gives a weak model; then each SPIN iteration freezes the current
// model as the opponent, lets it generate a response for every SFT prompt, and trains the policy
// on the logistic SPIN loss over (real, generated) pairs — the official recipe, optionally mixing
// the previous iteration's generated pairs. Next to it, SFT continued for the same number of steps.
// Sequence log-probabilities go through the fused op (sequenceLogProbOp.ts) on WebGPU.

import * as tf from '@tensorflow/tfjs';
import type { RngStream } from '../../lib/rng';
import type { Ticker } from '../../lib/schedule';
import { rowLogProbs } from '../../models/causalLm';
import { initialParameters, MaskedDiffusionTransformer } from '../../models/maskedDiffusionTransformer';
import { preferenceLoss, preferenceRewards } from '../../models/preferenceLoss';
import type { SequenceLogProbOp } from '../../models/sequenceLogProbOp';
import { cloneModel, nllStep, responses, reversalLmConfig } from '../../models/reversalLm';
import { drawTaskPairs, encodeBatch, type TaskPair } from '../../models/reversalTask';

export interface LmTierOptions {
  sftPairs: number;
  heldOutPairs: number;
  sftSteps: number;
  iterations: number;
  stepsPerIteration: number;
  beta: number;
  learningRate: number;
  /** Adam's rate for the SPIN steps (the paper trains SPIN at a far smaller rate than SFT). */
  spinLearningRate: number;
  batch: number;
  mixPrevious: boolean;
  width: number;
  layers: number;
}

/** A type, not an interface: it is also the row of the results' lmIterations series, and only a type literal fits SeriesRow's index signature. */
export type LmIterationRecord = {
  iteration: number;
  spinExactMatch: number;
  spinHeldOutLogLikelihood: number;
  sftExactMatch: number;
  sftHeldOutLogLikelihood: number;
  rewardsReal: number;
  rewardsGenerated: number;
  margin: number;
  rewardAccuracy: number;
  /** Share of the opponent's generated responses that were already correct. */
  generatedCorrect: number;
  /** The SPIN loss at the iteration's first step, where the policy equals the opponent: log 2. */
  firstStepLoss: number;
};

export interface LmSample {
  prompt: string;
  correct: string;
  spin: string;
  sft: string;
}

export interface LmTierResult {
  records: LmIterationRecord[];
  /** Held-out prompts with the final SPIN and SFT-continued responses (near-greedy). */
  samples: LmSample[];
}

/** Held-out exact match of near-greedy decoding (temperature 0.05) and mean response log-likelihood. */
async function evaluate(model: MaskedDiffusionTransformer, heldOut: readonly TaskPair[], op: SequenceLogProbOp, rng: RngStream): Promise<{ exact: number; logLikelihood: number; outputs: string[] }> {
  const out = await responses(model, heldOut, 0.05, rng);
  const exact = out.filter((r, i) => r === heldOut[i].response).length / heldOut.length;
  const ll = tf.tidy(() => rowLogProbs(model, encodeBatch(heldOut), op).mean());
  const [logLikelihood] = await ll.data();
  ll.dispose();
  return { exact, logLikelihood, outputs: out };
}

/** The opponent's sequence log-probabilities of every pair's real and generated response, computed once per iteration (it is frozen). */
async function opponentLogProbs(opponent: MaskedDiffusionTransformer, pairs: readonly { real: TaskPair; generated: TaskPair }[], op: SequenceLogProbOp): Promise<{ real: Float32Array; generated: Float32Array }> {
  const [real, generated] = tf.tidy(() => [rowLogProbs(opponent, encodeBatch(pairs.map((p) => p.real)), op), rowLogProbs(opponent, encodeBatch(pairs.map((p) => p.generated)), op)]);
  const out = { real: (await real.data()) as Float32Array, generated: (await generated.data()) as Float32Array };
  tf.dispose([real, generated]);
  return out;
}

const pick = <T>(items: readonly T[], count: number, rng: RngStream): T[] => Array.from({ length: count }, () => items[rng.int(items.length)]);

export async function runLmTier(options: LmTierOptions, op: SequenceLogProbOp, rng: RngStream, ticker?: Ticker, onRecord?: (r: LmIterationRecord) => void): Promise<LmTierResult> {
  const sftData = drawTaskPairs(options.sftPairs, rng.split('sft-data'));
  const heldOut = drawTaskPairs(options.heldOutPairs, rng.split('held-out'), new Set(sftData.map((p) => p.prompt)));
  const config = reversalLmConfig(options);
  const policy = new MaskedDiffusionTransformer(config, initialParameters(config, rng.split('init')));
  const batches = rng.split('batches');
  const sftOptimizer = tf.train.adam(options.learningRate);
  let continued: MaskedDiffusionTransformer | null = null;
  let continuedOptimizer: tf.Optimizer | null = null;
  let spinOptimizer: tf.Optimizer | null = null;
  const records: LmIterationRecord[] = [];
  let samples: LmSample[] = [];
  try {
    const totalSteps = options.sftSteps + options.iterations * options.stepsPerIteration;
    for (let step = 0; step < options.sftSteps; step++) {
      await ticker?.tick();
      if (step % 10 === 0) ticker?.progress(step / totalSteps, `Language model: SFT step ${step + 1} of ${options.sftSteps}`);
      nllStep(policy, sftOptimizer, pick(sftData, options.batch, batches), op);
    }
    continued = await cloneModel(policy);
    continuedOptimizer = tf.train.adam(options.learningRate);
    spinOptimizer = tf.train.adam(options.spinLearningRate);
    const evalRng = rng.split('evaluate');
    const first = await evaluate(policy, heldOut, op, evalRng.split(0));
    const record0 = { iteration: 0, spinExactMatch: first.exact, spinHeldOutLogLikelihood: first.logLikelihood, sftExactMatch: first.exact, sftHeldOutLogLikelihood: first.logLikelihood, rewardsReal: 0, rewardsGenerated: 0, margin: 0, rewardAccuracy: 0, generatedCorrect: 0, firstStepLoss: Math.log(2) };
    records.push(record0);
    onRecord?.(record0);

    let previous: { real: TaskPair; generated: TaskPair }[] = [];
    for (let t = 1; t <= options.iterations; t++) {
      // the opponent is the policy as it stands now: it answers every SFT prompt and scores every pair
      // before the first step changes the policy, so it needs no copy of its own
      ticker?.progress((options.sftSteps + (t - 1) * options.stepsPerIteration) / totalSteps, `Language model: iteration ${t} of ${options.iterations}, the opponent answers the ${sftData.length} SFT prompts`);
      const generated = await responses(policy, sftData, 1, rng.split(`generate-${t}`));
      const current = sftData.map((real, i) => ({ real, generated: { prompt: real.prompt, response: generated[i] } }));
      const pairs = options.mixPrevious ? [...current, ...previous] : current;
      const reference = await opponentLogProbs(policy, pairs, op);
      const indices = pairs.map((_, i) => i);
      let last = { rewardsReal: 0, rewardsGenerated: 0, accuracy: 0 };
      let firstStepLoss = NaN;
      for (let step = 0; step < options.stepsPerIteration; step++) {
        await ticker?.tick();
        if (step % 10 === 0) ticker?.progress((options.sftSteps + (t - 1) * options.stepsPerIteration + step) / totalSteps, `Language model: iteration ${t} of ${options.iterations}, SPIN and SFT-continued step ${step + 1} of ${options.stepsPerIteration}`);
        const chosen = pick(indices, options.batch, batches);
        const realRows = encodeBatch(chosen.map((i) => pairs[i].real));
        const genRows = encodeBatch(chosen.map((i) => pairs[i].generated));
        const logged: { stats?: tf.Tensor } = {};
        const cost = spinOptimizer.minimize(() => {
          const terms = {
            policyChosen: rowLogProbs(policy, realRows, op),
            policyRejected: rowLogProbs(policy, genRows, op),
            referenceChosen: tf.tensor1d(chosen.map((i) => reference.real[i])),
            referenceRejected: tf.tensor1d(chosen.map((i) => reference.generated[i])),
          };
          if (step === options.stepsPerIteration - 1) {
            const r = preferenceRewards(terms, options.beta);
            // kept past the step and read asynchronously (a synchronous read stalls a GPU backend)
            logged.stats = tf.keep(tf.stack([tf.mean(r.chosen), tf.mean(r.rejected), r.accuracy]));
          }
          return preferenceLoss(terms, { beta: options.beta });
        }, step === 0);
        if (cost) firstStepLoss = (await cost.data())[0];
        tf.dispose(cost ?? []);
        if (logged.stats) {
          const [rewardsReal, rewardsGenerated, accuracy] = await logged.stats.data();
          logged.stats.dispose();
          last = { rewardsReal, rewardsGenerated, accuracy };
        }
        nllStep(continued, continuedOptimizer, pick(sftData, options.batch, batches), op);
      }
      const spin = await evaluate(policy, heldOut, op, evalRng.split(t));
      const sft = await evaluate(continued, heldOut, op, evalRng.split(t));
      const record = {
        iteration: t,
        spinExactMatch: spin.exact,
        spinHeldOutLogLikelihood: spin.logLikelihood,
        sftExactMatch: sft.exact,
        sftHeldOutLogLikelihood: sft.logLikelihood,
        rewardsReal: last.rewardsReal,
        rewardsGenerated: last.rewardsGenerated,
        margin: last.rewardsReal - last.rewardsGenerated,
        rewardAccuracy: last.accuracy,
        generatedCorrect: current.filter((p) => p.generated.response === p.real.response).length / current.length,
        firstStepLoss,
      };
      if (t === options.iterations) samples = heldOut.slice(0, 12).map((p, i) => ({ prompt: p.prompt, correct: p.response, spin: spin.outputs[i], sft: sft.outputs[i] }));
      records.push(record);
      onRecord?.(record);
      previous = current;
    }
    return { records, samples };
  } finally {
    policy.dispose();
    continued?.dispose();
    sftOptimizer.dispose();
    continuedOptimizer?.dispose();
    spinOptimizer?.dispose();
  }
}
