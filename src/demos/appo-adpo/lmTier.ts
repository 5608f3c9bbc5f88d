// ADPO's language-model tier: the tiny causal transformer of SPIN's tier on the word-reversal task,
// with a synthetic preference oracle. A briefly trained SFT model is the reference; a stream of
// response pairs is sampled from it (two responses per prompt), and the "human" labels each pair by
// a Bradley–Terry coin on the oracle's score. DPO, ADPO and ADPO without pseudo-labels then train a
// copy of the reference on the same stream, through the preference loss with per-pair weights:
//   DPO          weight +1 on every pair (all queried);
//   ADPO         the official flag sign(m + γ) on every pair, queried when |m| ≤ γ (−1 flips the pair);
//   ADPO w/o PL  +1 on the queried pairs, 0 (dropped) on the others;
// m = β[(log π(y_c) − log π_ref(y_c)) − (log π(y_r) − log π_ref(y_r))] in the human's order, computed
// before each step. Win-rate: a policy sample against a reference sample per held-out prompt, scored
// by the oracle's Bradley–Terry probability (the same held-out prompts and coins for every method).

import * as tf from '@tensorflow/tfjs';
import type { RngStream } from '../../lib/rng';
import type { Ticker } from '../../lib/schedule';
import { rowLogProbs } from '../../models/causalLm';
import { initialParameters, MaskedDiffusionTransformer } from '../../models/maskedDiffusionTransformer';
import { preferenceLoss } from '../../models/preferenceLoss';
import { cloneModel, frozenLogProbs, nllStep, responses, reversalLmConfig } from '../../models/reversalLm';
import { drawTaskPairs, encodeBatch, type TaskPair } from '../../models/reversalTask';
import type { SequenceLogProbOp } from '../../models/sequenceLogProbOp';
import { adpoFlag, type AdpoCheckpoint, type AdpoMethod } from './adpo';
import { sigmoid } from './vectors';

export interface AdpoLmOptions {
  sftPairs: number;
  sftSteps: number;
  /** Pairs in the stream, one pass. */
  streamPairs: number;
  batch: number;
  beta: number;
  learningRate: number;
  gamma: number;
  heldOut: number;
  /** Win-rate every this many batches (and at the end). */
  evalEvery: number;
  width: number;
  layers: number;
  /** The oracle's Bradley–Terry temperature: P(y¹ ≻ y²) = σ((s(y¹) − s(y²)) / temperature). */
  oracleTemperature: number;
}

export type AdpoLmRun = { method: AdpoMethod; checkpoints: AdpoCheckpoint[] };
export interface AdpoLmResult {
  runs: AdpoLmRun[];
  /** The reference's held-out score (mean oracle score of its samples) and its exact-match share. */
  referenceScore: number;
  /** Stream pairs whose two responses were the same string (they carry no preference). */
  tiedPairs: number;
}

/**
 * The oracle's score of a response to a prompt, as the page states it: one point for every position
 * where the response has the reversed prompt's letter, minus one per letter of length difference.
 * The correct reversal scores the prompt's length.
 */
export function oracleScore(prompt: string, response: string): number {
  const target = Array.from(prompt).reverse();
  let score = 0;
  for (let i = 0; i < Math.min(target.length, response.length); i++) if (response[i] === target[i]) score++;
  return score - Math.abs(response.length - target.length);
}

/** One pair of the stream in the human's order (chosen first), with the reference's log-probabilities. */
interface LabelledPair {
  chosen: TaskPair;
  rejected: TaskPair;
  /** The oracle's score of chosen minus rejected: > 0 when the human's pick is truly the better one. */
  truth: number;
  referenceChosen: number;
  referenceRejected: number;
}

async function labelledStream(reference: MaskedDiffusionTransformer, prompts: readonly TaskPair[], options: AdpoLmOptions, op: SequenceLogProbOp, rng: RngStream): Promise<{ pairs: LabelledPair[]; tied: number }> {
  const first = await responses(reference, prompts, 1, rng.split('first'));
  const second = await responses(reference, prompts, 1, rng.split('second'));
  const coins = rng.split('labels');
  const ordered = prompts.map((p, i) => {
    const [a, b] = [first[i], second[i]];
    const prefersFirst = coins.uniform() < sigmoid((oracleScore(p.prompt, a) - oracleScore(p.prompt, b)) / options.oracleTemperature);
    const [chosen, rejected] = prefersFirst ? [a, b] : [b, a];
    return { chosen: { prompt: p.prompt, response: chosen }, rejected: { prompt: p.prompt, response: rejected }, truth: oracleScore(p.prompt, chosen) - oracleScore(p.prompt, rejected) };
  });
  const referenceChosen = await frozenLogProbs(reference, ordered.map((p) => p.chosen), op);
  const referenceRejected = await frozenLogProbs(reference, ordered.map((p) => p.rejected), op);
  const pairs = ordered.map((p, i) => ({ ...p, referenceChosen: referenceChosen[i], referenceRejected: referenceRejected[i] }));
  return { pairs, tied: prompts.filter((_, i) => first[i] === second[i]).length };
}

