// The demo's independent pieces of work — one learner (or reference policy), one instance, one
// seed — as plain serialisable jobs: the same pure function answers them in a Web Worker
// (worker.ts) or in the page's own thread.

import { RngStream } from '../../lib/rng';
import { runSsp, type SspPolicy, type SspRun } from './episodes';
import { perturbCosts, zeroCostGridworld } from './gridworld';
import type { SspSettings } from './learner';
import type { LinearMixtureSspParams } from './params';
import { hardInstance, optimalValues, type LinearMixtureSsp } from './ssp';

/** Episodes are cut at this many times B* steps (and counted as capped). */
export const CAP_FACTOR = 50;

export type InstanceSpec = { kind: 'hard'; dim: number; delta: number; gap: number } | { kind: 'gridworld'; dim: number };

export function sspSettings(params: LinearMixtureSspParams, bound: number): SspSettings {
  return { lambda: params.lambda, delta: 0.05, alpha: params.alpha, gamma: params.dim ** -0.25, bound, thetaNorm: 1, radiusScale: params.radiusScale, moments: params.moments, bernstein: params.bernstein };
}

export interface Instance {
  ssp: LinearMixtureSsp;
  /** V*(s_init): the optimal expected cost of an episode. */
  bStar: number;
  /** The known bound B ≥ max_s V*(s) the learners normalise by. */
  bound: number;
  /** What the perturbed-cost baseline plans in (gridworld only). */
  perturbed?: LinearMixtureSsp;
  label: string;
}

function hardInstanceOf(params: LinearMixtureSspParams, dim: number, delta: number, gap: number): Instance {
  if (gap >= delta) throw new Error(`Δ (gap) = ${gap} must be below δ = ${delta}: otherwise some action would reach the goal with negative probability`);
  const ssp = hardInstance(dim, delta, gap, RngStream.fromSeed(params.seed).split('instance'));
  const bStar = optimalValues(ssp).value[ssp.start];
  // the learners are told B = boundFactor·B* (the paper assumes B ≥ B* is known)
  return { ssp, bStar, bound: params.boundFactor * bStar, label: `δ = ${delta}, Δ = ${gap}, d = ${dim}` };
}

function gridworldOf(params: LinearMixtureSspParams): Instance {
  if (params.dim < 3 || params.dim > 5) throw new Error(`the gridworld mixes d = 3, 4 or 5 base kernels: set d accordingly (got ${params.dim})`);
  const ssp = zeroCostGridworld(params.dim);
  const values = optimalValues(ssp).value;
  return { ssp, bStar: values[ssp.start], bound: Math.ceil(Math.max(...values)) + 1, perturbed: perturbCosts(ssp, params.episodes ** (-1 / 3)), label: `gridworld, d = ${params.dim}` };
}

/** Instances built in this thread, by seed and spec (a worker answers many jobs of one run). */
const instances = new Map<string, Instance>();

export function instanceOf(params: LinearMixtureSspParams, spec: InstanceSpec): Instance {
  const key = `${params.seed} ${params.episodes} ${params.boundFactor} ${JSON.stringify(spec)}`;
  let inst = instances.get(key);
  if (!inst) {
    inst = spec.kind === 'hard' ? hardInstanceOf(params, spec.dim, spec.delta, spec.gap) : gridworldOf({ ...params, dim: spec.dim });
    instances.set(key, inst);
  }
  return inst;
}

export interface SspJob {
  params: LinearMixtureSspParams;
  spec: InstanceSpec;
  policy: SspPolicy;
  /** Labels split off the run's seed, in order: the job's random stream. */
  stream: (string | number)[];
}

export function runSspJob({ params, spec, policy, stream }: SspJob): SspRun {
  const inst = instanceOf(params, spec);
  const rng = stream.reduce((r, label) => r.split(label), RngStream.fromSeed(params.seed));
  const planned = policy === 'hoeffding-perturbed' ? inst.perturbed : undefined;
  return runSsp(inst.ssp, policy, sspSettings(params, inst.bound), params.episodes, Math.ceil(CAP_FACTOR * inst.bStar), rng, planned);
}
