// One run of the linear-mixture SSP demo: the Hoeffding (LEVIS-like) and variance-aware learners on
// the hard instance over seeds, with the optimal and a random policy as reference lines; a sweep
// over B* (δ) for the regret/√K vs B* slopes; and a long run of the optimal policy that checks the
// simulator against 1/(δ + Δ). Both learners see the same seeds' environment noise streams.

import type { ComputeState } from '../../gpu/backend';
import { RngStream } from '../../lib/rng';
import { Ticker, type RunControl } from '../../lib/schedule';
import { bandColumns, type BandColumns, type DemoResults } from '../../lib/results';
import { mean } from '../../lib/stats';
import { bestScale, buildClaims, OPTIMAL_CHECK_EPISODES, pseudoOf, THEORY_SCALE, slopeGaps, type BoundPoint, type ScaleRuns, type SlopePoints, type TunedRuns, type TuningSweep } from './claims';
import { canUseWorkers, runJobs, workerCount } from '../../lib/workerPool';
import { runSsp, type SspPolicy, type SspRun } from './episodes';
import { CAP_FACTOR, instanceOf, runSspJob, sspSettings, type InstanceSpec, type SspJob } from './jobs';
import { DEVI_MAX_SWEEPS, type SspMethod } from './learner';
import type { LinearMixtureSspParams } from './params';

export const SLUG = 'linear-mixture-ssp';
export type LinearMixtureSspResults = DemoResults<LinearMixtureSspParams, LinearMixtureSspSeries, LinearMixtureSspMetrics>;

export type LinearMixtureSspSeries = {
  regretVsK: RegretVsKRow[];
  /** With the B* sweep (hard instance); absent while the sweeps run. */
  regretVsBStar?: RegretVsBStarRow[];
  /** With the d sweep; absent while the sweeps run. */
  regretVsD?: RegretVsDRow[];
  /** With the tuning sweep (hard instance, tuning seeds); absent while the sweeps run. */
  tuningVsScale?: TuningVsScaleRow[];
  /** With the same sweep: the learners told B = factor·B*. */
  ratioVsBoundHint?: RatioVsBoundHintRow[];
  /** Absent while the sweeps run. */
  perSeed?: PerSeedRow[];
};

/** The first four are there from the first (partial) result on; the rest once the run is done. */
export type LinearMixtureSspMetrics = {
  /** Log-log slopes of regret/√K vs B*, mean over seeds (each seed fitted alone): only with the B* sweep. */
  hoeffdingSlope?: number;
  varianceAwareSlope?: number;
  bStar: number;
  actions: number;
  hoeffdingRegret: number;
  varianceAwareRegret: number;
  states?: number;
  hoeffdingPseudoRegret?: number;
  varianceAwarePseudoRegret?: number;
  randomRegret?: number;
  optimalMeanCost?: number;
  cappedEpisodes?: number;
  /** LEVIS's perturbed-cost learner: the gridworld only. */
  perturbedRegret?: number;
};

/** LEVIS's perturbed-cost learner runs on the gridworld only; the other policies on every instance. */
type PerturbedPolicy = 'hoeffding-perturbed';
type EveryInstancePolicy = Exclude<SspPolicy, PerturbedPolicy>;
/** Each policy's runs over seeds. */
type RunsByPolicy = Record<EveryInstancePolicy, SspRun[]> & Partial<Record<PerturbedPolicy, SspRun[]>>;

