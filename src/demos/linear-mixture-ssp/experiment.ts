// One run of the linear-mixture SSP demo: the Hoeffding (LEVIS-like) and variance-aware learners on
// the hard instance over seeds, with the optimal and a random policy as reference lines; a sweep
// over B* (δ) for the regret/√K vs B* slopes; and a long run of the optimal policy that checks the
// simulator against 1/(δ + Δ). Both learners see the same seeds' environment noise streams.

import type { ComputeState } from '../../gpu/backend';
import { RngStream } from '../../lib/rng';
import { Ticker, type RunControl } from '../../lib/schedule';
import type { DemoResults, SeriesRow } from '../../lib/results';
import { lineFit, mean } from '../../lib/stats';
import { buildClaims, OPTIMAL_CHECK_EPISODES } from './claims';
import { canUseWorkers, runJobs, workerCount } from '../../lib/workerPool';
import { runSsp, type SspPolicy, type SspRun } from './episodes';
import { CAP_FACTOR, instanceOf, runSspJob, sspSettings, type InstanceSpec, type SspJob } from './jobs';
import { DEVI_MAX_SWEEPS, type SspMethod } from './learner';
import type { LinearMixtureSspParams } from './params';

export const SLUG = 'linear-mixture-ssp';
// series and metrics still string-keyed: typed rows next (issue 10, item 7)
export type LinearMixtureSspResults = DemoResults<LinearMixtureSspParams, Record<string, SeriesRow[]>, Record<string, number>>;
export const SSP_METHODS: readonly SspMethod[] = ['hoeffding', 'variance-aware'];
export const POLICY_LABELS: Record<SspPolicy, string> = {
  hoeffding: 'Hoeffding set (LEVIS-like)',
  'hoeffding-perturbed': 'Hoeffding set, costs + K^(−1/3) (LEVIS for c_min = 0)',
  'variance-aware': 'variance-aware set',
  optimal: 'optimal policy',
  random: 'random policy',
};
export const SWEEP_DELTAS: readonly number[] = [0.2, 0.1, 0.05, 0.025];
/** In the B* sweep Δ = 0.4·δ, as in the research notes' table. */
export const SWEEP_GAP_RATIO = 0.4;
export const SWEEP_DIMS: readonly number[] = [2, 3, 4, 5, 6];
const CURVE_POINTS = 100;
export { CAP_FACTOR } from './jobs';

const finalOf = (r: SspRun) => r.cumulativeRegret[r.cumulativeRegret.length - 1];

/** Jobs for every policy × seed on one instance; each seed's environment stream is shared by the policies (common random numbers). */
function seedJobs(params: LinearMixtureSspParams, spec: InstanceSpec, policies: readonly SspPolicy[], stream: readonly (string | number)[]): SspJob[] {
  return policies.flatMap((policy) => Array.from({ length: params.seeds }, (_, seed) => ({ params, spec, policy, stream: [...stream, 'seeds', seed] })));
}

/**
 * The slopes are fitted where the bounds' leading terms can show: B* ≥ this. With B* ≈ 3.6 an
 * episode is a few steps long, and which action a learner happens to lock onto first dominates.
 */
export const SLOPE_MIN_BSTAR = 5;

function logLogSlope(rows: readonly SeriesRow[], x: string, y: string): number | undefined {
  // a log-log fit needs positive regrets
  const usable = rows.filter((r) => Number(r[y]) > 0 && Number(r[x]) >= SLOPE_MIN_BSTAR);
  return usable.length >= 2 ? lineFit(usable.map((r) => Math.log(Number(r[x]))), usable.map((r) => Math.log(Number(r[y])))).slope : undefined;
}

/** The regret curves of the shown instance alone, while the sweeps still run. */
function partialResults(params: LinearMixtureSspParams, env: Pick<ComputeState, 'info'>, startedAt: string, started: number, policies: readonly SspPolicy[], shownRuns: readonly SspRun[], shown: { bStar: number; ssp: { actions: number } }): LinearMixtureSspResults {
  const runs = {} as Record<SspPolicy, SspRun[]>;
  policies.forEach((p, i) => (runs[p] = shownRuns.slice(i * params.seeds, (i + 1) * params.seeds)));
  return {
    slug: SLUG,
    params,
    backend: env.info,
    metrics: { bStar: shown.bStar, actions: shown.ssp.actions, hoeffdingRegret: mean(runs.hoeffding.map(finalOf)), varianceAwareRegret: mean(runs['variance-aware'].map(finalOf)) },
    series: { regretVsK: regretCurves(params, policies, runs) },
    claims: [],
    matrices: {},
    notes: ['Partial: the sweeps are still running.'],
    timing: { startedAt, totalMs: performance.now() - started, stages: {}, label: 'running' },
  };
}

