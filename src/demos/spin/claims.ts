// The paper's claims as checks on the run's own numbers (docs/ALIGNMENT.md §5.6, docs/DESIGN.md §8). The
// tabular paper claims are statistics over independent replicates at the run's settings, β fixed as the
// spec states them (2, 1); the β = 0.1 overshoot and the log-2 identity are read off the shown problem.
// The language-model row reports over its replicates whether SPIN beat SFT continued, pass or fail.

import { meanSpread } from '../../lib/claimSpread';
import type { Claim, ClaimSpread } from '../../lib/results';
import { meanInterval } from '../../lib/stats';
import type { IterationRecord } from './tabular';
import type { LmIterationRecord } from './lmTier';

export const LL_GAIN_MIN = 0.2;
export const DISCRIMINABILITY_DROP_MIN = 0.08;
export const KL_RATIO_MAX = 0.25;
/** |loss − log 2| at θ = θ_opp: exact arithmetic in the tabular tier, float32 in the language model. */
export const LOG2_TOL = 1e-4;
export const FUSED_LOGPROB_TOL = 1e-4;
/** Independent tabular replicates (fresh p_data, SFT data, held-out data and synthetic draws) behind each tabular paper claim. */
export const TABULAR_REPLICATES = 8;
/** Iterations at which the tabular paper claims are read (docs/ALIGNMENT.md §5.6: β = 2, two iterations). */
export const CLAIM_ITERATIONS = 2;
/** Iterations each β = 2 replicate runs: the claim's two, and one more for the note. */
export const REPLICATE_ITERATIONS = 3;
/**
 * "Ties" and "gains nothing", fixed before looking: a quarter of the 0.2-nat gain the research notes
 * expect from SPIN (docs/research/alignment.md §1c), in held-out log-likelihood.
 */
export const TIE_MARGIN = 0.05;
/** The maximum-likelihood SFT start of the limit row: θ = 1 · log p̂. */
export const MLE_TEMPER = 1;
/** Starts between the run's tempered one and the maximum-likelihood one, for the start-dependence limit row. */
export const START_TEMPERS = [0.5, 0.75] as const;

/** One tabular replicate: its own problem, SPIN at β = 2 (with SFT continued beside it) and at β = 1, and SPIN at β = 2 from the MLE start. */
export interface TabularReplicate {
  /** β = 2, REPLICATE_ITERATIONS iterations, at the run's tempering. */
  beta2: readonly IterationRecord[];
  /** β = 1, one iteration, at the run's tempering. */
  beta1: readonly IterationRecord[];
  /** β = 2, CLAIM_ITERATIONS iterations, from the maximum-likelihood SFT model (tempering 1) of the same data. */
  mleStart: readonly IterationRecord[];
  /** β = 2, CLAIM_ITERATIONS iterations, from the SFT models of START_TEMPERS (same data), in that order. */
  startSweep: readonly (readonly IterationRecord[])[];
}

export interface TabularClaimRuns {
  replicates: readonly TabularReplicate[];
  /** The shown problem at β = 0.1, at least one iteration. */
  beta01: readonly IterationRecord[];
  /** The tabular SPIN loss evaluated with θ = θ_opp. */
  lossAtOpponent: number;
  /** The run's SFT-model tempering, for the statements. */
  temper: number;
}

const nats = (v: number) => v.toFixed(3);
const interval = (s: ClaimSpread) => `${nats(s.estimate)} [${nats(s.low)}, ${nats(s.high)}]`;

/** Held-out log-likelihood of SPIN minus that of SFT continued for as many steps, after `iteration` iterations. */
export const spinMinusSftContinued = (records: readonly IterationRecord[], iteration: number) => records[iteration].heldOutLogLikelihood - records[iteration].sftHeldOutLogLikelihood;

/** Held-out log-likelihood gained over the SFT model after `iteration` iterations. */
export const gainOverSft = (records: readonly IterationRecord[], iteration: number) => records[iteration].heldOutLogLikelihood - records[0].heldOutLogLikelihood;

/** The best held-out log-likelihood over iterations 1…n, of SPIN or of SFT continued: each stopped at its best iteration. */
export function bestStopped(records: readonly IterationRecord[], which: 'spin' | 'sft'): number {
  return Math.max(...records.slice(1).map((r) => (which === 'spin' ? r.heldOutLogLikelihood : r.sftHeldOutLogLikelihood)));
}

