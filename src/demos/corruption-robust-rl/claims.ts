// The paper's claims as checks on this run (docs/DESIGN.md §5.4 and §8, docs/research/theory.md §1d).
// Thresholds are the research notes' (fixed before any of these runs); every paper claim is a
// statistic over the run's seeds (independent replicates) with its spread. At the defaults (chain,
// θ* = 0.6, adversary θ = 0.1 on the first C right moves, T = 800, 10 seeds) they are the issue's
// checks; other settings are checked the same way and may fail. The online regret thresholds were
// calibrated on the θ* = 0.6 chain with first-C timing and κ = 1; where they are narrow the rows say so.

import { meanSpread, rateSpread } from '../../lib/claimSpread';
import type { Claim } from '../../lib/results';
import { mean } from '../../lib/stats';
import type { OfflineGrid, OnlineSweep, WrongBudgetRuns } from './jobs';
import type { OfflineMethod } from './offline';
import type { OnlineRun } from './online';

export const CLAIM_C = 80;
export const CR_REGRET_MAX = 10;
export const OMLE_REGRET_MIN = 500;
/**
 * Share of replicates on which a per-seed statement must hold. The regret bounds hold with
 * probability 1 − δ (δ = 0.05), and the notes' check asked 9 of 10 seeds of the unweighted learner.
 */
export const RATE_MIN = 0.9;
export const WEIGHT_SUM_MAX = 10;
export const WEIGHT_C_MAX = 160;
/** The wrong budgets the tuned methods are told: half and double the true C. */
export const WRONG_BUDGETS: readonly number[] = [CLAIM_C / 2, 2 * CLAIM_C];
/**
 * Just below the calibrated θ* = 0.6: the chain at θ* = 0.55 (a smaller gap between right and left),
 * where CR-OMLE told double the budget keeps regret ≤ 10 on at most this share of seeds. Set from an
 * audit (0/20 seeds within) and our own check (at most 1 of 10 seeds within at each of seed roots 1–5,
 * adversary θ 0.1 and 0.15), with a wide margin; a limit row, shown on purpose.
 */
export const NARROW_THETA = 0.55;
export const NARROW_WITHIN_MAX = 0.5;
/** Tuned for C = CLAIM_C but facing none: the extra regret allowed, the notes' additive slope 0.1 per unit of C (assertion 2). */
export const CLEAN_COST_MAX = 0.1 * CLAIM_C;
/** α = ∞ (told C = 0) makes CR-OMLE the unweighted learner exactly. */
export const IDENTITY_TOL = 1e-9;
/** The left-optimal instance: the research notes' two points, past PMLE's break point (~2.4 corrupted samples per episode). */
export const OFFLINE_CLAIM_CASES: readonly [number, number][] = [
  [50, 120],
  [100, 240],
];
/**
 * The right-optimal instance, where pessimism's safe default is wrong. CR-PMLE's radius β₀ + c·log ρ_max
 * keeps θ = 0.45 (where left starts to look better) in its set until about 5n right samples carry
 * 5n·KL(0.6‖0.45) ≈ 0.23n nats, i.e. n ≳ 26 + 13c: at c = 10 that is n ≈ 156; the no-cost limit row asks
 * n = 400 (2.5× margin). At n = 100 the radius still covers θ ≤ 0.45: the radius-cost limit row.
 */
export const OFFLINE_RECOVERY_CASE: readonly [number, number] = [400, 10];
export const OFFLINE_RADIUS_COST_CASE: readonly [number, number] = [100, 10];
/** The price of robustness on clean data: CR-PMLE told to expect this many corruptions. */
export const PRICE_CLAIM_BUDGET = 32;
export const PRICE_FAIL_MIN = 0.5;

const finalRegret = (r: OnlineRun) => r.cumulativeRegret[r.cumulativeRegret.length - 1];
const count = <T>(xs: readonly T[], keep: (x: T) => boolean) => xs.filter(keep).length;
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));

/** The clean-data outcomes of the price-of-robustness runs: per seed, whether PMLE failed and whether CR-PMLE told each budget failed. */
export type PriceOutcome = { pmle: boolean; crPmle: boolean[] };