function regretCurves(params: LinearMixtureSspParams, policies: readonly SspPolicy[], runs: Record<SspPolicy, SspRun[]>): SeriesRow[] {
  const every = Math.max(1, Math.floor(params.episodes / CURVE_POINTS));
  const rows: SeriesRow[] = [];
  for (let k = every - 1; k < params.episodes; k += every) {
    const row: SeriesRow = { episode: k + 1 };
    for (const policy of policies) {
      const values = runs[policy].map((r) => r.cumulativeRegret[k]);
      Object.assign(row, { [`${policy}Mean`]: mean(values), [`${policy}Min`]: Math.min(...values), [`${policy}Max`]: Math.max(...values) });
    }
    rows.push(row);
  }
  return rows;
}

export async function runLinearMixtureSsp(params: LinearMixtureSspParams, env: Pick<ComputeState, 'info'>, control: RunControl = {}): Promise<LinearMixtureSspResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const root = RngStream.fromSeed(params.seed);
  const hard = params.instance === 'hard';
  const shownSpec: InstanceSpec = hard ? { kind: 'hard', dim: params.dim, delta: params.delta, gap: params.gap } : { kind: 'gridworld', dim: params.dim };
  const shown = instanceOf(params, shownSpec);
  const policies: SspPolicy[] = hard ? ['hoeffding', 'variance-aware', 'optimal', 'random'] : ['hoeffding', 'hoeffding-perturbed', 'variance-aware', 'optimal', 'random'];
  const sweepDeltas = hard && params.sweep === 'on' ? SWEEP_DELTAS.filter((d) => d !== params.delta) : [];
  const bSpecs: InstanceSpec[] = sweepDeltas.map((d) => ({ kind: 'hard', dim: params.dim, delta: d, gap: SWEEP_GAP_RATIO * d }));
  const dSpecs: InstanceSpec[] = params.dSweep === 'on' ? SWEEP_DIMS.map((d) => ({ kind: 'hard', dim: d, delta: params.delta, gap: params.gap })) : [];
  // validate every instance before starting (a bad δ/Δ is named at once)
  for (const spec of [...bSpecs, ...dSpecs]) instanceOf(params, spec);
  const ticker = new Ticker(control);
  const createWorker = params.parallel === 'workers' && canUseWorkers() ? () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }) : null;

  // every run of every seed, policy and instance is one job: first the shown instance (its curves
  // appear while the sweeps run), then all the sweeps' jobs at once
  const shownJobs = seedJobs(params, shownSpec, policies, []);
  const sweepJobs: SspJob[] = [
    ...bSpecs.flatMap((spec) => seedJobs(params, spec, SSP_METHODS, ['b-sweep', instanceOf(params, spec).label])),
    ...dSpecs.flatMap((spec) => seedJobs(params, spec, SSP_METHODS, ['d-sweep', instanceOf(params, spec).label])),
  ];
  const total = shownJobs.length + sweepJobs.length;
  const report = (offset: number) => (done: number) => ticker.progress((0.95 * (offset + done)) / total, `${offset + done} of ${total} runs (${params.seeds} seeds each)`);
  const results = await runJobs(shownJobs, runSspJob, ticker, createWorker, report(0));
  if (sweepJobs.length > 0) {
    control.onPartial?.(partialResults(params, env, startedAt, started, policies, results, shown));
    results.push(...(await runJobs(sweepJobs, runSspJob, ticker, createWorker, report(shownJobs.length))));
  }
  let next = 0;
  const take = () => results.slice(next, (next += params.seeds));
  const runs = {} as Record<SspPolicy, SspRun[]>;
  for (const policy of policies) runs[policy] = take();
  const meanPseudo = () => {
    const perMethod = {} as Record<SspMethod, number>;
    for (const m of SSP_METHODS) perMethod[m] = mean(take().map((r) => r.pseudoRegret));
    return perMethod;
  };
  const bSwept = bSpecs.map(meanPseudo);
  const dSwept = dSpecs.map(meanPseudo);

  const regretVsK = regretCurves(params, policies, runs);

  const sqrtK = Math.sqrt(params.episodes);
  const series: Record<string, SeriesRow[]> = { regretVsK };
  const metrics: Record<string, number> = {};
  if (bSpecs.length > 0) {
    const points = [
      { delta: params.delta, bStar: shown.bStar, r: { hoeffding: mean(runs.hoeffding.map((r) => r.pseudoRegret)), 'variance-aware': mean(runs['variance-aware'].map((r) => r.pseudoRegret)) } },
      ...bSpecs.map((spec, i) => ({ delta: sweepDeltas[i], bStar: instanceOf(params, spec).bStar, r: bSwept[i] })),
    ];
    series.regretVsBStar = points.sort((a, b) => a.bStar - b.bStar).map((p) => ({ delta: p.delta, bStar: p.bStar, hoeffdingPerSqrtK: p.r.hoeffding / sqrtK, varianceAwarePerSqrtK: p.r['variance-aware'] / sqrtK }));
    const h = logLogSlope(series.regretVsBStar, 'bStar', 'hoeffdingPerSqrtK');
    const va = logLogSlope(series.regretVsBStar, 'bStar', 'varianceAwarePerSqrtK');
    if (h !== undefined) metrics.hoeffdingSlope = h;
    if (va !== undefined) metrics.varianceAwareSlope = va;
  }
  if (dSpecs.length > 0) series.regretVsD = SWEEP_DIMS.map((d, i) => ({ d, actions: 2 ** (d - 1), hoeffding: dSwept[i].hoeffding, varianceAware: dSwept[i]['variance-aware'] }));

  await ticker.tick();
  ticker.progress(0.97, `The optimal policy for ${OPTIMAL_CHECK_EPISODES} episodes (the simulator check)`);
  const optimalCheck = runSsp(shown.ssp, 'optimal', sspSettings(params, shown.bound), OPTIMAL_CHECK_EPISODES, Math.ceil(1000 * shown.bStar), root.split('optimal-check'));
  const optimalMeanCost = optimalCheck.totalCost / OPTIMAL_CHECK_EPISODES;

  series.perSeed = runs.hoeffding.map((_, seed) => {
    const row: SeriesRow = { seed: seed + 1 };
    for (const policy of policies) row[`${policy} regret`] = finalOf(runs[policy][seed]);
    for (const policy of policies) row[`${policy} pseudo-regret`] = runs[policy][seed].pseudoRegret;
    for (const policy of policies) if (runs[policy][seed].phases > 0) row[`${policy} phases`] = runs[policy][seed].phases;
    row.cappedEpisodes = policies.reduce((s, p) => s + runs[p][seed].cappedEpisodes, 0);
    return row;
  });
  const capped = series.perSeed.reduce((s, r) => s + Number(r.cappedEpisodes), 0);
  Object.assign(metrics, {
    bStar: shown.bStar,
    actions: shown.ssp.actions,
    states: shown.ssp.states,
    hoeffdingRegret: mean(runs.hoeffding.map(finalOf)),
    varianceAwareRegret: mean(runs['variance-aware'].map(finalOf)),
    hoeffdingPseudoRegret: mean(runs.hoeffding.map((r) => r.pseudoRegret)),
    varianceAwarePseudoRegret: mean(runs['variance-aware'].map((r) => r.pseudoRegret)),
    randomRegret: mean(runs.random.map(finalOf)),
    optimalMeanCost,
    cappedEpisodes: capped,
  });
  if (runs['hoeffding-perturbed']) metrics.perturbedRegret = mean(runs['hoeffding-perturbed'].map(finalOf));
  ticker.progress(1, 'Done');
  return {
    slug: SLUG,
    params,
    backend: env.info,
    metrics,
    series,
    claims: buildClaims({ runs, episodes: params.episodes, bStar: shown.bStar, optimalMeanCost, calibrated: hard }),
    matrices: {},
    notes: [
      hard
        ? `Hard instance (Min et al. 2022 after Zhou et al. 2021): d = ${params.dim}, ${shown.ssp.actions} actions, δ = ${params.delta}, Δ = ${params.gap}, B* = V*(s_init) = 1/(δ + Δ) = ${shown.bStar.toFixed(2)}; μ’s signs are drawn from the seed.`
        : `Zero-cost gridworld: 4×4, goal in the top right corner, start top left; the bottom row is a free conveyor (c_min = 0). d = ${params.dim} base kernels, V*(start) = ${shown.bStar.toFixed(2)}; the learners normalise by B = ${shown.bound}. LEVIS's answer to c_min = 0 is shown too: plan with every cost raised by K^(−1/3) = ${(params.episodes ** (-1 / 3)).toFixed(3)}, pay the true costs. The calibrated comparison of the two sets is defined on the hard instance; here only the general checks run.`,
      `Reconstructed algorithm (docs/research/theory.md §2a; the paper's text could not be checked): value-targeted ridge regression on V/B, DEVI with discount and tolerance 1/t_j at each determinant doubling (stopped after ${DEVI_MAX_SWEEPS} sweeps if it has not settled); variance-aware weights 1/σ̄² from a second-moment regression (the first two of the paper's high-order moments), σ̄² = max{var + error, α², γ²‖φ‖}; both radii √(d·log(…)) (noise range ½ for Hoeffding, unit variance for the weighted one) times a common scale ${params.radiusScale}.`,
      `The sweeps (regret vs B*, vs d) use the pseudo-regret Σ Q*(s, a) − V*(s) over the actions taken: the regret without its zero-mean sampling noise, so that a few seeds give clean slopes. Regret vs K shows the sampled regret: one episode's cost has a standard deviation of about B*, so the optimal policy's own "regret" wanders around 0 by about B*·√K/√seeds; compare means over seeds.${capped > 0 ? ` ${capped} episode(s) hit the cap of ${CAP_FACTOR}·B* steps and were cut: their regret counts only the cost paid until the cut (a lower bound).` : ''}`,
      'Runs in float64 TypeScript on the CPU whatever the backend: d ≤ 6 makes each step a few dozen flops.',
    ],
    timing: { startedAt, totalMs: performance.now() - started, stages: {}, label: createWorker ? `CPU (float64 TypeScript), seeds spread over ${workerCount()} Web Workers` : 'CPU (float64 TypeScript), one thread' },
  };
}