/** Win-rate of the model's samples against the reference's fixed samples, by the oracle's probability. */
async function winRate(model: MaskedDiffusionTransformer, heldOut: readonly TaskPair[], referenceSamples: readonly string[], temperature: number, rng: RngStream): Promise<number> {
  const samples = await responses(model, heldOut, 1, rng);
  let total = 0;
  heldOut.forEach((p, i) => (total += sigmoid((oracleScore(p.prompt, samples[i]) - oracleScore(p.prompt, referenceSamples[i])) / temperature)));
  return total / heldOut.length;
}

/**
 * The weights the preference loss gets for a batch, from the margins the policy gives it now; with
 * `truths` (> 0 where the human's pick is truly better, 0 for a tie), how many pseudo-labels
 * contradict the truth.
 */
export function batchWeights(method: AdpoMethod, margins: ArrayLike<number>, gamma: number, truths?: ArrayLike<number>): { weights: number[]; queried: number; pseudo: number; wrong: number; againstTruth: number } {
  const weights: number[] = [];
  let [queried, pseudo, wrong, againstTruth] = [0, 0, 0, 0];
  Array.from(margins).forEach((m, i) => {
    const rule = adpoFlag(m, gamma);
    if (method === 'dpo' || rule.queried) {
      queried++;
      weights.push(1);
    } else if (method === 'adpo-no-pl') weights.push(0);
    else {
      pseudo++;
      if (rule.flag < 0) wrong++;
      const truth = truths?.[i] ?? 0;
      if (truth !== 0 && rule.flag > 0 !== truth > 0) againstTruth++;
      weights.push(rule.flag);
    }
  });
  return { weights, queried, pseudo, wrong, againstTruth };
}

async function trainMethod(method: AdpoMethod, reference: MaskedDiffusionTransformer, stream: readonly LabelledPair[], evaluate: (model: MaskedDiffusionTransformer, index: number) => Promise<number>, options: AdpoLmOptions, op: SequenceLogProbOp, ticker?: Ticker): Promise<AdpoLmRun> {
  const policy = await cloneModel(reference);
  const optimizer = tf.train.adam(options.learningRate);
  let [queries, pseudoLabels, wrongPseudoLabels, pseudoLabelsAgainstTruth] = [0, 0, 0, 0];
  const checkpoints: AdpoCheckpoint[] = [{ pairsSeen: 0, queries: 0, winRate: await evaluate(policy, 0), pseudoLabels: 0, wrongPseudoLabels: 0, pseudoLabelsAgainstTruth: 0 }];
  const batches = Math.ceil(stream.length / options.batch);
  try {
    for (let b = 0; b < batches; b++) {
      await ticker?.tick();
      const batch = stream.slice(b * options.batch, (b + 1) * options.batch);
      const chosenRows = encodeBatch(batch.map((p) => p.chosen));
      const rejectedRows = encodeBatch(batch.map((p) => p.rejected));
      const referenceChosen = batch.map((p) => p.referenceChosen);
      const referenceRejected = batch.map((p) => p.referenceRejected);
      // the margins before the step, as the official trainer reads them (detached)
      const marginTensor = tf.tidy(() => {
        const h = tf.sub(tf.sub(rowLogProbs(policy, chosenRows, op), tf.tensor1d(referenceChosen)), tf.sub(rowLogProbs(policy, rejectedRows, op), tf.tensor1d(referenceRejected)));
        return tf.mul(h, options.beta);
      });
      const margins = await marginTensor.data();
      marginTensor.dispose();
      const rule = batchWeights(method, margins, options.gamma, batch.map((p) => p.truth));
      queries += rule.queried;
      pseudoLabels += rule.pseudo;
      wrongPseudoLabels += rule.wrong;
      pseudoLabelsAgainstTruth += rule.againstTruth;
      if (rule.weights.some((w) => w !== 0)) {
        const weights = tf.tensor1d(rule.weights);
        const cost = optimizer.minimize(
          () =>
            preferenceLoss(
              { policyChosen: rowLogProbs(policy, chosenRows, op), policyRejected: rowLogProbs(policy, rejectedRows, op), referenceChosen: tf.tensor1d(referenceChosen), referenceRejected: tf.tensor1d(referenceRejected) },
              { beta: options.beta, weights },
            ),
          false,
        );
        tf.dispose([weights, cost ?? []]);
      }
      if ((b + 1) % options.evalEvery === 0 || b === batches - 1) checkpoints.push({ pairsSeen: Math.min(stream.length, (b + 1) * options.batch), queries, winRate: await evaluate(policy, checkpoints.length), pseudoLabels, wrongPseudoLabels, pseudoLabelsAgainstTruth });
    }
    return { method, checkpoints };
  } finally {
    policy.dispose();
    optimizer.dispose();
  }
}