export interface ClaimInputs {
  sweep: OnlineSweep;
  wrongBudget: WrongBudgetRuns;
  /** The left-optimal grid (absent while the offline part runs or when it is off). */
  grid: OfflineGrid | null;
  /** The right-optimal points. */
  rightGrid: OfflineGrid | null;
  price: { budgets: readonly number[]; outcomes: readonly PriceOutcome[]; n: number } | null;
  seeds: number;
  /** CR-OMLE at C = CLAIM_C told 2·CLAIM_C on the chain at θ* = NARROW_THETA (absent off the chain). */
  narrow: readonly OnlineRun[] | null;
  /** The environment is the chain, where the regret thresholds were calibrated. */
  calibrated: boolean;
  /** When the adversary strikes: the unweighted learner's claim is made for the first C targeted transitions only. */
  timing: 'first' | 'random';
  /** The adversary's θ: the unweighted learner's claim was calibrated at 0.1 (and checked at 0.15). */
  badTheta: number;
}

export function buildClaims(inputs: ClaimInputs): Claim[] {
  const { sweep, wrongBudget, grid, rightGrid, price, calibrated } = inputs;
  const claims: Claim[] = [];
  const atC = sweep.get(CLAIM_C);
  if (atC && calibrated) {
    claims.push(crRegretBoundedClaim(atC['cr-omle']));
    // Under random timing the corrupted samples are diluted among clean ones and unweighted OMLE often
    // keeps the true model: the claim is not made there (the run's notes say so, with the numbers).
    if (inputs.timing === 'first') claims.push(omleRegretLinearClaim(atC.omle, inputs.badTheta));
    const wrong = wrongBudget.filter((w) => w.C === CLAIM_C && WRONG_BUDGETS.includes(w.told));
    if (wrong.length === WRONG_BUDGETS.length) claims.push(wrongBudgetClaim(wrong));
    if (inputs.narrow) claims.push(wrongBudgetNarrowClaim(inputs.narrow));
  }
  const capped = Array.from(sweep.entries()).filter(([C]) => C > 0 && C <= WEIGHT_C_MAX);
  if (capped.length > 0) claims.push(weightsCapClaim(capped));
  const cleanTuned = wrongBudget.find((w) => w.C === 0 && w.told === CLAIM_C);
  const clean = sweep.get(0);
  if (clean && cleanTuned && calibrated) claims.push(cleanCostClaim(clean.omle, cleanTuned.runs));
  if (atC && calibrated) claims.push(knownCTieClaim(atC['known-c'], wrongBudget.find((w) => w.C === CLAIM_C && w.told === 2 * CLAIM_C)?.runs['known-c']));
  if (clean) claims.push(identityClaim(clean['cr-omle'], clean.omle));
  if (grid) {
    const cases = OFFLINE_CLAIM_CASES.map(([n, c]) => grid.find((g) => g.n === n && g.c === c)).filter((g) => g !== undefined);
    if (cases.length === OFFLINE_CLAIM_CASES.length) claims.push(pmleBreaksClaim(cases, inputs.seeds));
  }
  if (rightGrid) {
    const at = ([n, c]: readonly [number, number]) => rightGrid.find((g) => g.n === n && g.c === c);
    const recovery = at(OFFLINE_RECOVERY_CASE);
    if (recovery) claims.push(crPmleRecoversClaim(recovery, inputs.seeds));
    const cost = at(OFFLINE_RADIUS_COST_CASE);
    if (cost) claims.push(radiusCostClaim(cost, inputs.seeds));
  }
  if (price) claims.push(priceClaim(price));
  return claims;
}

export function crRegretBoundedClaim(runs: readonly OnlineRun[]): Claim {
  const regrets = runs.map(finalRegret);
  const k = count(regrets, (r) => r <= CR_REGRET_MAX);
  return {
    id: 'cr-omle-regret-bounded',
    kind: 'paper',
    statement: `C = ${CLAIM_C}: CR-OMLE’s regret stays ≤ ${CR_REGRET_MAX} on at least ${RATE_MIN * 100}% of seeds (measured: the share of ${runs.length} seeds; worst seed ${fmt(Math.max(...regrets))})`,
    passed: k / runs.length >= RATE_MIN,
    value: k / runs.length,
    threshold: RATE_MIN,
    spread: rateSpread(k, runs.length),
  };
}

