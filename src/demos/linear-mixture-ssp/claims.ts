// The paper's claims as checks on this run (docs/DESIGN.md §5.5 and §8, docs/research/theory.md §2d).
// Every statistic is over the run's seeds (independent replicates) and uses the pseudo-regret
// Σ Q*(s, a) − V*(s): the regret without its zero-mean sampling noise (sd ≈ B*·√K per seed), so the
// same seeds measure the learners, not the coin flips. Thresholds are the research notes' (fixed
// before these runs): ratio ≤ 0.8, growth ≤ 3.5, and a slope gap of half the theory's 1.5 − 1.

import type { Claim, ClaimSpread } from '../../lib/results';
import { lineFit, mean, standardError } from '../../lib/stats';
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
 * The ratio of two means with a delta-method 95% interval: (ā/b̄)·(1 ± 1.96·√(se_a²/ā² + se_b²/b̄²)).
 * A ratio of means, not a mean of per-seed ratios: a seed whose learner locks onto the best action at
 * once has a pseudo-regret near 0, and one such seed would dominate a mean of ratios.
 */
export function ratioOfMeans(a: readonly number[], b: readonly number[]): { ratio: number; spread: ClaimSpread } {
  const ma = mean(a);
  const mb = mean(b);
  const ratio = ma / mb;
  const relative = Math.sqrt((standardError(a) / ma) ** 2 + (standardError(b) / mb) ** 2);
  // one seed has no spread (as meanInterval: an unbounded interval)
  const half = Math.min(a.length, b.length) >= 2 ? 1.959963984540054 * Math.abs(ratio) * relative : Infinity;
  return { ratio, spread: { replicates: Math.min(a.length, b.length), estimate: ratio, low: ratio - half, high: ratio + half, method: `ratio of means over ${Math.min(a.length, b.length)} seeds, delta-method 95%` } };
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

/** One common radius scale of the scale sweep: every seed's pseudo-regret per learner. */
export interface ScalePoint {
  scale: number;
  hoeffding: number[];
  varianceAware: number[];
  /** The variance-aware learner with the other Bernstein radius (full when the run uses the leading term), where it ran. */
  varianceAwareOther?: number[];
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
  /** The variance-aware radius of this run, and so what the scale sweep's other one is. */
  bernstein: 'leading' | 'full';
  slopePoints?: SlopePoints;
  scales?: ScalePoint[];
  bounds?: BoundPoint[];
}

const f2 = (v: number) => v.toFixed(2);

/** Where the advantage holds: the ratio at each common scale of the sweep. */
function scaleNote(scales: readonly ScalePoint[]): string {
  const byScale = scales.map((p) => `${p.scale}: ${f2(mean(p.varianceAware) / mean(p.hoeffding))}`).join(', ');
  const holds = (p: ScalePoint) => mean(p.varianceAware) <= RATIO_MAX * mean(p.hoeffding);
  const list = (ps: ScalePoint[]) => (ps.length > 0 ? ps.map((p) => p.scale).join(', ') : 'none');
  return `Ratio at each common radius scale — ${byScale}. It holds (≤ ${RATIO_MAX}) at ${list(scales.filter(holds))}; not at ${list(scales.filter((p) => !holds(p)))}: a property of a band of tunings, not of every one.`;
}

function ratioClaim(inputs: ClaimInputs): Claim {
  const h = pseudoOf(inputs.hoeffding);
  const va = pseudoOf(inputs.varianceAware);
  const { ratio, spread } = ratioOfMeans(va, h);
  return {
    id: 'variance-aware-beats-hoeffding',
    kind: 'paper',
    statement: `After ${inputs.episodes} episodes at the common radius scale ${inputs.radiusScale}, the variance-aware set’s mean pseudo-regret is ≤ ${RATIO_MAX} × the Hoeffding set’s (${mean(va).toFixed(0)} vs ${mean(h).toFixed(0)} over ${h.length} seeds) (measured: the ratio)`,
    passed: ratio <= RATIO_MAX,
    value: ratio,
    threshold: RATIO_MAX,
    spread,
    ...(inputs.scales && { note: scaleNote(inputs.scales) }),
  };
}

const byScaleOf = (scales: readonly ScalePoint[], pick: (p: ScalePoint) => number[]) => scales.map((p) => `${p.scale}: ${mean(pick(p)).toFixed(0)}`).join(', ');

/** Each learner at its own best common scale of the grid (the fair comparison; the best is picked on the same seeds, which flatters both). */
function tunedRatioClaim(scales: readonly ScalePoint[], episodes: number): Claim {
  const best = (pick: (p: ScalePoint) => number[]) => scales.reduce((a, b) => (mean(pick(b)) < mean(pick(a)) ? b : a));
  const h = best((p) => p.hoeffding);
  const va = best((p) => p.varianceAware);
  const { ratio, spread } = ratioOfMeans(va.varianceAware, h.hoeffding);
  return {
    id: 'variance-aware-beats-tuned-hoeffding',
    kind: 'paper',
    statement: `Each learner at its own best radius scale of {${scales.map((p) => p.scale).join(', ')}}: after ${episodes} episodes the variance-aware set (scale ${va.scale}, ${mean(va.varianceAware).toFixed(0)}) has ≤ ${RATIO_MAX} × the pseudo-regret of the Hoeffding set (scale ${h.scale}, ${mean(h.hoeffding).toFixed(0)}) (measured: the ratio)`,
    passed: ratio <= RATIO_MAX,
    value: ratio,
    threshold: RATIO_MAX,
    spread,
    note: `Mean pseudo-regret by scale — Hoeffding: ${byScaleOf(scales, (p) => p.hoeffding)}; variance-aware: ${byScaleOf(scales, (p) => p.varianceAware)}. The best scale of each is picked on these same seeds, which flatters both a little.${ratio > RATIO_MAX ? ' Here the tuned Hoeffding set wins: the variance-aware advantage at a common scale is not an advantage at each method’s own best scale.' : ''}`,
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
  const value = gaps.length > 0 ? mean(gaps) : NaN;
  return {
    id: 'slope-gap',
    kind: 'paper',
    statement: `Regret/√K vs B* on log–log axes (B* = ${points.bStars.map((b) => b.toFixed(1)).join(', ')}; each seed fitted alone): the Hoeffding slope exceeds the variance-aware one by ≥ ${SLOPE_GAP_MIN}, half the theory’s 1.5 − 1 (slopes ${f2(mean(hoeffding))} and ${f2(mean(varianceAware))}, mean over ${gaps.length} seeds) (measured: the mean gap)`,
    passed: value >= SLOPE_GAP_MIN,
    value,
    threshold: SLOPE_GAP_MIN,
    spread: meanSpread(gaps),
  };
}

/** The learners told only an upper bound B = 2·B*; the note gives the wrong hint's (B < B*) numbers when it ran. */
function looseBoundClaim(loose: BoundPoint, episodes: number, wrong?: BoundPoint): Claim {
  const { ratio, spread } = ratioOfMeans(loose.varianceAware, loose.hoeffding);
  const wrongNote = wrong
    ? ` With a wrong hint B = ${wrong.factor}·B* (below B*, against the paper’s assumption) the pseudo-regrets are ${mean(wrong.varianceAware).toFixed(0)} (variance-aware) and ${mean(wrong.hoeffding).toFixed(0)} (Hoeffding): ratio ${f2(mean(wrong.varianceAware) / mean(wrong.hoeffding))}. A smaller B shrinks both radii relative to the values, like a smaller radius scale, so a wrong hint can even lower the regret here; no guarantee covers it.`
    : '';
  return {
    id: 'variance-aware-beats-hoeffding-loose-bound',
    kind: 'paper',
    statement: `Told only an upper bound B = ${loose.factor}·B* instead of B*, after ${episodes} episodes the variance-aware set’s mean pseudo-regret is still ≤ ${RATIO_MAX} × the Hoeffding set’s (${mean(loose.varianceAware).toFixed(0)} vs ${mean(loose.hoeffding).toFixed(0)}) (measured: the ratio)`,
    passed: ratio <= RATIO_MAX,
    value: ratio,
    threshold: RATIO_MAX,
    spread,
    ...(wrongNote && { note: wrongNote.trim() }),
  };
}

function theoryScaleLimit(point: ScalePoint): Claim {
  const ratio = mean(point.varianceAware) / mean(point.hoeffding);
  return {
    id: 'no-advantage-at-theory-scale',
    kind: 'limit',
    statement: `At the radii’s own constants (common scale ${point.scale}) both sets explore far too much and the variance-aware advantage vanishes: the ratio is above ${RATIO_MAX} (${mean(point.varianceAware).toFixed(0)} vs ${mean(point.hoeffding).toFixed(0)}) (measured: the ratio)`,
    passed: ratio > RATIO_MAX,
    value: ratio,
    threshold: RATIO_MAX,
  };
}

function fullRadiusLimit(point: ScalePoint & { varianceAwareOther: number[] }): Claim {
  const ratio = mean(point.varianceAwareOther) / mean(point.hoeffding);
  return {
    id: 'no-advantage-with-full-radius',
    kind: 'limit',
    statement: `With the full Bernstein-type radius (its 30·log/γ² term makes it hundreds of times the Hoeffding radius) at the same common scale ${point.scale}, the variance-aware learner barely exploits and loses its advantage: the ratio is above ${RATIO_MAX} (${mean(point.varianceAwareOther).toFixed(0)} vs ${mean(point.hoeffding).toFixed(0)}) (measured: the ratio)`,
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
  const { calibrated, scales, slopePoints } = inputs;
  const claims: Claim[] = [];
  if (calibrated) claims.push(ratioClaim(inputs));
  if (calibrated && scales && scales.length > 1) claims.push(tunedRatioClaim(scales, inputs.episodes));
  const loose = inputs.bounds?.find((p) => p.factor === LOOSE_BOUND_FACTOR);
  if (calibrated && loose) claims.push(looseBoundClaim(loose, inputs.episodes, inputs.bounds?.find((p) => p.factor < 1)));
  claims.push(sublinearClaim(inputs));
  if (slopePoints && slopePoints.bStars.length >= 2) claims.push(slopeClaim(slopePoints));
  const atTheory = scales?.find((p) => p.scale === THEORY_SCALE);
  if (calibrated && atTheory) claims.push(theoryScaleLimit(atTheory));
  const atDefault = scales?.find((p) => p.scale === inputs.radiusScale);
  if (calibrated && atDefault?.varianceAwareOther && inputs.bernstein === 'leading') claims.push(fullRadiusLimit({ ...atDefault, varianceAwareOther: atDefault.varianceAwareOther }));
  claims.push(optimalClaim(inputs));
  return claims;
}