/** One replicate: SFT, the labelled stream, then the three methods from the same reference on the same stream. */
export async function runAdpoLmTier(methods: readonly AdpoMethod[], options: AdpoLmOptions, op: SequenceLogProbOp, rng: RngStream, ticker?: Ticker): Promise<AdpoLmResult> {
  const sftData = drawTaskPairs(options.sftPairs, rng.split('sft-data'));
  const streamPrompts = drawTaskPairs(options.streamPairs, rng.split('stream-prompts'), new Set(sftData.map((p) => p.prompt)));
  const heldOut = drawTaskPairs(options.heldOut, rng.split('held-out'), new Set([...sftData, ...streamPrompts].map((p) => p.prompt)));
  const config = reversalLmConfig(options);
  const reference = new MaskedDiffusionTransformer(config, initialParameters(config, rng.split('init')));
  const sftOptimizer = tf.train.adam(1e-3);
  try {
    const picks = rng.split('sft-batches');
    for (let step = 0; step < options.sftSteps; step++) {
      await ticker?.tick();
      if (step % 10 === 0) ticker?.progress((0.3 * step) / options.sftSteps, `Language model: SFT step ${step + 1} of ${options.sftSteps}`);
      nllStep(reference, sftOptimizer, Array.from({ length: 32 }, () => sftData[picks.int(sftData.length)]), op);
    }
    ticker?.progress(0.3, `Language model: the reference answers ${streamPrompts.length} stream prompts twice; the oracle labels the pairs`);
    const { pairs, tied } = await labelledStream(reference, streamPrompts, options, op, rng.split('stream'));
    const evalRng = rng.split('evaluate');
    const referenceSamples = await responses(reference, heldOut, 1, evalRng.split('reference'));
    const referenceScore = referenceSamples.reduce((a, r, i) => a + oracleScore(heldOut[i].prompt, r), 0) / heldOut.length;
    // every method's k-th evaluation samples with the same stream: differences between methods are the models'
    const evaluate = (model: MaskedDiffusionTransformer, index: number) => winRate(model, heldOut, referenceSamples, options.oracleTemperature, evalRng.split(index));
    const runs: AdpoLmRun[] = [];
    for (const [k, method] of methods.entries()) {
      ticker?.progress(0.35 + (0.65 * k) / methods.length, `Language model: ${method} on the stream of ${pairs.length} pairs`);
      runs.push(await trainMethod(method, reference, pairs, evaluate, options, op, ticker));
    }
    return { runs, referenceScore, tiedPairs: tied };
  } finally {
    reference.dispose();
    sftOptimizer.dispose();
  }
}

/**
 * The tier's preference loss on one batch through `op` and through the tfjs op chain, for the sanity
 * row: a fresh model, chosen = the correct reversal, rejected = the prompt itself, weights +1, −1 and
 * 0 in turn, reference log-probabilities from the chain.
 */
export async function lossThroughBothOps(options: Pick<AdpoLmOptions, 'width' | 'layers' | 'beta'>, op: SequenceLogProbOp, chain: SequenceLogProbOp, rng: RngStream): Promise<{ fused: number; chain: number; pairs: number }> {
  const config = reversalLmConfig(options);
  const model = new MaskedDiffusionTransformer(config, initialParameters(config, rng.split('init')));
  try {
    const tasks = drawTaskPairs(24, rng.split('pairs'));
    const chosen = encodeBatch(tasks);
    const rejected = encodeBatch(tasks.map((t) => ({ prompt: t.prompt, response: t.prompt })));
    const weights = tasks.map((_, i) => [1, -1, 0][i % 3]);
    const loss = (through: SequenceLogProbOp) =>
      tf.tidy(() =>
        preferenceLoss(
          { policyChosen: rowLogProbs(model, chosen, through), policyRejected: rowLogProbs(model, rejected, through), referenceChosen: tf.mul(rowLogProbs(model, chosen, chain), 0.5), referenceRejected: tf.mul(rowLogProbs(model, rejected, chain), 0.5) },
          { beta: options.beta, weights: tf.tensor1d(weights) },
        ),
      );
    const [a, b] = [loss(op), loss(chain)];
    const [fused, viaChain] = [(await a.data())[0], (await b.data())[0]];
    tf.dispose([a, b]);
    return { fused, chain: viaChain, pairs: tasks.length };
  } finally {
    model.dispose();
  }
}
