// The demo's independent pieces of work as plain serialisable jobs, one run each: the same pure
// function answers them in a Web Worker (worker.ts) or in the page's own thread.

import { RngStream } from '../../lib/rng';
import { makePrompt, makeWorld, trainAdpo, type AdpoCheckpoint, type AdpoMethod } from './adpo';
import { runAppo } from './appo';
import type { AppoAdpoParams } from './params';

/** Minibatch of the ADPO stream, win-rate checkpoints every this many batches, held-out prompts per world. */
export const ADPO_BATCH = 32;
export const ADPO_EVAL_EVERY = 2;
export const ADPO_EVAL_PROMPTS = 200;
/** Points kept of each bandit curve. */
const CURVE_POINTS = 120;

/** Tuning replicates are a stream apart from the claim's: nothing is tuned on the replicates it is judged on. */
export type ReplicateStream = 'tuning' | 'claim';

export type AppoJob = { kind: 'appo'; params: AppoAdpoParams; replicate: number; threshold: number | null };
export type AdpoJob = {
  kind: 'adpo';
  params: AppoAdpoParams;
  stream: ReplicateStream;
  replicate: number;
  method: AdpoMethod;
  beta: number;
  learningRate: number;
  gamma: number;
  /** Return every pair's margin (for the histogram of the shown run). */
  keepMargins: boolean;
};
export type AppoAdpoJob = AppoJob | AdpoJob;

export type AppoPoint = { t: number; regret: number; queries: number };
export interface AppoSummary {
  curve: AppoPoint[];
  finalRegret: number;
  finalQueries: number;
  /** Cumulative queries after rounds ⌊T/2⌋ and ⌊T/4⌋. */
  halfQueries: number;
  quarterQueries: number;
  /** How far the learner's θ̂ is from the exact regularised MLE at the end (nats). */
  optimalityGap: number;
}

export interface AdpoSummary {
  checkpoints: AdpoCheckpoint[];
  margins: number[] | null;
}

export type AppoAdpoJobResult = AppoSummary | AdpoSummary;

/** Rounds at which a bandit curve is kept: evenly spaced, ending at T. */
export function curveRounds(horizon: number): number[] {
  const every = Math.max(1, Math.floor(horizon / CURVE_POINTS));
  const rounds: number[] = [];
  for (let t = every; t < horizon; t += every) rounds.push(t);
  rounds.push(horizon);
  return rounds;
}

function appoJob(job: AppoJob): AppoSummary {
  const { params, replicate, threshold } = job;
  // every Γ (and always-query) of a replicate sees the same θ*, contexts and coins
  const rng = RngStream.fromSeed(params.seed).split('appo').split(replicate);
  const run = runAppo({ dim: params.dim, arms: params.arms, horizon: params.horizon, lambda: params.lambda, threshold, temperature: params.temperature }, rng);
  const T = params.horizon;
  return {
    curve: curveRounds(T).map((t) => ({ t, regret: run.regret[t - 1], queries: run.queries[t - 1] })),
    finalRegret: run.regret[T - 1],
    finalQueries: run.queries[T - 1],
    halfQueries: run.queries[Math.floor(T / 2) - 1],
    quarterQueries: run.queries[Math.floor(T / 4) - 1],
    optimalityGap: run.optimalityGap,
  };
}

/** One replicate's world: θ*, the held-out prompts the win-rate is measured on, and the stream of pairs. */
export function adpoWorld(params: AppoAdpoParams, stream: ReplicateStream, replicate: number) {
  const rng = RngStream.fromSeed(params.seed).split('adpo').split(stream).split(replicate);
  const world = makeWorld(params.policyDim, params.candidates, params.labelTemperature, rng.split('world'));
  const prompts = Array.from({ length: ADPO_EVAL_PROMPTS }, (_, i) => makePrompt(world, rng.split('eval').split(i)));
  return { world, prompts, streamRng: rng.split('stream') };
}

function adpoJob(job: AdpoJob): AdpoSummary {
  const { world, prompts, streamRng } = adpoWorld(job.params, job.stream, job.replicate);
  const run = trainAdpo(
    world,
    { method: job.method, beta: job.beta, gamma: job.gamma, learningRate: job.learningRate, batchSize: ADPO_BATCH, pairs: job.params.pairs, evalEvery: ADPO_EVAL_EVERY },
    prompts,
    streamRng,
  );
  return { checkpoints: run.checkpoints, margins: job.keepMargins ? run.margins : null };
}

export function runAppoAdpoJob(job: AppoAdpoJob): AppoAdpoJobResult {
  return job.kind === 'appo' ? appoJob(job) : adpoJob(job);
}