/**
 * Equivalence within ±margin of a paired difference (TOST at 5%): its 90% interval, mean ± t(0.95, n − 1) s.e.,
 * lies inside (−margin, margin).
 */
export function pairedEquivalent(differences: readonly number[], margin: number): { low: number; high: number; equivalent: boolean } {
  const { low, high } = meanInterval(differences, 0.9);
  return { low, high, equivalent: low > -margin && high < margin };
}

export function tabularClaims({ replicates, beta01, lossAtOpponent, temper }: TabularClaimRuns): Claim[] {
  const n = replicates.length;
  const at = CLAIM_ITERATIONS;
  const gain = meanSpread(replicates.map((r) => gainOverSft(r.beta2, at)));
  const sftGain = meanSpread(replicates.map((r) => r.beta2[at].sftHeldOutLogLikelihood - r.beta2[0].heldOutLogLikelihood));
  const drop = meanSpread(replicates.map((r) => r.beta2[0].discriminability - r.beta2[at].discriminability));
  const ratio = meanSpread(replicates.map((r) => r.beta1[1].kl / r.beta1[0].kl));
  const versus = replicates.map((r) => spinMinusSftContinued(r.beta2, at));
  const versusSpread = meanSpread(versus);
  const perIteration = Array.from({ length: REPLICATE_ITERATIONS }, (_, i) => meanSpread(replicates.map((r) => spinMinusSftContinued(r.beta2, i + 1))));
  const bestVersusBest = meanSpread(replicates.map((r) => bestStopped(r.beta2, 'spin') - bestStopped(r.beta2, 'sft')));
  const tie = pairedEquivalent(versus, TIE_MARGIN);
  const mleGain = meanSpread(replicates.map((r) => gainOverSft(r.mleStart, at)));
  const rise = beta01[1].kl - beta01[0].kl;
  const log2Gap = Math.abs(lossAtOpponent - Math.log(2));
  const over = `over ${n} replicates (each its own p_data, SFT data and draws), mean [95% interval]`;
  return [
    {
      id: 'tabular-ll-gain',
      kind: 'sanity',
      statement: `Tabular, β = 2, two SPIN iterations move the model toward the data (Thm 5.4’s direction; not a comparison with the paper’s baseline): held-out log-likelihood gains more than ${LL_GAIN_MIN} nats over the SFT model (tempering ${temper}); gain ${over}: ${interval(gain)}`,
      passed: gain.low > LL_GAIN_MIN,
      value: gain.estimate,
      threshold: LL_GAIN_MIN,
      spread: gain,
      note: `A gain over a deliberately weak start: SFT continued for the same steps gains ${interval(sftGain)}, and from the maximum-likelihood start SPIN gains ${interval(mleGain)} (the limit rows).`,
    },
    {
      id: 'tabular-discriminability-drop',
      kind: 'sanity',
      statement: `Tabular, β = 2, two iterations (Thm 5.4’s direction, from the tempered start): the best possible accuracy at telling real from generated responses (0.5 + TV/2) falls by more than ${DISCRIMINABILITY_DROP_MIN}; fall ${over}: ${interval(drop)}`,
      passed: drop.low > DISCRIMINABILITY_DROP_MIN,
      value: drop.estimate,
      threshold: DISCRIMINABILITY_DROP_MIN,
      spread: drop,
    },
    {
      id: 'tabular-kl-beta1',
      kind: 'sanity',
      statement: `Tabular, β = 1: one iteration brings KL(p_data ‖ p) below ${KL_RATIO_MAX} × the SFT model’s (Thm 5.4’s closed form: β = 1 jumps to the data; the optimiser reaching it checks the implementation, from the tempered start); ratio ${over}: ${interval(ratio)}`,
      passed: ratio.high < KL_RATIO_MAX,
      value: ratio.estimate,
      threshold: KL_RATIO_MAX,
      spread: ratio,
    },
    {
      id: 'tabular-spin-beats-sft-continued',
      kind: 'paper',
      statement: `Tabular, β = 2, two iterations: SPIN’s held-out log-likelihood beats SFT continued for the same Adam steps on the same data (the paper’s baseline); SPIN − SFT continued ${over}: ${interval(versusSpread)}; passes when the interval is above 0`,
      passed: versusSpread.low > 0,
      value: versusSpread.estimate,
      threshold: 0,
      spread: versusSpread,
      note:
        `SPIN − SFT continued after 1, 2, 3 iterations: ${perIteration.map(interval).join('; ')}. Both have the same fixed point, the empirical distribution of the SFT pairs: SFT continued gets there at once and then fits its sampling noise, SPIN at β = 2 more slowly. ` +
        `Each stopped at its best iteration on held-out data, SPIN − SFT continued is ${interval(bestVersusBest)}.`,
    },
    {
      id: 'tabular-sft-continued-ties',
      kind: 'limit',
      statement: `Tabular, tempered start (${temper}): SFT continued for the same steps gains as much as SPIN: after two iterations SPIN − SFT continued is within ±${TIE_MARGIN} nats (TOST, 90% interval [${nats(tie.low)}, ${nats(tie.high)}], ${n} replicates)`,
      passed: tie.equivalent,
      value: versusSpread.estimate,
      threshold: TIE_MARGIN,
    },
    {
      id: 'tabular-mle-start-no-gain',
      kind: 'limit',
      statement: `Tabular, from the maximum-likelihood SFT model (tempering ${MLE_TEMPER}) of the same data: two SPIN iterations at β = 2 gain less than ${TIE_MARGIN} nats of held-out log-likelihood (the whole interval below), the gain is the weak start’s; gain ${over}: ${interval(mleGain)}${mleGain.high < 0 ? ': SPIN loses from this start' : ''}`,
      passed: mleGain.high < TIE_MARGIN,
      value: mleGain.estimate,
      threshold: TIE_MARGIN,
    },
    startDependenceClaim(replicates, temper),
    {
      id: 'tabular-overshoot-beta01',
      kind: 'limit',
      statement: `Tabular, β = 0.1 at the same learning rate: KL rises after one iteration, the overshoot of (p_data/p_t)^{1/β} (${beta01[0].kl.toFixed(3)} → ${beta01[1].kl.toFixed(3)}; measured: the rise)`,
      passed: rise > 0,
      value: rise,
      threshold: 0,
    },
    {
      id: 'tabular-loss-log2',
      kind: 'sanity',
      statement: `The SPIN loss equals log 2 when the model is its own opponent (θ = θ_opp), in the tabular tier (measured: |loss − log 2|)`,
      passed: log2Gap < LOG2_TOL,
      value: log2Gap,
      threshold: LOG2_TOL,
    },
  ];
}