/**
 * The adversary's θ up to which the unweighted learner's claim was calibrated (0.1) and checked (the
 * nearby setting 0.15). A weaker adversary (θ nearer 0.45, where right stops looking worse) lets seeds
 * escape: measured at seed roots 1–2 × 10 seeds, θ = 0.2: 13/20 reach ≥ 500, θ = 0.3: 1/20.
 */
export const OMLE_CLAIM_BAD_THETA_MAX = 0.15;

export function omleRegretLinearClaim(runs: readonly OnlineRun[], badTheta = 0.1): Claim {
  const regrets = runs.map(finalRegret);
  const k = count(regrets, (r) => r >= OMLE_REGRET_MIN);
  const weak = badTheta > OMLE_CLAIM_BAD_THETA_MAX + 1e-9;
  const escaped =
    k < runs.length
      ? `${runs.length - k} of ${runs.length} seeds escaped (regret ${regrets.filter((r) => r < OMLE_REGRET_MIN).map(fmt).join(', ')}): their corrupted right moves happened to succeed often enough to keep a model with θ ≥ 0.45 in the set. The weaker the adversary (its θ nearer 0.45), the more seeds escape.`
      : '';
  const outside = weak
    ? `Expected to fail here: the claim was calibrated for an adversary θ ≤ ${OMLE_CLAIM_BAD_THETA_MAX} (this one has θ = ${badTheta}); measured at seed roots 1–2 × 10 seeds, θ = 0.2 gives 13/20 seeds ≥ ${OMLE_REGRET_MIN}, θ = 0.3 gives 1/20. `
    : '';
  return {
    id: 'omle-regret-linear',
    kind: 'paper',
    statement: `C = ${CLAIM_C}, first-C timing (the adversary strikes the first C targeted transitions): unweighted optimistic MLE loses the true model and its regret reaches ≥ ${OMLE_REGRET_MIN} on at least ${RATE_MIN * 100}% of seeds (measured: the share of ${runs.length} seeds; least-hurt seed ${fmt(Math.min(...regrets))})`,
    passed: k / runs.length >= RATE_MIN,
    value: k / runs.length,
    threshold: RATE_MIN,
    spread: rateSpread(k, runs.length),
    ...((escaped || outside) && { note: `${outside}${escaped}`.trim() }),
  };
}

/**
 * Told half and double the true budget: CR-OMLE's regret bound over all those replicates; the known-C
 * baseline's beside it. The fixed bound (≤ 10) was calibrated on the θ* = 0.6 chain with first-C timing
 * and does not scale with the gap: just below, at θ* = 0.55, told 160 CR-OMLE keeps regret ≤ 10 on 1/20
 * seeds (seed roots 1–2 × 10; mean 11.7, worst 13.6) while told 40 keeps it on 20/20, so the pooled rate
 * is about 50% and the claim fails (claims.test.ts shows it).
 */
