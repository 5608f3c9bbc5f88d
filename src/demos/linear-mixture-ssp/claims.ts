// The paper's claims as checks on this run (docs/DESIGN.md §5.5 and §8, docs/research/theory.md §2d).
// Every statistic is over the run's seeds (independent replicates) and uses the pseudo-regret
// Σ Q*(s, a) − V*(s): the regret without its zero-mean sampling noise (sd ≈ B*·√K per seed), so the
// same seeds measure the learners, not the coin flips. Thresholds are the research notes' (fixed
// before these runs): ratio ≤ 0.8, growth ≤ 3.5, and a slope gap of half the theory's 1.5 − 1.

import type { Claim, ClaimSpread } from '../../lib/results';
import { lineFit, mean, standardError } from '../../lib/stats';
import { studentQuantile } from '../../lib/studentT';
import { meanSpread } from '../../lib/claimSpread';
import type { SspRun } from './episodes';

export const RATIO_MAX = 0.8;
export const GROWTH_MAX = 3.5;
/** Half the theory's gap between the Hoeffding slope 1.5 and the variance-aware slope 1. */
export const SLOPE_GAP_MIN = 0.25;
export const OPTIMAL_TOLERANCE = 0.03;
export const OPTIMAL_CHECK_EPISODES = 10_000;
/** The common radius scale at which the radii carry the theory's own constants. */
export const THEORY_SCALE = 1;

/** Final pseudo-regret of each seed. */
export const pseudoOf = (runs: readonly SspRun[]) => runs.map((r) => r.pseudoRegret);

/**
 * The ratio of two means with a delta-method 95% interval: (ā/b̄)·(1 ± t·√(se_a²/ā² + se_b²/b̄²)), t the
 * Student quantile t(0.975, n − 1) of the smaller sample (few seeds).
 * A ratio of means, not a mean of per-seed ratios: a seed whose learner locks onto the best action at
 * once has a pseudo-regret near 0, and one such seed would dominate a mean of ratios.
 */
export function ratioOfMeans(a: readonly number[], b: readonly number[]): { ratio: number; spread: ClaimSpread } {
  const ma = mean(a);
  const mb = mean(b);
  const ratio = ma / mb;
  const relative = Math.sqrt((standardError(a) / ma) ** 2 + (standardError(b) / mb) ** 2);
  // one seed has no spread (as meanInterval: an unbounded interval)
  const n = Math.min(a.length, b.length);
  const half = n >= 2 ? studentQuantile(0.975, n - 1) * Math.abs(ratio) * relative : Infinity;
  // a ratio of positive means is positive: with few, bimodal seeds the symmetric interval can reach below 0
  const low = ratio - half;
  const clamped = low < 0;
  return {
    ratio,
    spread: { replicates: Math.min(a.length, b.length), estimate: ratio, low: clamped ? 0 : low, high: ratio + half, method: `ratio of means over ${Math.min(a.length, b.length)} seeds, delta-method 95%${clamped ? ' (lower end clamped at 0)' : ''}` },
  };
}

/** Each seed's growth R(K)/R(K/4) of the pseudo-regret: 4 is linear, 2 is √K. */
export function growthPerSeed(runs: readonly SspRun[], episodes: number): number[] {
  const quarter = Math.floor(episodes / 4);
  return runs.map((r) => {
    const early = r.cumulativePseudoRegret[quarter - 1];
    return early > 0 ? r.cumulativePseudoRegret[episodes - 1] / early : Infinity;
  });
}

/** One seed's log-log slope of regret/√K against B* (the √K cancels in a slope); undefined if a regret is not positive or fewer than two points. */
export function logLogSlope(bStars: readonly number[], regrets: readonly number[]): number | undefined {
  const usable = bStars.map((b, i) => ({ b, r: regrets[i] })).filter((p) => p.r > 0);
  if (usable.length < 2 || usable.length < bStars.length) return undefined;
  return lineFit(usable.map((p) => Math.log(p.b)), usable.map((p) => Math.log(p.r))).slope;
}

/** The B* sweep's points used for the slopes (B* ≥ SLOPE_MIN_BSTAR), each with every seed's pseudo-regret per learner. */
export interface SlopePoints {
  bStars: number[];
  hoeffding: number[][];
  varianceAware: number[][];
}

