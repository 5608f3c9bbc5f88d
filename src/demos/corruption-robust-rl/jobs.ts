// The demo's independent pieces of work, one seed each, as plain serialisable jobs: the same pure
// function answers them in a Web Worker (worker.ts) or in the page's own thread.

import { RngStream } from '../../lib/rng';
import { CHAIN_STATES, CHAIN_THETAS, chainKernel, chainMdp, isChainAttackable, RIGHT } from './chain';
import { tvAt, type TabularMdp } from './mdp';
import { mixtureEnvironment } from './mixture';
import { collectDataset, offlineFailed, offlinePolicy, type OfflineMethod } from './offline';
import { runOnline, type OnlineRun } from './online';
import type { OnlineMethod, OnlineSettings } from './optimisticMle';
import type { CorruptionRobustParams } from './params';

/** Every online run told the true budget, by corruption budget C and method (what the claims and the charts read). */
export type OnlineSweep = Map<number, Record<OnlineMethod, OnlineRun[]>>;
/** The budget-tuned methods told a budget that is not the truth: C corrupted transitions, tuned for `told`. */
export type WrongBudgetRuns = { C: number; told: number; runs: Record<TunedMethod, OnlineRun[]> }[];
/** The methods whose tuning reads the corruption budget. */
export type TunedMethod = Exclude<OnlineMethod, 'omle'>;
/** Failure counts of the offline methods over seeds at each (n, c). */
export type OfflineGrid = { n: number; c: number; failures: Record<OfflineMethod, number> }[];

/**
 * The two offline instances on the chain. 'left-optimal' (θ* = 0.2, the research notes' check): the
 * corrupted right moves are reported from θ = 0.9, luring the learner right; pessimism's safe default
 * (left) is optimal there. 'right-optimal' (θ* = 0.6): the corrupted right moves are reported from
 * θ = 0.1, and the safe default is the wrong policy, so caution has a price.
 */
export type OfflineInstance = 'left-optimal' | 'right-optimal';
export const OFFLINE_INSTANCES: Record<OfflineInstance, { theta: number; badTheta: number }> = {
  'left-optimal': { theta: 0.2, badTheta: 0.9 },
  'right-optimal': { theta: 0.6, badTheta: 0.1 },
};
export const OFFLINE_THETA = OFFLINE_INSTANCES['left-optimal'].theta;
export const OFFLINE_BAD_THETA = OFFLINE_INSTANCES['left-optimal'].badTheta;
/** The price of robustness: clean data with θ* = 0.6 (right is optimal), CR-PMLE told to expect these budgets. */
export const PRICE_THETA = OFFLINE_INSTANCES['right-optimal'].theta;
export const PRICE_BUDGETS: readonly number[] = [0, 2, 4, 8, 16, 32];
const OFFLINE_METHODS: readonly OfflineMethod[] = ['plug-in', 'pmle', 'cr-pmle'];

/** The model-grid index nearest to θ. */
export const thetaIndex = (theta: number): number => Math.min(CHAIN_THETAS.length - 1, Math.max(0, Math.round(theta / 0.05) - 1));

/** What the online part runs on: a finite class, the true member, and what the adversary reports. */
export interface OnlineEnvironment {
  models: TabularMdp[];
  truth: number;
  /** The kernel corrupted transitions are drawn from. */
  corruptKernel: Float64Array;
  targets: (s: number, a: number) => boolean;
  /** The largest TV between the corrupted and the true kernel over targeted transitions (the known-C radius counts C of these). */
  tvPerCorruption: number;
  label: string;
}

export function onlineEnvironment(params: CorruptionRobustParams): OnlineEnvironment {
  const key = `${params.environment} ${params.seed} ${params.thetaStar} ${params.badTheta}`;
  const cached = environments.get(key);
  if (cached) return cached;
  const env = buildEnvironment(params);
  environments.set(key, env);
  return env;
}

/** Environments built in this thread, by their parameters (a worker answers many jobs of one run). */
const environments = new Map<string, OnlineEnvironment>();