export function wrongBudgetClaim(cases: WrongBudgetRuns): Claim {
  const cr = cases.flatMap((w) => w.runs['cr-omle'].map(finalRegret));
  const k = count(cr, (r) => r <= CR_REGRET_MAX);
  const perCase = (method: 'cr-omle' | 'known-c') =>
    cases
      .map((w) => {
        const regrets = w.runs[method].map(finalRegret);
        return `told ${w.told}: ${count(regrets, (r) => r <= CR_REGRET_MAX)}/${regrets.length} (worst ${fmt(Math.max(...regrets))})`;
      })
      .join(', ');
  return {
    id: 'wrong-budget-graceful',
    kind: 'paper',
    statement: `Told a wrong budget (half and double the true C = ${CLAIM_C}), CR-OMLE’s regret still stays ≤ ${CR_REGRET_MAX} on at least ${RATE_MIN * 100}% of seeds — calibrated on the θ* = 0.6 chain with first-C timing, narrow below it (measured: the share of ${cr.length} runs, both wrong budgets)`,
    passed: k / cr.length >= RATE_MIN,
    value: k / cr.length,
    threshold: RATE_MIN,
    spread: rateSpread(k, cr.length),
    note: `Regret ≤ ${CR_REGRET_MAX} per wrong budget — CR-OMLE: ${perCase('cr-omle')}; OMLE with the known-C radius, told the same: ${perCase('known-c')}. An inflated radius told too little can lose the true model; told too much it only widens the set. Narrow: the fixed bound does not scale with the gap; just below, at θ* = ${NARROW_THETA}, CR-OMLE told ${2 * CLAIM_C} stays within it on few seeds (the limit row), so the claim fails there.`,
  };
}

/** The wrong-budget claim's narrow side: at θ* = NARROW_THETA, told double, CR-OMLE's regret passes the fixed bound on most seeds. */
export function wrongBudgetNarrowClaim(runs: readonly OnlineRun[]): Claim {
  const regrets = runs.map(finalRegret);
  const k = count(regrets, (r) => r <= CR_REGRET_MAX);
  return {
    id: 'wrong-budget-narrow',
    kind: 'limit',
    statement: `Narrow below the calibrated θ* = 0.6, shown on purpose: at θ* = ${NARROW_THETA} (C = ${CLAIM_C}, the same adversary) CR-OMLE told double (${2 * CLAIM_C}) keeps regret ≤ ${CR_REGRET_MAX} on at most ${NARROW_WITHIN_MAX * 100}% of seeds — the fixed bound does not scale with the smaller gap (measured: the share of ${runs.length} seeds)`,
    passed: k / runs.length <= NARROW_WITHIN_MAX,
    value: k / runs.length,
    threshold: NARROW_WITHIN_MAX,
    spread: rateSpread(k, runs.length),
    note: `CR-OMLE’s regret here: mean ${fmt(mean(regrets))}, best seed ${fmt(Math.min(...regrets))}, worst ${fmt(Math.max(...regrets))}. Told half (${CLAIM_C / 2}) it stays low (20/20 within at seed roots 1–2), so the wrong-budget claim’s pooled rate is about one half at θ* = ${NARROW_THETA}.`,
  };
}

export function weightsCapClaim(capped: readonly [number, Record<'cr-omle', OnlineRun[]>][]): Claim {
  const seeds = capped[0][1]['cr-omle'].length;
  // each seed's largest total over the budgets: one value per independent replicate
  const perSeed = Array.from({ length: seeds }, (_, s) => Math.max(...capped.map(([, runs]) => runs['cr-omle'][s].weightOnCorrupted)));
  const worst = Math.max(...perSeed);
  return {
    id: 'weights-cap-corruption',
    kind: 'paper',
    statement: `The weights cap the corruption: Σ of CR-OMLE’s weights on corrupted samples ≤ ${WEIGHT_SUM_MAX} for every C ≤ ${WEIGHT_C_MAX} (C ∈ {${capped.map(([C]) => C).join(', ')}}; unweighted it is C) (measured: the largest over C and seeds)`,
    passed: worst <= WEIGHT_SUM_MAX,
    value: worst,
    threshold: WEIGHT_SUM_MAX,
    spread: meanSpread(perSeed),
  };
}