/** Per-seed slopes of both learners over the sweep's points, and their differences (Hoeffding − variance-aware) where both exist. */
export function slopeGaps(points: SlopePoints): { hoeffding: number[]; varianceAware: number[]; gaps: number[] } {
  const seeds = points.hoeffding[0]?.length ?? 0;
  const out = { hoeffding: [] as number[], varianceAware: [] as number[], gaps: [] as number[] };
  for (let s = 0; s < seeds; s++) {
    const h = logLogSlope(points.bStars, points.hoeffding.map((row) => row[s]));
    const va = logLogSlope(points.bStars, points.varianceAware.map((row) => row[s]));
    if (h === undefined || va === undefined) continue;
    out.hoeffding.push(h);
    out.varianceAware.push(va);
    out.gaps.push(h - va);
  }
  return out;
}

/** One radius scale: every seed's pseudo-regret of one learner there. */
export interface ScaleRuns {
  scale: number;
  values: number[];
}

/**
 * The tuning sweep (docs/DESIGN.md §8, fair baselines): each learner on its own grid of radius
 * scales, on tuning seeds drawn from a stream of their own (disjoint from the run's seeds). The
 * variance-aware radius of this run, and the other Bernstein radius, each on the grid of its kind.
 */
export interface TuningSweep {
  seeds: number;
  hoeffding: ScaleRuns[];
  varianceAware: ScaleRuns[];
  other: ScaleRuns[];
}

/** Each learner at the scale the tuning seeds chose, run on the run's own seeds. */
export interface TunedRuns {
  hoeffding: ScaleRuns;
  varianceAware: ScaleRuns;
  other: ScaleRuns;
}

/**
 * A seed "locks in" when its pseudo-regret is above this fraction of the random policy's: it has
 * committed to a wrong action for much of the run (the bimodal outcome of too small a radius).
 */
export const LOCK_IN_FRACTION = 0.5;

/** The lock-ins among each scale's seeds, where there are any: "0.025: 2/3, 0.035: 1/3" (or "none"). */
export function lockIns(grid: readonly ScaleRuns[], randomMean: number): string {
  const counts = grid.flatMap((p) => {
    const k = p.values.filter((v) => v > LOCK_IN_FRACTION * randomMean).length;
    return k > 0 ? [`${p.scale}: ${k}/${p.values.length}`] : [];
  });
  return counts.length > 0 ? counts.join(', ') : 'none';
}

const upTo = (grid: readonly ScaleRuns[], scale: number) => grid.filter((p) => p.scale <= scale);

/** The grid's scale with the lowest mean pseudo-regret on the tuning seeds. */
export const bestScale = (grid: readonly ScaleRuns[]) => grid.reduce((a, b) => (mean(b.values) < mean(a.values) ? b : a)).scale;

/** The common scales of the tuning grid where the variance-aware set wins by the margin (on the tuning seeds). */
export function commonScaleRatios(tuning: TuningSweep): { scale: number; ratio: number }[] {
  return tuning.hoeffding.flatMap((h) => {
    const va = tuning.varianceAware.find((p) => p.scale === h.scale);
    return va ? [{ scale: h.scale, ratio: mean(va.values) / mean(h.values) }] : [];
  });
}

/** The learners told B = factor·B*: every seed's pseudo-regret per learner. */
export interface BoundPoint {
  factor: number;
  hoeffding: number[];
  varianceAware: number[];
}

/** The paper assumes a known B ≥ B*: the loose upper bound its claim is checked with. */
export const LOOSE_BOUND_FACTOR = 2;

export interface ClaimInputs {
  hoeffding: SspRun[];
  varianceAware: SspRun[];
  episodes: number;
  bStar: number;
  optimalMeanCost: number;
  /** The hard instance: where the research notes calibrated the comparison of the two sets. */
  calibrated: boolean;
  radiusScale: number;
  /** The variance-aware radius of this run, and so what the tuning sweep's other one is. */
  bernstein: 'leading' | 'full';
  slopePoints?: SlopePoints;
  tuning?: TuningSweep;
  tuned?: TunedRuns;
  /** Both learners at the radii's own constants (scale 1) and the random policy, on the run's seeds. */
  theory?: { hoeffding: number[]; varianceAware: number[]; random: number[] };
  bounds?: BoundPoint[];
}

