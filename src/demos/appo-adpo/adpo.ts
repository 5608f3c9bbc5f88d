// ADPO on a linear policy (research notes alignment.md §3a, §3c(i)): the official trainer's query
// rule (jkx19/ActiveQuery scripts/trainer.py, `dpo_loss` with data_selection) on a toy where every
// quantity is exact.
//
// World: each prompt x has K candidate responses with features φ(x, y) ∈ R^d; a hidden θ* gives
// Bradley–Terry labels, P(y¹ ≻ y² | x) = σ(⟨θ*, φ¹ − φ²⟩ / τ). The policy is log-linear,
// π_w(y | x) ∝ exp⟨w, φ(x, y)⟩, and the reference is uniform (w = 0), so the β-scaled implicit
// reward margin of a pair is m = β⟨w, φ¹ − φ²⟩ (the log-partition cancels).
//
// Training streams pairs (two distinct candidates of a fresh prompt, drawn from the reference) in
// minibatches; per pair the DPO loss softplus(−β·flag·⟨w, Δφ⟩) with Δφ = φ(chosen) − φ(rejected):
//   DPO          queries every pair (flag +1 on the human's order);
//   ADPO         queries when |m| ≤ γ, else pseudo-labels by the sign of m (the official
//                flag = sign(m + γ) on the human's order: +1 when it agrees, −1 flips the pair);
//   ADPO w/o PL  queries when |m| ≤ γ, drops the other pairs (the paper's ablation).
// The metric is the win-rate of y ~ π_w against y' ~ uniform under the true Bradley–Terry model,
// exact over the K candidates of held-out prompts.

import { RngStream } from '../../lib/rng';
import { dot, sigmoid } from './vectors';

export type AdpoMethod = 'dpo' | 'adpo' | 'adpo-no-pl';
export const ADPO_METHODS: readonly AdpoMethod[] = ['dpo', 'adpo', 'adpo-no-pl'];

/** The official flag rule on a margin m = r(chosen) − r(rejected): sign(m + γ), queried when |m| ≤ γ. */
export function adpoFlag(margin: number, gamma: number): { flag: number; queried: boolean } {
  return { flag: Math.sign(margin + gamma), queried: Math.abs(margin) <= gamma };
}

export function adpoFlags(margins: readonly number[], gamma: number): { flags: number[]; queried: boolean[] } {
  const rule = margins.map((m) => adpoFlag(m, gamma));
  return { flags: rule.map((r) => r.flag), queried: rule.map((r) => r.queried) };
}

export interface AdpoWorld {
  dim: number;
  candidates: number;
  /** The hidden reward direction θ*. */
  theta: Float64Array;
  /** Bradley–Terry temperature τ of the human labels (larger: noisier). */
  temperature: number;
}

export interface Prompt {
  /** K rows of d features. */
  features: Float64Array[];
}

const softplus = (z: number) => (z > 30 ? z : Math.log1p(Math.exp(z)));

/** θ* of unit length: its scale is set by the temperature alone. */
export function makeWorld(dim: number, candidates: number, temperature: number, rng: RngStream): AdpoWorld {
  const theta = Float64Array.from({ length: dim }, () => rng.normal());
  const norm = Math.hypot(...theta);
  return { dim, candidates, theta: theta.map((x) => x / norm), temperature };
}

export function makePrompt(world: AdpoWorld, rng: RngStream): Prompt {
  return { features: Array.from({ length: world.candidates }, () => Float64Array.from({ length: world.dim }, () => rng.normal())) };
}

/** P(y ≻ y') under the true model. */
export function preferenceProbability(world: AdpoWorld, a: Float64Array, b: Float64Array): number {
  return sigmoid((dot(world.theta, a) - dot(world.theta, b)) / world.temperature);
}

/** π_w(· | x): softmax of ⟨w, φ⟩ over the candidates. */
export function policy(w: Float64Array, prompt: Prompt): number[] {
  const scores = prompt.features.map((f) => dot(w, f));
  const top = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - top));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

/** Win-rate of y ~ π_w against y' ~ uniform, exact over each prompt's candidates, averaged over prompts. */
export function winRate(world: AdpoWorld, w: Float64Array, prompts: readonly Prompt[]): number {
  let total = 0;
  for (const prompt of prompts) {
    const p = policy(w, prompt);
    const K = prompt.features.length;
    const reward = prompt.features.map((f) => dot(world.theta, f));
    for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) total += (p[i] / K) * sigmoid((reward[i] - reward[j]) / world.temperature);
  }
  return total / prompts.length;
}

export interface AdpoOptions {
  method: AdpoMethod;
  beta: number;
  gamma: number;
  learningRate: number;
  batchSize: number;
  /** Pairs in the stream. */
  pairs: number;
  /** Win-rate is recorded after every `evalEvery` batches (and at the end). */
  evalEvery: number;
}