/** Cumulative regret after an episode, over seeds. */
export type RegretVsKRow = { episode: number } & BandColumns<EveryInstancePolicy> & Partial<BandColumns<PerturbedPolicy>>;
/** One δ of the B* sweep: mean pseudo-regret over seeds, divided by √K. */
export type RegretVsBStarRow = { delta: number; bStar: number; hoeffdingPerSqrtK: number; varianceAwarePerSqrtK: number };
/** One radius scale of the tuning sweep: mean final pseudo-regret over the tuning seeds of each learner whose grid has it. */
export type TuningVsScaleRow = { scale: number; hoeffding?: number; varianceAwareLeading?: number; varianceAwareFull?: number };
/** One B hint: mean final pseudo-regret over seeds of each learner told B = factor·B*, and their ratio. */
export type RatioVsBoundHintRow = { factor: number; hoeffding: number; varianceAware: number; ratio: number };
/** One d of the d sweep: mean final pseudo-regret over seeds. */
export type RegretVsDRow = { d: number; actions: number; hoeffding: number; varianceAware: number };
/** Each policy that ran: final regret and pseudo-regret; a learner's planning phases, when it had any. */
type PolicyColumns = { [column in `${SspPolicy} ${'regret' | 'pseudo-regret' | 'phases'}`]?: number };
export type PerSeedRow = { seed: number } & PolicyColumns & { cappedEpisodes: number };

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
/**
 * The tuning grid of radius scales of the Hoeffding set and of the variance-aware set with the
 * leading-term radius: ×√2 steps (rounded), fixed before looking, wide enough to hold each one's best.
 */
export const TUNING_SCALES: readonly number[] = [0.025, 0.035, 0.05, 0.07, 0.1, 0.14, 0.2, 0.28];
/** The full Bernstein-type radius is ~500× the Hoeffding one at equal scale: its own grid (fixed before looking). */
export const FULL_RADIUS_SCALES: readonly number[] = [0.0001, 0.0002, 0.0003, 0.0005, 0.001];
/** Tuning seeds per scale and learner, from their own stream: as many as the run's (fewer let one lucky seed hide a scale's lock-ins). */
export const TUNING_SEEDS = 5;
const gridOf = (kind: LinearMixtureSspParams['bernstein']) => (kind === 'leading' ? TUNING_SCALES : FULL_RADIUS_SCALES);
/** The B hints of the robustness sweep, as multiples of B*: an upper bound loose by 2 (the paper's assumption B ≥ B*), and a wrong one, half B*. */
export const SWEEP_BOUND_FACTORS: readonly number[] = [0.5, 2];
const otherBernstein = (kind: LinearMixtureSspParams['bernstein']) => (kind === 'leading' ? 'full' : 'leading');
const CURVE_POINTS = 100;
export { CAP_FACTOR } from './jobs';

const finalOf = (r: SspRun) => r.cumulativeRegret[r.cumulativeRegret.length - 1];

/** Jobs for every policy × seed on one instance; each seed's environment stream is shared by the policies (common random numbers). */
function seedJobs(params: LinearMixtureSspParams, spec: InstanceSpec, policies: readonly SspPolicy[], stream: readonly (string | number)[], seeds = params.seeds): SspJob[] {
  return policies.flatMap((policy) => Array.from({ length: seeds }, (_, seed) => ({ params, spec, policy, stream: [...stream, 'seeds', seed] })));
}

/** The tuning seeds' streams split off 'tuning' first: disjoint from the run's seeds ('seeds', i). */
const TUNING_STREAM = ['tuning'];

/** The tuning sweep's jobs, on the shown instance: Hoeffding on its grid, then the run's variance-aware radius and the other one, each on the grid of its kind. */
function tuningJobs(params: LinearMixtureSspParams, spec: InstanceSpec): SspJob[] {
  const other = otherBernstein(params.bernstein);
  return [
    ...TUNING_SCALES.flatMap((radiusScale) => seedJobs({ ...params, radiusScale }, spec, ['hoeffding'], TUNING_STREAM, TUNING_SEEDS)),
    ...gridOf(params.bernstein).flatMap((radiusScale) => seedJobs({ ...params, radiusScale }, spec, ['variance-aware'], TUNING_STREAM, TUNING_SEEDS)),
    ...gridOf(other).flatMap((radiusScale) => seedJobs({ ...params, radiusScale, bernstein: other }, spec, ['variance-aware'], TUNING_STREAM, TUNING_SEEDS)),
  ];
}