/**
 * The start-dependence limit row: SPIN's gain over the SFT model at β = 2 after two iterations, from
 * starts of increasing strength (the run's tempering, START_TEMPERS, the maximum-likelihood model),
 * each with SPIN − SFT continued. Holds when the gain shrinks as the start strengthens (point
 * estimates non-increasing) and the strongest start's gain interval lies below TIE_MARGIN.
 */
export function startDependenceClaim(replicates: readonly TabularReplicate[], temper: number): Claim {
  const at = CLAIM_ITERATIONS;
  const starts = [
    { temper, records: replicates.map((r) => r.beta2) },
    ...START_TEMPERS.map((t, i) => ({ temper: t, records: replicates.map((r) => r.startSweep[i]) })),
    { temper: MLE_TEMPER, records: replicates.map((r) => r.mleStart) },
  ].sort((a, b) => a.temper - b.temper);
  const rows = starts.map((s) => ({ temper: s.temper, gain: meanSpread(s.records.map((r) => gainOverSft(r, at))), versus: meanSpread(s.records.map((r) => spinMinusSftContinued(r, at))) }));
  const shrinking = rows.every((row, i) => i === 0 || row.gain.estimate <= rows[i - 1].gain.estimate);
  const strongest = rows[rows.length - 1];
  return {
    id: 'tabular-gain-needs-weak-start',
    kind: 'limit',
    statement:
      `Tabular, β = 2, two iterations: SPIN’s gain over the SFT model shrinks as the SFT start strengthens, and SFT continued keeps pace. Tempering → gain; SPIN − SFT continued (${replicates.length} replicates, mean [95% interval]): ` +
      rows.map((row) => `${row.temper}: ${interval(row.gain)}; ${interval(row.versus)}`).join(' · '),
    passed: shrinking && strongest.gain.high < TIE_MARGIN,
    value: rows[0].gain.estimate - strongest.gain.estimate,
    threshold: 0,
  };
}