const f2 = (v: number) => v.toFixed(2);

const radiusName = (kind: 'leading' | 'full') => (kind === 'leading' ? 'leading-term radius' : 'full Bernstein-type radius');
const otherKind = (kind: 'leading' | 'full') => (kind === 'leading' ? 'full' : 'leading');
const byScale = (grid: readonly ScaleRuns[]) => grid.map((p) => `${p.scale}: ${mean(p.values).toFixed(0)}`).join(', ');

/** The common scales where the margin holds on the tuning seeds, as a range when they are contiguous in the grid. */
function holdingRange(tuning: TuningSweep): string {
  const ratios = commonScaleRatios(tuning);
  const holds = ratios.map((r) => r.ratio <= RATIO_MAX);
  const first = holds.indexOf(true);
  const last = holds.lastIndexOf(true);
  if (first < 0) return 'no common scale of the tuning grid';
  const contiguous = holds.slice(first, last + 1).every(Boolean);
  if (first === last) return `common scale ${ratios[first].scale} only`;
  return contiguous ? `common scales of about ${ratios[first].scale}–${ratios[last].scale}` : `common scales ${ratios.filter((_, i) => holds[i]).map((r) => r.scale).join(', ')}`;
}

function ratioClaim(inputs: ClaimInputs): Claim {
  const h = pseudoOf(inputs.hoeffding);
  const va = pseudoOf(inputs.varianceAware);
  const { ratio, spread } = ratioOfMeans(va, h);
  const { tuning } = inputs;
  return {
    id: 'variance-aware-beats-hoeffding',
    kind: 'paper',
    statement: `After ${inputs.episodes} episodes at the common radius scale ${inputs.radiusScale}${tuning ? ` (it holds for ${holdingRange(tuning)} on the tuning seeds)` : ''}, the variance-aware set’s mean pseudo-regret is ≤ ${RATIO_MAX} × the Hoeffding set’s (${mean(va).toFixed(0)} vs ${mean(h).toFixed(0)} over ${h.length} seeds) (measured: the ratio)`,
    passed: ratio <= RATIO_MAX,
    value: ratio,
    threshold: RATIO_MAX,
    spread,
    ...(tuning && {
      note: `Ratio at each common scale on the ${tuning.seeds} tuning seeds — ${commonScaleRatios(tuning).map((r) => `${r.scale}: ${f2(r.ratio)}`).join(', ')}. One scale for both learners is not a fair comparison: each learner’s regret is U-shaped in its scale with its minimum elsewhere (the tuned row).`,
    }),
  };
}

/**
 * The headline comparison: each learner at its own best radius scale, chosen on the tuning seeds
 * (a grid fixed before looking), then measured on the run's seeds; the margin is the common one.
 */