/** Tuned for C = CLAIM_C, facing clean data: the extra regret over unweighted OMLE, paired by seed (common random numbers). */
export function cleanCostClaim(omle: readonly OnlineRun[], tuned: Record<'cr-omle' | 'known-c', OnlineRun[]>): Claim {
  const extra = (runs: readonly OnlineRun[]) => runs.map((r, s) => finalRegret(r) - finalRegret(omle[s]));
  const cr = extra(tuned['cr-omle']);
  const knownC = extra(tuned['known-c']);
  return {
    id: 'no-corruption-no-cost',
    kind: 'paper',
    statement: `Tuned for C = ${CLAIM_C} but facing no corruption, CR-OMLE’s mean regret exceeds unweighted OMLE’s by ≤ ${CLEAN_COST_MAX} (the notes’ additive 0.1 × C) (measured: the mean extra regret, paired by seed)`,
    passed: mean(cr) <= CLEAN_COST_MAX,
    value: mean(cr),
    threshold: CLEAN_COST_MAX,
    spread: meanSpread(cr),
    note: `OMLE with the known-C radius tuned for C = ${CLAIM_C}: ${fmt(mean(knownC))} extra on clean data; unweighted OMLE’s mean regret ${fmt(mean(omle.map(finalRegret)))}.`,
  };
}

/** The known-C baseline told the true budget (and double) keeps the same regret bound on this chain: the weights are not needed when the budget is known. */
export function knownCTieClaim(atTruth: readonly OnlineRun[], atDouble: readonly OnlineRun[] | undefined): Claim {
  const regrets = atTruth.map(finalRegret);
  const k = count(regrets, (r) => r <= CR_REGRET_MAX);
  const double = atDouble ? ` Told double (${2 * CLAIM_C}): ${count(atDouble.map(finalRegret), (r) => r <= CR_REGRET_MAX)}/${atDouble.length}, worst ${fmt(Math.max(...atDouble.map(finalRegret)))}.` : '';
  return {
    id: 'known-c-ties',
    kind: 'limit',
    statement: `A tie, shown on purpose: OMLE with the known-C radius, told the true C = ${CLAIM_C}, also keeps regret ≤ ${CR_REGRET_MAX} on at least ${RATE_MIN * 100}% of seeds on this chain (measured: the share)`,
    passed: k / atTruth.length >= RATE_MIN,
    value: k / atTruth.length,
    threshold: RATE_MIN,
    spread: rateSpread(k, atTruth.length),
    note: `On the chain an over-wide set costs little: optimism picks the same run-right policy under every θ ≥ 0.45. The theory separates them on richer classes (C·√T vs √T + C).${double}`,
  };
}

export function identityClaim(cr: readonly OnlineRun[], omle: readonly OnlineRun[]): Claim {
  const gap = Math.max(...cr.map((r, s) => Math.max(...r.cumulativeRegret.map((v, t) => Math.abs(v - omle[s].cumulativeRegret[t])))));
  return {
    id: 'alpha-infinite-identity',
    kind: 'sanity',
    statement: `Told C = 0 (α = ∞, every weight 1, radius β₀), CR-OMLE is unweighted OMLE exactly (measured: the largest regret difference over seeds and episodes)`,
    passed: gap <= IDENTITY_TOL,
    value: gap,
    threshold: IDENTITY_TOL,
  };
}

export function pmleBreaksClaim(cases: OfflineGrid, seeds: number): Claim {
  const k = cases.reduce((a, g) => a + g.failures.pmle, 0);
  const trials = cases.length * seeds;
  const crFailures = cases.reduce((a, g) => a + g.failures['cr-pmle'], 0);
  const where = cases.map((g) => `(n, c) = (${g.n}, ${g.c}): PMLE ${g.failures.pmle}/${seeds}, CR-PMLE ${g.failures['cr-pmle']}/${seeds}`).join('; ');
  return {
    id: 'offline-pmle-breaks',
    kind: 'paper',
    statement: `Offline, θ* = 0.2 (left optimal), corrupted right moves reported from θ = 0.9: PMLE (no corruption term) picks the wrong policy on at least ${RATE_MIN * 100}% of logs at c/n ≈ 2.4 (${cases.map((g) => `(${g.n}, ${g.c})`).join(' and ')}) (measured: the share of ${trials} logs)`,
    passed: k / trials >= RATE_MIN,
    value: k / trials,
    threshold: RATE_MIN,
    spread: rateSpread(k, trials),
    note: `${where}. CR-PMLE fails on ${crFailures}/${trials} here, but on this instance its safe default (left) is the optimal policy, so its wide set cannot make it fail. This is the only offline instance where CR-PMLE beats PMLE: on the right-optimal one (the limit rows) the two-action chain cannot show a win.`,
  };
}

