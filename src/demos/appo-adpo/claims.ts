// The paper's claims as checks on this run (docs/DESIGN.md §8, docs/research/alignment.md §3c).
// Thresholds are the research notes' and the issue's, fixed before any of these runs; every paper
// claim is a statistic over independent replicates (fresh θ*, contexts, prompts and label coins).
//
// ADPO is judged against a DPO tuned for itself: its (β, learning rate) is the best of a grid by final
// win-rate on separate tuning replicates, and ADPO runs at the same (β, learning rate) with γ tuned on
// the same tuning replicates. "DPO's queries" is read like for like: the queries DPO itself needed to
// reach the target. Against DPO's whole stream (the literal reading) the ratio mostly measures how
// early DPO saturates; the row's note gives both.

import type { ClaimSpread, Claim } from '../../lib/results';
import { meanSpread } from '../../lib/claimSpread';
import { mean } from '../../lib/stats';
import { adpoFlags, queriesToReach } from './adpo';
import type { AdpoSummary, AppoSummary } from './jobs';

/** ADPO: the share of DPO's final win-rate to reach, and the largest ratio of queries to get there. */
export const TARGET_SHARE = 0.98;
export const QUERY_RATIO_MAX = 0.6;
/** ADPO must end no lower than DPO by more than this (mean over replicates, paired). */
export const FINAL_GAP_MIN = -0.01;
/** The γ the limit row runs at: well below the tuned range, where pseudo-labels are often wrong. */
export const SMALL_GAMMA = 0.1;
/** APPO: the claim's threshold (the notes' Γ), its query share and regret ratio bounds. */
export const CLAIM_THRESHOLD = 1;
export const QUERY_SHARE_MAX = 0.3;
export const REGRET_RATIO_MAX = 1.3;
/**
 * Growth of cumulative queries, doubling by doubling: the queries of (T/2, T] over those of
 * (T/4, T/2]. Queries ∝ T give 2, ∝ √T give √2 ≈ 1.41, ∝ log T give 1; the bound is the midpoint
 * between log growth and √T growth.
 */
export const DOUBLING_RATIO_MAX = 1.2;
/** How far above the MLE's loss the bandit learner may end (nats); its Newton steps stop below 1e-8. */
export const MLE_GAP_TOL = 1e-6;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A median over replicates with the range it came from. */
function medianSpread(values: readonly number[]): ClaimSpread {
  return { replicates: values.length, estimate: median(values), low: Math.min(...values), high: Math.max(...values), method: `median of ${values.length}; the range is min–max` };
}