function tunedRatioClaim(tuning: TuningSweep, tuned: TunedRuns, episodes: number, bernstein: 'leading' | 'full', randomMean?: number): Claim {
  const { ratio, spread } = ratioOfMeans(tuned.varianceAware.values, tuned.hoeffding.values);
  const other = otherKind(bernstein);
  const grid = (g: readonly ScaleRuns[]) => `${g[0].scale}…${g[g.length - 1].scale}`;
  return {
    id: 'variance-aware-beats-tuned-hoeffding',
    kind: 'paper',
    statement: `Each learner at its own best radius scale (grid ${grid(tuning.hoeffding)} in ×√2 steps, chosen on ${tuning.seeds} separate tuning seeds): after ${episodes} episodes the variance-aware set (scale ${tuned.varianceAware.scale}, ${mean(tuned.varianceAware.values).toFixed(0)}) has ≤ ${RATIO_MAX} × the pseudo-regret of the Hoeffding set (scale ${tuned.hoeffding.scale}, ${mean(tuned.hoeffding.values).toFixed(0)}) over ${tuned.hoeffding.values.length} seeds (measured: the ratio)`,
    passed: ratio <= RATIO_MAX,
    value: ratio,
    threshold: RATIO_MAX,
    spread,
    note:
      `Mean pseudo-regret on the tuning seeds by scale — Hoeffding: ${byScale(tuning.hoeffding)}; variance-aware (${radiusName(bernstein)}): ${byScale(tuning.varianceAware)}. ` +
      `The ${radiusName(other)} needs its own scale (its terms make it hundreds of times wider at equal scale): on its grid ${grid(tuning.other)} the tuning seeds chose ${tuned.other.scale}, where it has ${mean(tuned.other.values).toFixed(0)} on the run’s seeds, ratio ${f2(mean(tuned.other.values) / mean(tuned.hoeffding.values))} to the tuned Hoeffding set. ` +
      (randomMean !== undefined
        ? `Lock-ins (a seed above ${LOCK_IN_FRACTION} × the random policy’s pseudo-regret, at or below the chosen scale; above it such seeds are over-exploring) — tuning seeds: Hoeffding ${lockIns(upTo(tuning.hoeffding, tuned.hoeffding.scale), randomMean)}; variance-aware ${lockIns(upTo(tuning.varianceAware, tuned.varianceAware.scale), randomMean)}; run’s seeds at the chosen scales: Hoeffding ${lockIns([tuned.hoeffding], randomMean)}, variance-aware ${lockIns([tuned.varianceAware], randomMean)}. A lock-in costs about half the random policy’s regret, so one among ${tuned.hoeffding.values.length} seeds can decide the ratio. `
        : '') +
      (ratio > RATIO_MAX ? 'Tuned each on its own, the variance-aware advantage is smaller than the margin (or gone).' : 'The advantage survives each learner’s own tuning here.'),
  };
}

function sublinearClaim(inputs: ClaimInputs): Claim {
  const growth = { hoeffding: growthPerSeed(inputs.hoeffding, inputs.episodes), 'variance-aware': growthPerSeed(inputs.varianceAware, inputs.episodes) };
  const worse = mean(growth.hoeffding) >= mean(growth['variance-aware']) ? 'hoeffding' : 'variance-aware';
  const value = mean(growth[worse]);
  const quarter = Math.floor(inputs.episodes / 4);
  return {
    id: 'regret-sublinear',
    kind: 'paper',
    statement: `Both learners’ pseudo-regret grows sublinearly: R(${inputs.episodes}) / R(${quarter}) ≤ ${GROWTH_MAX}, mean over seeds (4 would be linear; Hoeffding ${f2(mean(growth.hoeffding))}, variance-aware ${f2(mean(growth['variance-aware']))}) (measured: the larger)`,
    passed: value <= GROWTH_MAX,
    value,
    threshold: GROWTH_MAX,
    spread: meanSpread(growth[worse]),
  };
}

function slopeClaim(points: SlopePoints): Claim {
  const { hoeffding, varianceAware, gaps } = slopeGaps(points);
  // the absolute slopes, against the theory's B*^1.5 and B*^1
  const value = gaps.length > 0 ? mean(gaps) : NaN;
  return {
    id: 'slope-gap',
    kind: 'paper',
    statement: `Regret/√K vs B* on log–log axes (B* = ${points.bStars.map((b) => b.toFixed(1)).join(', ')}, Δ = 0.4·δ at each; each seed fitted alone): the Hoeffding slope exceeds the variance-aware one by ≥ ${SLOPE_GAP_MIN}, half the theory’s 1.5 − 1 (measured slopes ${f2(mean(hoeffding))} and ${f2(mean(varianceAware))}, mean over ${gaps.length} seeds; theory 1.5 and 1) (measured: the mean gap)`,
    passed: value >= SLOPE_GAP_MIN,
    value,
    threshold: SLOPE_GAP_MIN,
    spread: meanSpread(gaps),
  };
}