/**
 * A `limit` row, not a paper claim: on the right-optimal instance CR-PMLE shows no win over PMLE (an
 * audit found PMLE and plug-in right as often or more at every point tried). On a two-action chain,
 * corruption toward the wrong action (left) always pushes toward pessimism's safe default, so no
 * instance of this chain can have the default wrong and CR-PMLE still win; the offline win over PMLE
 * is the left-optimal claim (`offline-pmle-breaks`). What the row shows is that CR-PMLE's protection
 * stops costing once n ≳ 13c.
 */
export function crPmleRecoversClaim(g: OfflineGrid[number], seeds: number): Claim {
  const ok = seeds - g.failures['cr-pmle'];
  const right = (m: OfflineMethod) => `${seeds - g.failures[m]}/${seeds}`;
  return {
    id: 'offline-cr-pmle-recovers',
    kind: 'limit',
    statement: `No cost once n ≳ 13c, shown on purpose (no win): offline, θ* = 0.6 (right optimal; pessimism’s safe default, left, is wrong), c = ${g.c} right moves reported from θ = 0.1, n = ${g.n} (c/n = ${g.c / g.n}): CR-PMLE told c picks a policy within 0.05 of the optimum on at least ${RATE_MIN * 100}% of logs — and so do PMLE and plug-in (measured: CR-PMLE’s share of ${seeds} logs)`,
    passed: ok / seeds >= RATE_MIN,
    value: ok / seeds,
    threshold: RATE_MIN,
    spread: rateSpread(ok, seeds),
    note: `Right within 0.05 here — CR-PMLE ${right('cr-pmle')}, PMLE ${right('pmle')}, plug-in ${right('plug-in')}: no win over the baseline. This corruption pushes toward pessimism’s own choice, so PMLE needs no protection. On a two-action chain corruption toward the wrong action always pushes toward the safe default, so this chain cannot show an instance where the default is wrong and CR-PMLE still wins; the offline win over PMLE is shown only on the left-optimal instance (the PMLE row), where the default is right. Showing more needs a richer MDP (e.g. three policies, the corruption luring toward a wrong one that is not the default) — not built.`,
  };
}

export function radiusCostClaim(g: OfflineGrid[number], seeds: number): Claim {
  const k = g.failures['cr-pmle'];
  return {
    id: 'offline-radius-cost',
    kind: 'limit',
    statement: `The other side, shown on purpose: on the same right-optimal instance with n = ${g.n} (c/n = ${g.c / g.n}) CR-PMLE’s corruption-aware radius still covers θ where left looks better, so it picks the safe, wrong policy on at least ${PRICE_FAIL_MIN * 100}% of logs (measured: the share of ${seeds})`,
    passed: k / seeds >= PRICE_FAIL_MIN,
    value: k / seeds,
    threshold: PRICE_FAIL_MIN,
    spread: rateSpread(k, seeds),
    note: `PMLE fails on ${g.failures.pmle}/${seeds} at the same point.`,
  };
}

export function priceClaim({ budgets, outcomes, n }: NonNullable<ClaimInputs['price']>): Claim {
  const i = budgets.indexOf(PRICE_CLAIM_BUDGET);
  const k = count(outcomes, (o) => o.crPmle[i]);
  const pmle = count(outcomes, (o) => o.pmle);
  return {
    id: 'offline-robustness-price',
    kind: 'limit',
    statement: `The price of robustness on clean data (θ* = 0.6, n = ${n}, no corruption): CR-PMLE told to expect ${PRICE_CLAIM_BUDGET} corrupted samples picks the wrong (left) policy on at least ${PRICE_FAIL_MIN * 100}% of logs (measured: the share of ${outcomes.length})`,
    passed: k / outcomes.length >= PRICE_FAIL_MIN,
    value: k / outcomes.length,
    threshold: PRICE_FAIL_MIN,
    spread: rateSpread(k, outcomes.length),
    note: `PMLE, told nothing, fails on ${pmle}/${outcomes.length} of the same logs.`,
  };
}