export const finalWin = (run: AdpoSummary) => run.checkpoints[run.checkpoints.length - 1].winRate;
const finalCheckpoint = (run: AdpoSummary) => run.checkpoints[run.checkpoints.length - 1];
const f2 = (v: number) => v.toFixed(2);
const f3 = (v: number) => v.toFixed(3);
const percent = (v: number) => `${(100 * v).toFixed(v < 0.1 ? 1 : 0)}%`;
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`;

/** Per replicate: queries to reach TARGET_SHARE of that replicate's DPO final, for DPO and for `method` (Infinity when never reached). */
export function queriesToTarget(dpo: readonly AdpoSummary[], method: readonly AdpoSummary[]) {
  return dpo.map((d, r) => {
    const target = TARGET_SHARE * finalWin(d);
    return { dpo: queriesToReach(d, target) ?? Infinity, method: queriesToReach(method[r], target) ?? Infinity };
  });
}

/** Per replicate: `method`'s final win-rate minus DPO's (paired: the same replicate's stream). */
export const finalGaps = (dpo: readonly AdpoSummary[], method: readonly AdpoSummary[]) => method.map((m, r) => finalWin(m) - finalWin(dpo[r]));
export const meanFinalGap = (dpo: readonly AdpoSummary[], method: readonly AdpoSummary[]) => mean(finalGaps(dpo, method));
/** The median over replicates of `method`'s queries to DPO's target over DPO's own (Infinity when never reached). */
export const medianQueryRatio = (dpo: readonly AdpoSummary[], method: readonly AdpoSummary[]) => median(queriesToTarget(dpo, method).map((q) => q.method / q.dpo));

export interface AdpoClaimInputs {
  /** Pairs in the stream (all of which DPO queries). */
  pairs: number;
  /** The γ the claim is made at. */
  gamma: number;
  dpo: readonly AdpoSummary[];
  adpo: readonly AdpoSummary[];
  adpoNoPl: readonly AdpoSummary[];
}

type Setting = { beta: number; learningRate: number };

/** The like-for-like statistics of ADPO against DPO over replicates, and the note that explains them. */
function likeForLike({ pairs, dpo, adpo, adpoNoPl }: AdpoClaimInputs) {
  const reached = queriesToTarget(dpo, adpo);
  // A replicate that never reached the target has no ratio below any bound: it counts as ∞ in the
  // median that decides. The spread shown counts it at all the queries it asked (a lower bound on
  // its ratio), which keeps the range finite and readable.
  const decisive = median(reached.map((q) => q.method / q.dpo));
  const ratios = reached.map((q, r) => (Number.isFinite(q.method) ? q.method : finalCheckpoint(adpo[r]).queries) / q.dpo);
  const never = reached.filter((q) => !Number.isFinite(q.method)).length;
  const gaps = finalGaps(dpo, adpo);
  const gap = meanSpread(gaps);
  // non-inferiority: the lower end of the gap's 95% interval clears the margin (one replicate has no interval)
  const nonInferior = gaps.length >= 2 && gap.low >= FINAL_GAP_MIN;
  const halfWidth = (gap.high - gap.low) / 2;
  const ratio = Number.isFinite(decisive) ? decisive : median(ratios);
  const literal = median(reached.map((q) => q.method / pairs));
  const dpoOwn = median(reached.map((q) => q.dpo / pairs));
  const noPl = medianQueryRatio(dpo, adpoNoPl);
  const noPlGap = meanFinalGap(dpo, adpoNoPl);
  const used = median(adpo.map((a) => finalCheckpoint(a).queries / pairs));
  const againstTruth = median(adpo.map((a) => finalCheckpoint(a).pseudoLabelsAgainstTruth / Math.max(1, finalCheckpoint(a).pseudoLabels)));
  const againstHuman = median(adpo.map((a) => finalCheckpoint(a).wrongPseudoLabels / Math.max(1, finalCheckpoint(a).pseudoLabels)));
  const note =
    `Final win-rate ADPO − DPO: ${signed(gap.estimate)} [${signed(gap.low)}, ${signed(gap.high)}] (paired, ${gap.method}; per replicate ${gaps.map(signed).join(', ')}). ` +
    `ADPO asked about ${Math.round(used * 100)}% of the stream in all; ${percent(againstTruth)} of its pseudo-labels contradict the true preference, and ${percent(againstHuman)} disagree with the noisy human’s label (the difference is the human’s own noise). ` +
    `Without pseudo-labels the same rule needs ${Number.isFinite(noPl) ? `${f2(noPl)} ×` : 'more than all of'} DPO’s queries and ends ${signed(noPlGap)} from DPO. ` +
    `The literal reading (against DPO’s whole stream of ${pairs}) gives ${Number.isFinite(literal) ? f3(literal) : 'more than 1'}, while DPO itself reaches the same target after ${f3(dpoOwn)} of its stream.` +
    (never > 0
      ? ` ${never} of ${ratios.length} replicates never reached the target: each counts as ∞ in the median that decides, and at all the queries it asked (a lower bound) in the range shown${Number.isFinite(decisive) ? '' : '; more than half never reached it, so the value shown is that lower bound and the claim fails'}.`
      : '') +
    (halfWidth > Math.abs(FINAL_GAP_MIN) && gaps.length >= 2 ? ` The gap’s interval is ±${f3(halfWidth)} wide, wider than the ${Math.abs(FINAL_GAP_MIN)} margin: at ${gaps.length} replicates even a method equal to DPO would seldom show non-inferiority.` : '');
  const spread: ClaimSpread =
    never > 0 ? { ...medianSpread(ratios), estimate: ratio, method: `median of ${ratios.length}, never-reached replicates as ∞; the range is min–max with those at the queries they asked` } : medianSpread(ratios);
  return { ratios, ratio, spread, passedRatio: decisive <= QUERY_RATIO_MAX, nonInferior, note };
}

/**
 * DPO's grid best sits on its edge (small β, large rate). Past the edge it is a plateau: at seed roots
 * 1–3, β down to 0.003 and rates up to 1000 raised the tuning replicates' final win-rate by at most
 * 0.001 over the grid's best (measured once, offline; the grid's own rows are in the view).
 */
const DPO_EDGE_NOTE = 'DPO’s grid best lies on the grid’s edge (small β, large rate); past the edge the final win-rate is a plateau (β down to 0.003 and rates up to 1000 gained at most 0.001 on the tuning replicates at seed roots 1–3).';

export function adpoQueriesClaim(inputs: AdpoClaimInputs & { adpoSetting: Setting; dpoSetting: Setting; tuningGap: number }): Claim {
  const { ratios, ratio, spread, passedRatio, nonInferior, note } = likeForLike(inputs);
  const tuning = `On the tuning replicates ADPO’s chosen (β, rate, γ) ended ${signed(inputs.tuningGap)} from DPO on average; the claim’s interval on fresh replicates, not that mean, decides.`;
  return {
    id: 'adpo-fewer-queries',
    kind: 'paper',
    statement: `Linear policy: ADPO reaches ${TARGET_SHARE * 100}% of DPO’s final win-rate with ≤ ${QUERY_RATIO_MAX} × the queries DPO itself needs to reach it, and ends no worse than DPO − ${Math.abs(FINAL_GAP_MIN)} (the lower end of the paired gap’s 95% interval) — each method at its own tuning on separate replicates: DPO (β ${inputs.dpoSetting.beta}, rate ${inputs.dpoSetting.learningRate}), ADPO (β ${inputs.adpoSetting.beta}, rate ${inputs.adpoSetting.learningRate}, γ ${inputs.gamma}) (measured: the median ratio over ${ratios.length} replicates)`,
    passed: passedRatio && nonInferior,
    value: ratio,
    threshold: QUERY_RATIO_MAX,
    spread,
    note: `${note} A tuned DPO saturates early on this toy, so the literal reading says little about active querying; the like-for-like ratio does. ${tuning} ${DPO_EDGE_NOTE}`,
  };
}

/**
 * How the language-model tier's fixed setting was found, and what an audit measured around it (seed
 * root 1, replicates 1–3; offline, once): stated on the page because the setting was not tuned per method.
 */
const LM_SETTING_NOTE =
  'β 0.3 and learning rate 1e-3 were picked on seed root 11 (outside the claim’s roots) as a setting where DPO learns; there, γ ≤ 0.5 made ADPO collapse. ' +
  'DPO is not at its own best here: an audit found it ends higher at rate 3e-3 (0.676, 0.592, 0.678 against 0.637, 0.577, 0.659 on three replicates of seed root 1), where ADPO collapses (0.37–0.49); a DPO at its best would only widen its lead. ' +
  'The held-out prompts are words no SFT or stream prompt used; those use up most three-letter words, so the held-out mix is longer, a harder test for every method alike.';

/** The language-model tier's claim, reported pass or fail: the same statistic over its replicates. */
export function adpoLmQueriesClaim(inputs: AdpoClaimInputs & { beta: number; learningRate: number; tiedPairs: readonly number[] }): Claim {
  const { ratios, ratio, spread, passedRatio, nonInferior, note } = likeForLike(inputs);
  return {
    id: 'adpo-lm-fewer-queries',
    kind: 'paper',
    statement: `Language model, γ = ${inputs.gamma} (fixed, not tuned): ADPO reaches ${TARGET_SHARE * 100}% of DPO’s final win-rate with ≤ ${QUERY_RATIO_MAX} × the queries DPO itself needs to reach it, and ends no worse than DPO − ${Math.abs(FINAL_GAP_MIN)} (the lower end of the paired gap’s 95% interval) — both at β = ${inputs.beta}, learning rate ${inputs.learningRate}, a setting where DPO learns on this tier (measured: the median ratio over ${ratios.length} replicates)`,
    passed: passedRatio && nonInferior,
    value: ratio,
    threshold: QUERY_RATIO_MAX,
    spread,
    note: `${note} ${lmNoiseNote(inputs.dpo, inputs.tiedPairs, inputs.pairs)} ${LM_SETTING_NOTE}`,
  };
}

/** What the tier's noise floor and its tied pairs do to the statistic, from this run's own numbers. */
function lmNoiseNote(dpo: readonly AdpoSummary[], tiedPairs: readonly number[], pairs: number): string {
  const starts = dpo.map((d) => d.checkpoints[0].winRate);
  return (
    `At the start, where the policy is the reference, the win-rate reads ${f3(Math.min(...starts))}–${f3(Math.max(...starts))} across replicates instead of 0.5: the noise of one sample per held-out prompt, of the size of the 2% that separates DPO’s final win-rate from the target. ` +
    `${Math.round(median(tiedPairs))} of the ${pairs} stream pairs (median over replicates) are two identical answers: their margin is 0, so ADPO always asks about them, and they carry no gradient; they count as queries for both methods.`
  );
}

/** Relative disagreement allowed between the fused kernel's and the op chain's preference loss. */
export const LOSS_AGREEMENT_TOL = 1e-4;

export function lossAgreementClaim(fused: number, chain: number, pairs: number): Claim {
  const gap = Math.abs(fused - chain) / Math.max(1, Math.abs(chain));
  return {
    id: 'lm-loss-kernel-matches-chain',
    kind: 'sanity',
    statement: `The language-model tier’s preference loss (${pairs} pairs, weights +1, −1 and 0 mixed) is the same through the fused WGSL sequence log-probability kernel and through the tfjs op chain (difference ≤ ${LOSS_AGREEMENT_TOL}, relative to the loss where it exceeds 1; the loss only — the kernel’s gradient is held to the chain’s in src/models/sequenceLogProbOp.browser.test.ts; measured: ${fused.toPrecision(7)} vs ${chain.toPrecision(7)})`,
    passed: gap <= LOSS_AGREEMENT_TOL,
    value: gap,
    threshold: LOSS_AGREEMENT_TOL,
  };
}

/** The limit row: at a too-small γ most pairs are pseudo-labelled, many wrongly, and ADPO ends below DPO. */
export function smallGammaClaim(dpo: readonly AdpoSummary[], adpo: readonly AdpoSummary[], tunedGamma: number): Claim {
  const gaps = finalGaps(dpo, adpo);
  const gap = mean(gaps);
  const againstTruth = median(adpo.map((a) => finalCheckpoint(a).pseudoLabelsAgainstTruth / Math.max(1, finalCheckpoint(a).pseudoLabels)));
  const againstHuman = median(adpo.map((a) => finalCheckpoint(a).wrongPseudoLabels / Math.max(1, finalCheckpoint(a).pseudoLabels)));
  const used = median(adpo.map((a) => finalCheckpoint(a).queries / a.checkpoints[a.checkpoints.length - 1].pairsSeen));
  return {
    id: 'adpo-small-gamma-falls-behind',
    kind: 'limit',
    statement: `Where pseudo-labels take over, shown on purpose: at γ = ${SMALL_GAMMA} ADPO soon stops asking and ends below DPO − ${Math.abs(FINAL_GAP_MIN)} (measured: the paired mean of ADPO − DPO over ${gaps.length} replicates)`,
    passed: gap < FINAL_GAP_MIN,
    value: gap,
    threshold: FINAL_GAP_MIN,
    spread: meanSpread(gaps),
    note: `At γ = ${SMALL_GAMMA} ADPO asked about ${Math.round(used * 100)}% of the stream (median over replicates). Its pseudo-labels are mostly right — ${percent(againstTruth)} contradict the true preference, while ${percent(againstHuman)} disagree with the noisy human — but they repeat what the model already believes: once the margins pass γ, no new information comes in, and the early, still-rough estimate is trained further in its own direction instead of corrected.${tunedGamma === SMALL_GAMMA ? ` Here γ = ${SMALL_GAMMA} is also the tuned γ: on the tuning replicates it ended within ${Math.abs(FINAL_GAP_MIN)} of DPO, so at this setting the limit is not expected to show.` : ''}`,
  };
}

export interface AppoClaimInputs {
  horizon: number;
  /** Per replicate: the always-query baseline and APPO at CLAIM_THRESHOLD, on the same contexts and coins. */
  always: readonly AppoSummary[];
  atClaim: readonly AppoSummary[];
}

export function appoQueriesClaim({ horizon, always, atClaim }: AppoClaimInputs): Claim {
  const shares = atClaim.map((r) => r.finalQueries / horizon);
  const ratios = atClaim.map((r, i) => r.finalRegret / always[i].finalRegret);
  const share = median(shares);
  const ratio = median(ratios);
  return {
    id: 'appo-fewer-queries',
    kind: 'paper',
    statement: `Dueling bandit, Γ = ${CLAIM_THRESHOLD}: APPO asks for feedback in < ${QUERY_SHARE_MAX * 100}% of the ${horizon} rounds at < ${REGRET_RATIO_MAX} × the always-query baseline’s regret (measured: the median regret ratio over ${ratios.length} replicates; the query share is its median too)`,
    passed: share < QUERY_SHARE_MAX && ratio < REGRET_RATIO_MAX,
    value: ratio,
    threshold: REGRET_RATIO_MAX,
    spread: medianSpread(ratios),
    note: `Query share: median ${f3(share)} (range ${f3(Math.min(...shares))}–${f3(Math.max(...shares))}). Regret ratio per replicate: ${ratios.map(f2).join(', ')}. Always-query’s regret: mean ${mean(always.map((r) => r.finalRegret)).toFixed(1)}. At Γ = 1 the regret ratio sits near the 1.3 bound: docs/claims.md gives it over seed roots 1–5 and at nearby settings.`,
  };
}

/** Queries asked in the last doubling of t over those in the one before. */
export const doublingRatio = (run: AppoSummary) => (run.finalQueries - run.halfQueries) / Math.max(1, run.halfQueries - run.quarterQueries);

export function appoLogGrowthClaim({ horizon, atClaim }: Pick<AppoClaimInputs, 'horizon' | 'atClaim'>): Claim {
  const ratios = atClaim.map(doublingRatio);
  const ratio = median(ratios);
  return {
    id: 'appo-queries-logarithmic',
    kind: 'paper',
    statement: `Dueling bandit, Γ = ${CLAIM_THRESHOLD}: APPO’s queries grow like log T, not like a power of T — the queries of rounds (T/2, T] over those of (T/4, T/2] are < ${DOUBLING_RATIO_MAX} (T = ${horizon}; queries ∝ T give 2, ∝ √T give 1.41, ∝ log T give 1) (measured: the median over ${ratios.length} replicates)`,
    passed: ratio < DOUBLING_RATIO_MAX,
    value: ratio,
    threshold: DOUBLING_RATIO_MAX,
    spread: medianSpread(ratios),
    note: `Queries at T/4, T/2 and T per replicate: ${atClaim.map((r) => `${r.quarterQueries} → ${r.halfQueries} → ${r.finalQueries}`).join(', ')}. The paper’s bound, flat in T, needs a gap Δ between the best arm and the rest; fresh Gaussian arms have none, so the queries keep growing, slowly.`,
  };
}

export function flagRuleClaim(): Claim {
  const margins = [-3, -0.5, 0.5, 3];
  const { flags, queried } = adpoFlags(margins, 1);
  const expected = { flags: [-1, 1, 1, 1], queried: [false, true, true, false] };
  const ok = JSON.stringify({ flags, queried }) === JSON.stringify(expected);
  return {
    id: 'adpo-flag-rule',
    kind: 'sanity',
    statement: `The official flag rule sign(m + γ), queried when |m| ≤ γ: margins [−3, −0.5, 0.5, 3] with γ = 1 give flags [${flags.join(', ')}] and queries [${queried.map((q) => (q ? 'yes' : 'no')).join(', ')}] (expected [−1, 1, 1, 1] and [no, yes, yes, no])`,
    passed: ok,
    value: ok ? 1 : 0,
    threshold: 1,
  };
}

export function uniformStartClaim(runs: readonly AdpoSummary[]): Claim {
  const gap = Math.max(...runs.map((r) => Math.abs(r.checkpoints[0].winRate - 0.5)));
  return {
    id: 'uniform-policy-half',
    kind: 'sanity',
    statement: `Every ADPO-tier run starts at the reference (w = 0), whose exact win-rate against itself is 1/2 (measured: the largest |win-rate − 1/2| at the start over ${runs.length} runs)`,
    passed: gap <= 1e-12,
    value: gap,
    threshold: 1e-12,
  };
}

export function mleConvergedClaim(runs: readonly AppoSummary[]): Claim {
  const worst = Math.max(...runs.map((r) => r.optimalityGap));
  return {
    id: 'appo-mle-converged',
    kind: 'sanity',
    statement: `The bandit learner’s θ̂ is the regularised MLE of its queried duels: at the end of every run its loss is within ${MLE_GAP_TOL} nats of the optimum (½ gᵀH⁻¹g, the Newton decrement) (measured: the largest over ${runs.length} runs)`,
    passed: worst <= MLE_GAP_TOL,
    value: worst,
    threshold: MLE_GAP_TOL,
  };
}