function buildEnvironment(params: CorruptionRobustParams): OnlineEnvironment {
  if (params.environment === 'mixture') {
    const env = mixtureEnvironment(RngStream.fromSeed(params.seed).split('mixture'));
    const truth = env.models[env.truth];
    const corruptKernel = env.models[env.misleading].kernel;
    let tvPerCorruption = 0;
    for (let z = 0; z < truth.states * truth.actions; z++) tvPerCorruption = Math.max(tvPerCorruption, tvAt(corruptKernel, truth.kernel, truth.states, z));
    const w = (i: number) => `(${env.weights[i].join(', ')})`;
    return { models: env.models, truth: env.truth, corruptKernel, targets: () => true, tvPerCorruption, label: `mixture MDP, true weights ${w(env.truth)}; the adversary reports the model ${w(env.misleading)}, whose optimal policy is worst under the truth` };
  }
  const models = CHAIN_THETAS.map((t) => chainMdp(t));
  const truth = thetaIndex(params.thetaStar);
  const corruptKernel = chainKernel(CHAIN_THETAS[thetaIndex(params.badTheta)]);
  return { models, truth, corruptKernel, targets: isChainAttackable, tvPerCorruption: tvAt(corruptKernel, models[truth].kernel, CHAIN_STATES, 0 * 2 + RIGHT), label: `chain, θ* = ${CHAIN_THETAS[truth]}` };
}


export type CrJob =
  /** `told`: the budget the method is tuned for (the truth, C, unless the wrong-budget case says otherwise). */
  | { kind: 'online'; params: CorruptionRobustParams; C: number; told: number; method: OnlineMethod; seed: number }
  | { kind: 'offline'; params: CorruptionRobustParams; instance: OfflineInstance; n: number; c: number; seed: number }
  | { kind: 'price'; params: CorruptionRobustParams; seed: number };

export type CrJobResult = OnlineRun | Record<OfflineMethod, boolean> | { pmle: boolean; crPmle: boolean[] };

export function runCrJob(job: CrJob): CrJobResult {
  const { params, seed } = job;
  const root = RngStream.fromSeed(params.seed);
  if (job.kind === 'online') {
    const env = onlineEnvironment(params);
    const { C, told, method } = job;
    const settings: OnlineSettings = { delta: params.delta, lambda: params.lambda, kappa: params.kappa, budget: told, budgetTv: told * env.tvPerCorruption };
    const adversary = { budget: C, kernel: env.corruptKernel, targets: env.targets, timing: params.timing, rate: 0.5 };
    const traced = method === 'cr-omle' && seed === 0 && C === params.corruption && told === C;
    // every method and budget sees the same environment stream at a seed (common random numbers)
    return runOnline(env.models, env.truth, method, settings, adversary, params.episodes, root.split('online').split(seed), traced);
  }
  const models = CHAIN_THETAS.map((t) => chainMdp(t));
  const settings = { delta: params.delta, lambda: params.lambda, kappa: params.kappa, budget: 0, rounds: 3 };
  if (job.kind === 'offline') {
    const { theta, badTheta } = OFFLINE_INSTANCES[job.instance];
    const truth = chainMdp(theta);
    // the same logged data for every method; each seed its own log (the first instance keeps its original stream)
    const stream = root.split(job.instance === 'left-optimal' ? 'offline' : `offline ${job.instance}`).split(job.n).split(seed);
    const data = collectDataset(truth, job.n, { count: job.c, kernel: chainKernel(badTheta), targets: isChainAttackable }, stream);
    const failed = {} as Record<OfflineMethod, boolean>;
    for (const method of OFFLINE_METHODS) failed[method] = offlineFailed(offlinePolicy(models, truth, data, method, { ...settings, budget: job.c }));
    return failed;
  }
  const truth = chainMdp(PRICE_THETA);
  const data = collectDataset(truth, params.offlineEpisodes, { count: 0, kernel: truth.kernel, targets: () => false }, root.split('price').split(seed));
  return {
    pmle: offlineFailed(offlinePolicy(models, truth, data, 'pmle', settings)),
    crPmle: PRICE_BUDGETS.map((budget) => offlineFailed(offlinePolicy(models, truth, data, 'cr-pmle', { ...settings, budget }))),
  };
}