/** The learners told only an upper bound B = 2·B*; the note gives the wrong hint's (B < B*) numbers when it ran. */
function looseBoundClaim(loose: BoundPoint, episodes: number, radiusScale: number, wrong?: BoundPoint): Claim {
  const { ratio, spread } = ratioOfMeans(loose.varianceAware, loose.hoeffding);
  const commonNote = `A common-scale comparison, not a tuned one: the values are normalised by B, so for the Hoeffding set B = ${loose.factor}·B* acts about like its radius scale times ${loose.factor} (${radiusScale * loose.factor} at B*), further from its own best scale; no tuned comparison was run with the loose bound.`;
  const wrongNote = wrong
    ? ` With a wrong hint B = ${wrong.factor}·B* (below B*, against the paper’s assumption) the pseudo-regrets are ${mean(wrong.varianceAware).toFixed(0)} (variance-aware) and ${mean(wrong.hoeffding).toFixed(0)} (Hoeffding): ratio ${f2(mean(wrong.varianceAware) / mean(wrong.hoeffding))}. A smaller B shrinks both radii relative to the values, like a smaller radius scale, so a wrong hint can even lower the regret here; no guarantee covers it.`
    : '';
  return {
    id: 'variance-aware-beats-hoeffding-loose-bound',
    kind: 'paper',
    statement: `Told only an upper bound B = ${loose.factor}·B* instead of B*, at the common radius scale ${radiusScale}, after ${episodes} episodes the variance-aware set’s mean pseudo-regret is still ≤ ${RATIO_MAX} × the Hoeffding set’s (${mean(loose.varianceAware).toFixed(0)} vs ${mean(loose.hoeffding).toFixed(0)}) (measured: the ratio)`,
    passed: ratio <= RATIO_MAX,
    value: ratio,
    threshold: RATIO_MAX,
    spread,
    note: `${commonNote}${wrongNote}`,
  };
}

function theoryScaleLimit(theory: NonNullable<ClaimInputs['theory']>): Claim {
  const ratio = mean(theory.varianceAware) / mean(theory.hoeffding);
  return {
    id: 'no-advantage-at-theory-scale',
    kind: 'limit',
    statement: `At the radii’s own constants (scale ${THEORY_SCALE}) neither learner learns within K: every optimistic value saturates and both play about like the random policy (pseudo-regret ${mean(theory.varianceAware).toFixed(0)} and ${mean(theory.hoeffding).toFixed(0)}, random ${mean(theory.random).toFixed(0)}), so the ratio is above ${RATIO_MAX}: a regime without learning, not a limit of variance-awareness (measured: the ratio)`,
    passed: ratio > RATIO_MAX,
    value: ratio,
    threshold: RATIO_MAX,
  };
}

function optimalClaim({ bStar, optimalMeanCost, calibrated }: ClaimInputs): Claim {
  const gap = Math.abs(optimalMeanCost - bStar) / bStar;
  return {
    id: 'optimal-cost-matches',
    kind: 'sanity',
    statement: `The simulator is right: the optimal policy’s mean episode cost over ${OPTIMAL_CHECK_EPISODES} episodes (${optimalMeanCost.toFixed(2)}) is within ${OPTIMAL_TOLERANCE * 100}% of V*(s_init) = ${bStar.toFixed(2)}${calibrated ? ' = 1/(δ + Δ)' : ''} (measured: the relative gap)`,
    passed: gap <= OPTIMAL_TOLERANCE,
    value: gap,
    threshold: OPTIMAL_TOLERANCE,
  };
}

export function buildClaims(inputs: ClaimInputs): Claim[] {
  const { calibrated, tuning, tuned, theory, slopePoints } = inputs;
  const claims: Claim[] = [];
  if (calibrated && tuning && tuned) claims.push(tunedRatioClaim(tuning, tuned, inputs.episodes, inputs.bernstein, theory && mean(theory.random)));
  if (calibrated) claims.push(ratioClaim(inputs));
  const loose = inputs.bounds?.find((p) => p.factor === LOOSE_BOUND_FACTOR);
  if (calibrated && loose) claims.push(looseBoundClaim(loose, inputs.episodes, inputs.radiusScale, inputs.bounds?.find((p) => p.factor < 1)));
  claims.push(sublinearClaim(inputs));
  if (slopePoints && slopePoints.bStars.length >= 2) claims.push(slopeClaim(slopePoints));
  if (calibrated && theory) claims.push(theoryScaleLimit(theory));
  claims.push(optimalClaim(inputs));
  return claims;
}