export interface AdpoCheckpoint {
  pairsSeen: number;
  queries: number;
  winRate: number;
  /**
   * Pseudo-labels so far; how many disagreed with what the (noisy) human would have said; how many
   * contradict the true preference (the hidden reward's order), the error that matters.
   */
  pseudoLabels: number;
  wrongPseudoLabels: number;
  pseudoLabelsAgainstTruth: number;
}

export interface AdpoRun {
  method: AdpoMethod;
  checkpoints: AdpoCheckpoint[];
  /** Every pair's margin m when it was seen (for the histogram with the ±γ band). */
  margins: number[];
  w: Float64Array;
}

/** One pair of the stream: two distinct candidates of a fresh prompt and the human's label (drawn whether asked or not, so all methods see the same stream). */
interface StreamPair {
  delta: Float64Array;
  /** +1 when the human prefers the first response, −1 the second. */
  label: number;
}

function streamPair(world: AdpoWorld, rng: RngStream): StreamPair {
  const prompt = makePrompt(world, rng.split('prompt'));
  const a = rng.int(world.candidates);
  const b = (a + 1 + rng.int(world.candidates - 1)) % world.candidates;
  const [fa, fb] = [prompt.features[a], prompt.features[b]];
  const label = rng.uniform() < preferenceProbability(world, fa, fb) ? 1 : -1;
  return { delta: fa.map((x, i) => x - fb[i]), label };
}

/**
 * Trains w from 0 on the stream (the same pairs and labels for every method, from `streamRng`) with
 * minibatch SGD on the mean loss over the batch's used pairs.
 */
export function trainAdpo(world: AdpoWorld, options: AdpoOptions, evalPrompts: readonly Prompt[], streamRng: RngStream): AdpoRun {
  const { method, beta, gamma, learningRate, batchSize, pairs, evalEvery } = options;
  const w = new Float64Array(world.dim);
  const checkpoints: AdpoCheckpoint[] = [{ pairsSeen: 0, queries: 0, winRate: winRate(world, w, evalPrompts), pseudoLabels: 0, wrongPseudoLabels: 0, pseudoLabelsAgainstTruth: 0 }];
  const margins: number[] = [];
  let queries = 0;
  let pseudoLabels = 0;
  let wrongPseudoLabels = 0;
  let pseudoLabelsAgainstTruth = 0;
  const batches = Math.ceil(pairs / batchSize);
  for (let b = 0; b < batches; b++) {
    const gradient = new Float64Array(world.dim);
    let used = 0;
    for (let i = b * batchSize; i < Math.min(pairs, (b + 1) * batchSize); i++) {
      const pair = streamPair(world, streamRng.split(i));
      // the margin of the pair in its human order (chosen first), as the official trainer sees it
      const chosenDelta = pair.label > 0 ? pair.delta : pair.delta.map((x) => -x);
      const m = beta * dot(w, chosenDelta);
      margins.push(m);
      const rule = adpoFlag(m, gamma);
      let flag = 1;
      if (method === 'dpo' || rule.queried) queries++;
      else if (method === 'adpo-no-pl') continue;
      else {
        flag = rule.flag;
        pseudoLabels++;
        if (flag < 0) wrongPseudoLabels++;
        // the pseudo-label keeps the human's order when flag > 0: against the truth when that order is truly worse
        if (flag > 0 !== dot(world.theta, chosenDelta) > 0) pseudoLabelsAgainstTruth++;
      }
      const scale = pairLossSlope(beta, flag, dot(w, chosenDelta));
      for (let k = 0; k < world.dim; k++) gradient[k] += scale * chosenDelta[k];
      used++;
    }
    if (used > 0) for (let k = 0; k < world.dim; k++) w[k] -= (learningRate * gradient[k]) / used;
    if ((b + 1) % evalEvery === 0 || b === batches - 1) checkpoints.push({ pairsSeen: Math.min(pairs, (b + 1) * batchSize), queries, winRate: winRate(world, w, evalPrompts), pseudoLabels, wrongPseudoLabels, pseudoLabelsAgainstTruth });
  }
  return { method, checkpoints, margins, w };
}

/** The loss of one pair, softplus(−β·flag·h), h = ⟨w, Δφ⟩ in the human's order. */
export function pairLoss(beta: number, flag: number, h: number): number {
  return softplus(-beta * flag * h);
}

/** d pairLoss / dh = −β·flag·σ(−β·flag·h); the gradient in w is this times Δφ. */
export function pairLossSlope(beta: number, flag: number, h: number): number {
  return -beta * flag * sigmoid(-beta * flag * h);
}

/**
 * Queries a run needed to first reach `target` win-rate (interpolated between checkpoints), or
 * null when it never did.
 */
export function queriesToReach(run: Pick<AdpoRun, 'checkpoints'>, target: number): number | null {
  const c = run.checkpoints;
  for (let i = 0; i < c.length; i++) {
    if (c[i].winRate < target) continue;
    if (i === 0) return 0;
    const f = (target - c[i - 1].winRate) / (c[i].winRate - c[i - 1].winRate);
    return c[i - 1].queries + f * (c[i].queries - c[i - 1].queries);
  }
  return null;
}