/**
 * The slopes are fitted where the bounds' leading terms can show: B* ≥ this. With B* ≈ 3.6 an
 * episode is a few steps long, and which action a learner happens to lock onto first dominates.
 */
export const SLOPE_MIN_BSTAR = 5;

/** The runs of `policies` (every instance's four, and maybe the perturbed one), from results in seedJobs' order: policy by policy, seed by seed. */
function byPolicy(policies: readonly SspPolicy[], results: readonly SspRun[], seeds: number): RunsByPolicy {
  const runs = {} as RunsByPolicy;
  policies.forEach((p, i) => (runs[p] = results.slice(i * seeds, (i + 1) * seeds)));
  return runs;
}

/** The regret curves of the shown instance alone, while the sweeps still run. */
function partialResults(params: LinearMixtureSspParams, env: Pick<ComputeState, 'info'>, startedAt: string, started: number, policies: readonly SspPolicy[], shownRuns: readonly SspRun[], shown: { bStar: number; ssp: { actions: number } }): LinearMixtureSspResults {
  const runs = byPolicy(policies, shownRuns, params.seeds);
  return {
    slug: SLUG,
    params,
    backend: env.info,
    metrics: { bStar: shown.bStar, actions: shown.ssp.actions, hoeffdingRegret: mean(runs.hoeffding.map(finalOf)), varianceAwareRegret: mean(runs['variance-aware'].map(finalOf)) },
    series: { regretVsK: regretCurves(params, runs) },
    claims: [],
    matrices: {},
    notes: ['Partial: the sweeps are still running.'],
    timing: { startedAt, totalMs: performance.now() - started, stages: {}, label: 'running' },
  };
}

function regretCurves(params: LinearMixtureSspParams, runs: RunsByPolicy): RegretVsKRow[] {
  const every = Math.max(1, Math.floor(params.episodes / CURVE_POINTS));
  const perturbed = runs['hoeffding-perturbed'];
  const rows: RegretVsKRow[] = [];
  for (let k = every - 1; k < params.episodes; k += every) {
    const bandAt = <P extends SspPolicy>(policy: P, of: readonly SspRun[]) => bandColumns(policy, of.map((r) => r.cumulativeRegret[k]));
    rows.push({
      episode: k + 1,
      ...bandAt('hoeffding', runs.hoeffding),
      ...(perturbed && bandAt('hoeffding-perturbed', perturbed)),
      ...bandAt('variance-aware', runs['variance-aware']),
      ...bandAt('optimal', runs.optimal),
      ...bandAt('random', runs.random),
    });
  }
  return rows;
}

function perSeedRows(policies: readonly SspPolicy[], runs: RunsByPolicy): PerSeedRow[] {
  const ran = policies.flatMap((policy) => {
    const of = runs[policy];
    return of ? [{ policy, of }] : [];
  });
  return runs.hoeffding.map((_, seed) => {
    const columns: PolicyColumns = {};
    for (const { policy, of } of ran) columns[`${policy} regret` as const] = finalOf(of[seed]);
    for (const { policy, of } of ran) columns[`${policy} pseudo-regret` as const] = of[seed].pseudoRegret;
    for (const { policy, of } of ran) if (of[seed].phases > 0) columns[`${policy} phases` as const] = of[seed].phases;
    return { seed: seed + 1, ...columns, cappedEpisodes: ran.reduce((s, { of }) => s + of[seed].cappedEpisodes, 0) };
  });
}