/** Held-out exact match of SPIN minus that of SFT continued for as many steps, after the last iteration of one replicate. */
export const lmAdvantage = (records: readonly LmIterationRecord[]) => records[records.length - 1].spinExactMatch - records[records.length - 1].sftExactMatch;

/** Each replicate's records: SFT (iteration 0), then at least the last iteration. The first is the run shown on the page. */
export function lmClaims(replicates: readonly (readonly LmIterationRecord[])[], rates: { sft: number; spin: number }): Claim[] {
  const complete = replicates.filter((records) => records.length >= 2);
  if (complete.length === 0) return [];
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  // one replicate gives no interval (meanInterval's half-width is infinite), so the claim cannot pass
  const pctInterval = (s: ClaimSpread) => (Number.isFinite(s.low) ? `${(100 * s.estimate).toFixed(1)} [${(100 * s.low).toFixed(1)}, ${(100 * s.high).toFixed(1)}] points` : `${(100 * s.estimate).toFixed(1)} points (one replicate: no interval)`);
  const last = (records: readonly LmIterationRecord[]) => records[records.length - 1];
  const advantage = meanSpread(complete.map(lmAdvantage));
  const llAdvantage = meanSpread(complete.map((r) => last(r).spinHeldOutLogLikelihood - last(r).sftHeldOutLogLikelihood));
  const alreadyRight = complete.map((r) => r[1].generatedCorrect);
  const log2Gap = Math.max(...complete.flatMap((records) => records.slice(1).map((r) => Math.abs(r.firstStepLoss - Math.log(2)))));
  const iterations = last(complete[0]).iteration;
  return [
    {
      id: 'lm-spin-beats-sft',
      kind: 'paper',
      statement:
        `Language model: after ${iterations} SPIN iterations, held-out exact match beats SFT continued for as many steps (Adam rate ${rates.spin} for SPIN, ${rates.sft} for SFT continued); ` +
        `SPIN − SFT continued over ${complete.length} replicates (each its own SFT data, held-out words and initialisation), mean [95% interval]: ${pctInterval(advantage)}; passes when the interval is above 0`,
      passed: advantage.low > 0,
      value: advantage.estimate,
      threshold: 0,
      spread: advantage,
      note:
        `Per replicate: SPIN ${complete.map((r) => pct(last(r).spinExactMatch)).join(', ')} vs SFT continued ${complete.map((r) => pct(last(r).sftExactMatch)).join(', ')} (SFT model ${complete.map((r) => pct(r[0].spinExactMatch)).join(', ')}); ` +
        `held-out log-likelihood SPIN − SFT continued ${llAdvantage.estimate.toFixed(3)} [${llAdvantage.low.toFixed(3)}, ${llAdvantage.high.toFixed(3)}]. ` +
        `At the first iteration the opponent already answered ${alreadyRight.map(pct).join(', ')} of the SFT prompts exactly: those pairs have real = generated and give SPIN no gradient. ` +
        'The notes give the search for a regime where SPIN wins (other rates, more data, longer SFT, limited capacity) and what it cannot rule out: no win was detected.',
    },
    {
      id: 'lm-loss-log2',
      kind: 'sanity',
      statement: `Language model: at the first step of every iteration (policy = opponent) the SPIN loss is log 2 to float32 precision, in all ${complete.length} replicates (measured: the largest |loss − log 2|)`,
      passed: log2Gap < LOG2_TOL,
      value: log2Gap,
      threshold: LOG2_TOL,
    },
  ];
}

/** On the fused path: the WGSL kernel and the tfjs op chain on the same logits. */
export function fusedLogProbClaim(fused: ArrayLike<number>, chain: ArrayLike<number>): Claim {
  let worst = 0;
  for (let i = 0; i < fused.length; i++) worst = Math.max(worst, Math.abs(fused[i] - chain[i]) / Math.max(1, Math.abs(chain[i])));
  return {
    id: 'fused-logprob-matches-chain',
    kind: 'sanity',
    statement: `The fused WGSL sequence log-probability kernel agrees with the tfjs op chain on this model’s logits (${fused.length} sequences, relative error ≤ ${FUSED_LOGPROB_TOL})`,
    passed: worst <= FUSED_LOGPROB_TOL,
    value: worst,
    threshold: FUSED_LOGPROB_TOL,
  };
}