export async function runLinearMixtureSsp(params: LinearMixtureSspParams, env: Pick<ComputeState, 'info'>, control: RunControl<LinearMixtureSspResults> = {}): Promise<LinearMixtureSspResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const root = RngStream.fromSeed(params.seed);
  const hard = params.instance === 'hard';
  const shownSpec: InstanceSpec = hard ? { kind: 'hard', dim: params.dim, delta: params.delta, gap: params.gap } : { kind: 'gridworld', dim: params.dim };
  const shown = instanceOf(params, shownSpec);
  const policies: SspPolicy[] = hard ? ['hoeffding', 'variance-aware', 'optimal', 'random'] : ['hoeffding', 'hoeffding-perturbed', 'variance-aware', 'optimal', 'random'];
  // every fitted point has Δ = 0.4·δ: the shown instance is one of the sweep's only when its Δ is
  const shownOnSweep = Math.abs(params.gap - SWEEP_GAP_RATIO * params.delta) < 1e-9;
  const sweepDeltas = hard && params.sweep === 'on' ? SWEEP_DELTAS.filter((d) => !(shownOnSweep && d === params.delta)) : [];
  const bSpecs: InstanceSpec[] = sweepDeltas.map((d) => ({ kind: 'hard', dim: params.dim, delta: d, gap: SWEEP_GAP_RATIO * d }));
  const dSpecs: InstanceSpec[] = params.dSweep === 'on' ? SWEEP_DIMS.map((d) => ({ kind: 'hard', dim: d, delta: params.delta, gap: params.gap })) : [];
  const tune = hard && params.scaleSweep === 'on';
  const theoryRerun = tune && params.radiusScale !== THEORY_SCALE;
  const boundFactors = tune ? SWEEP_BOUND_FACTORS.filter((f) => f !== params.boundFactor) : [];
  // validate every instance before starting (a bad δ/Δ is named at once)
  for (const spec of [...bSpecs, ...dSpecs]) instanceOf(params, spec);
  const ticker = new Ticker(control);
  const createWorker = params.parallel === 'workers' && canUseWorkers() ? () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }) : null;

  // every run of every seed, policy and instance is one job: first the shown instance (its curves
  // appear while the sweeps run), then all the sweeps' jobs at once, then each learner at the scale
  // its tuning chose, on the run's seeds
  const shownJobs = seedJobs(params, shownSpec, policies, []);
  const sweepJobs: SspJob[] = [
    ...bSpecs.flatMap((spec) => seedJobs(params, spec, SSP_METHODS, ['b-sweep', instanceOf(params, spec).label])),
    ...dSpecs.flatMap((spec) => seedJobs(params, spec, SSP_METHODS, ['d-sweep', instanceOf(params, spec).label])),
    ...(tune ? tuningJobs(params, shownSpec) : []),
    ...(theoryRerun ? seedJobs({ ...params, radiusScale: THEORY_SCALE }, shownSpec, SSP_METHODS, []) : []),
    ...boundFactors.flatMap((boundFactor) => seedJobs({ ...params, boundFactor }, shownSpec, SSP_METHODS, [])),
  ];
  // the evaluation runs are at most three learners × seeds; counted in the total from the start
  const total = shownJobs.length + sweepJobs.length + (tune ? 3 * params.seeds : 0);
  const report = (offset: number) => (done: number) => ticker.progress((0.95 * (offset + done)) / total, `${offset + done} of ${total} runs (${params.seeds} seeds each)`);
  const results = await runJobs(shownJobs, runSspJob, ticker, createWorker, report(0));
  if (sweepJobs.length > 0) {
    control.onPartial?.(partialResults(params, env, startedAt, started, policies, results, shown));
    results.push(...(await runJobs(sweepJobs, runSspJob, ticker, createWorker, report(shownJobs.length))));
  }
  const runs = byPolicy(policies, results, params.seeds);
  let next = policies.length * params.seeds;
  const take = (n = params.seeds) => results.slice(next, (next += n));
  const meanPseudo = () => {
    const perMethod = {} as Record<SspMethod, number>;
    for (const m of SSP_METHODS) perMethod[m] = mean(take().map((r) => r.pseudoRegret));
    return perMethod;
  };
  const perSeedPseudo = () => {
    const perMethod = {} as Record<SspMethod, number[]>;
    for (const m of SSP_METHODS) perMethod[m] = pseudoOf(take());
    return perMethod;
  };
  const bSwept = bSpecs.map(perSeedPseudo);
  const dSwept = dSpecs.map(meanPseudo);
  const other = otherBernstein(params.bernstein);
  const takeGrid = (grid: readonly number[]): ScaleRuns[] => grid.map((scale) => ({ scale, values: pseudoOf(take(TUNING_SEEDS)) }));
  const tuning: TuningSweep | undefined = tune ? { seeds: TUNING_SEEDS, hoeffding: takeGrid(TUNING_SCALES), varianceAware: takeGrid(gridOf(params.bernstein)), other: takeGrid(gridOf(other)) } : undefined;
  const theoryRuns = theoryRerun ? perSeedPseudo() : tune ? { hoeffding: pseudoOf(runs.hoeffding), 'variance-aware': pseudoOf(runs['variance-aware']) } : undefined;
  let tuned: TunedRuns | undefined;
  if (tuning) {
    // each learner at the scale its tuning seeds chose; the shown runs where that is the run's own
    const chosen: { policy: SspMethod; bernstein: LinearMixtureSspParams['bernstein']; scale: number }[] = [
      { policy: 'hoeffding', bernstein: params.bernstein, scale: bestScale(tuning.hoeffding) },
      { policy: 'variance-aware', bernstein: params.bernstein, scale: bestScale(tuning.varianceAware) },
      { policy: 'variance-aware', bernstein: other, scale: bestScale(tuning.other) },
    ];
    const isShown = (c: (typeof chosen)[number]) => c.scale === params.radiusScale && c.bernstein === params.bernstein;
    const evalJobs = chosen.filter((c) => !isShown(c)).flatMap((c) => seedJobs({ ...params, radiusScale: c.scale, bernstein: c.bernstein }, shownSpec, [c.policy], []));
    const evaluated = await runJobs(evalJobs, runSspJob, ticker, createWorker, report(shownJobs.length + sweepJobs.length));
    let at = 0;
    const [h, va, o] = chosen.map((c): ScaleRuns => ({ scale: c.scale, values: isShown(c) ? pseudoOf(runs[c.policy]) : pseudoOf(evaluated.slice(at, (at += params.seeds))) }));
    tuned = { hoeffding: h, varianceAware: va, other: o };
  }

  const regretVsK = regretCurves(params, runs);

  const sqrtK = Math.sqrt(params.episodes);
  const series: LinearMixtureSspSeries = { regretVsK };
  const slopes: Pick<LinearMixtureSspMetrics, 'hoeffdingSlope' | 'varianceAwareSlope'> = {};
  let slopePoints: SlopePoints | undefined;
  if (bSpecs.length > 0) {
    const points = [
      { delta: params.delta, bStar: shown.bStar, r: { hoeffding: pseudoOf(runs.hoeffding), 'variance-aware': pseudoOf(runs['variance-aware']) } },
      ...bSpecs.map((spec, i) => ({ delta: sweepDeltas[i], bStar: instanceOf(params, spec).bStar, r: bSwept[i] })),
    ].sort((a, b) => a.bStar - b.bStar);
    series.regretVsBStar = points.map((p) => ({ delta: p.delta, bStar: p.bStar, hoeffdingPerSqrtK: mean(p.r.hoeffding) / sqrtK, varianceAwarePerSqrtK: mean(p.r['variance-aware']) / sqrtK }));
    const fitted = points.filter((p) => p.bStar >= SLOPE_MIN_BSTAR);
    slopePoints = { bStars: fitted.map((p) => p.bStar), hoeffding: fitted.map((p) => p.r.hoeffding), varianceAware: fitted.map((p) => p.r['variance-aware']) };
    const perSeed = slopeGaps(slopePoints);
    if (perSeed.gaps.length > 0) {
      slopes.hoeffdingSlope = mean(perSeed.hoeffding);
      slopes.varianceAwareSlope = mean(perSeed.varianceAware);
    }
  }
  const boundPoints: BoundPoint[] = boundFactors.map((factor) => ({ factor, hoeffding: pseudoOf(take()), varianceAware: pseudoOf(take()) }));
  if (boundPoints.length > 0)
    series.ratioVsBoundHint = [{ factor: params.boundFactor, hoeffding: pseudoOf(runs.hoeffding), varianceAware: pseudoOf(runs['variance-aware']) }, ...boundPoints]
      .sort((a, b) => a.factor - b.factor)
      .map((p) => ({ factor: p.factor, hoeffding: mean(p.hoeffding), varianceAware: mean(p.varianceAware), ratio: mean(p.varianceAware) / mean(p.hoeffding) }));
  if (tuning) {
    const leading = params.bernstein === 'leading' ? tuning.varianceAware : tuning.other;
    const full = params.bernstein === 'leading' ? tuning.other : tuning.varianceAware;
    const meanAt = (grid: readonly ScaleRuns[], scale: number) => {
      const p = grid.find((q) => q.scale === scale);
      return p ? mean(p.values) : undefined;
    };
    series.tuningVsScale = [...new Set([...TUNING_SCALES, ...FULL_RADIUS_SCALES])]
      .sort((x, y) => x - y)
      .map((scale) => ({ scale, hoeffding: meanAt(tuning.hoeffding, scale), varianceAwareLeading: meanAt(leading, scale), varianceAwareFull: meanAt(full, scale) }));
  }
  if (dSpecs.length > 0) series.regretVsD = SWEEP_DIMS.map((d, i) => ({ d, actions: 2 ** (d - 1), hoeffding: dSwept[i].hoeffding, varianceAware: dSwept[i]['variance-aware'] }));

  await ticker.tick();
  ticker.progress(0.97, `The optimal policy for ${OPTIMAL_CHECK_EPISODES} episodes (the simulator check)`);
  const optimalCheck = runSsp(shown.ssp, 'optimal', sspSettings(params, shown.bound), OPTIMAL_CHECK_EPISODES, Math.ceil(1000 * shown.bStar), root.split('optimal-check'));
  const optimalMeanCost = optimalCheck.totalCost / OPTIMAL_CHECK_EPISODES;

  const perSeed = perSeedRows(policies, runs);
  series.perSeed = perSeed;
  const capped = perSeed.reduce((s, r) => s + r.cappedEpisodes, 0);
  const perturbed = runs['hoeffding-perturbed'];
  const metrics: LinearMixtureSspMetrics = {
    ...slopes,
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
    ...(perturbed && { perturbedRegret: mean(perturbed.map(finalOf)) }),
  };
  ticker.progress(1, 'Done');
  return {
    slug: SLUG,
    params,
    backend: env.info,
    metrics,
    series,
    claims: buildClaims({
      hoeffding: runs.hoeffding,
      varianceAware: runs['variance-aware'],
      episodes: params.episodes,
      bStar: shown.bStar,
      optimalMeanCost,
      calibrated: hard,
      radiusScale: params.radiusScale,
      bernstein: params.bernstein,
      ...(slopePoints && { slopePoints }),
      ...(tuning && tuned && { tuning, tuned }),
      ...(theoryRuns && { theory: { hoeffding: theoryRuns.hoeffding, varianceAware: theoryRuns['variance-aware'], random: pseudoOf(runs.random) } }),
      ...(boundPoints.length > 0 && { bounds: [{ factor: params.boundFactor, hoeffding: pseudoOf(runs.hoeffding), varianceAware: pseudoOf(runs['variance-aware']) }, ...boundPoints] }),
    }),
    matrices: {},
    notes: [
      hard
        ? `Hard instance (Min et al. 2022 after Zhou et al. 2021): d = ${params.dim}, ${shown.ssp.actions} actions, δ = ${params.delta}, Δ = ${params.gap}, B* = V*(s_init) = 1/(δ + Δ) = ${shown.bStar.toFixed(2)}; μ’s signs are drawn from the seed.`
        : `Zero-cost gridworld: 4×4, goal in the top right corner, start top left; the bottom row is a free conveyor (c_min = 0). d = ${params.dim} base kernels, V*(start) = ${shown.bStar.toFixed(2)}; the learners normalise by B = ${shown.bound}. LEVIS's answer to c_min = 0 is shown too: plan with every cost raised by K^(−1/3) = ${(params.episodes ** (-1 / 3)).toFixed(3)}, pay the true costs. The calibrated comparison of the two sets is defined on the hard instance; here only the general checks run.`,
      `Reconstructed algorithm (docs/research/theory.md §2a; the paper's text could not be checked): value-targeted ridge regression on V/B, DEVI with discount and tolerance 1/t_j at each determinant doubling of any level (stopped after ${DEVI_MAX_SWEEPS} sweeps if it has not settled). Variance-aware: HOME with M = ${params.moments} moment levels — level m regresses V̄^(2^m), its variance comes from levels m and m + 1, σ̄_m² = max{var_m + E_m, α², γ²‖φ_m‖}, the top level gets the trivial bound 1 — and the ${params.bernstein === 'full' ? 'full Bernstein-type radius 12·√(d·log(…)·ι) + 30·ι/γ² + √λ (Zhou & Gu 2022 form)' : 'leading term √(d·log(…)) of the Bernstein-type radius (unit-variance noise; the full radius is in the scale sweep)'}. Hoeffding: weights 1 and ½·√(d·log(…)) + √λ. Both radii times a common scale ${params.radiusScale}.`,
      hard
        ? `The learners are told B = ${params.boundFactor === 1 ? 'B* exactly (the paper assumes a known B ≥ B*)' : `${params.boundFactor} × B* = ${(params.boundFactor * shown.bStar).toFixed(1)}${params.boundFactor < 1 ? ': a wrong hint, below B*' : ''}`}; change the B hint to see a wrong one.`
        : `On the gridworld the learners are told B = ⌈max V*⌉ + 1 = ${shown.bound}.`,
      ...(tuned
        ? [
            `Tuning (fair baselines): each learner’s radius scale is chosen on ${TUNING_SEEDS} tuning seeds of their own (a stream disjoint from the run’s seeds, same instance), over grids fixed before looking — ${TUNING_SCALES.join(', ')} (Hoeffding, leading-term radius) and ${FULL_RADIUS_SCALES.join(', ')} (full Bernstein-type radius) — then run on the run’s ${params.seeds} seeds. Chosen: Hoeffding ${tuned.hoeffding.scale}, variance-aware ${tuned.varianceAware.scale}, ${other} radius ${tuned.other.scale}.`,
          ]
        : []),
      `The sweeps (regret vs B*, vs d) use the pseudo-regret Σ Q*(s, a) − V*(s) over the actions taken: the regret without its zero-mean sampling noise, so that a few seeds give clean slopes. Regret vs K shows the sampled regret: one episode's cost has a standard deviation of about B*, so the optimal policy's own "regret" wanders around 0 by about B*·√K/√seeds; compare means over seeds.${capped > 0 ? ` ${capped} episode(s) hit the cap of ${CAP_FACTOR}·B* steps and were cut: their regret counts only the cost paid until the cut (a lower bound).` : ''}`,
      'Runs in float64 TypeScript on the CPU whatever the backend: d ≤ 6 makes each step a few dozen flops.',
    ],
    timing: { startedAt, totalMs: performance.now() - started, stages: {}, label: createWorker ? `CPU (float64 TypeScript), seeds spread over ${workerCount()} Web Workers` : 'CPU (float64 TypeScript), one thread' },
  };
}
