// The paper's claims as checks computed on every run (docs/DESIGN.md §5.1, §8), at the run's own
// settings, over the claim check's independent data sets (replicates). Thresholds come from
// docs/research/theory.md §3(d), fixed before looking: "MCP = oracle on ≥ 9 of 10 seeds" (90%).
//
// fps-biased, changed after an audit: theory.md's "mean FPS error ≥ 1.2 × mean MCP error" was
// measured with FPS at MCP's λ (a shared λ, where the ratio is ≈ 1.44). Once FPS gets its own best
// λ (the fair baseline), 1.2 is no longer the paper's number: the auditor found 1.22–1.27 at our
// settings and 1.178 [1.172, 1.184] at ω = 3, where MCP equals the oracle on 20 of 20 data sets, so
// a 1.2 bar failed exactly where the theory's condition holds best. The paper's claim is
// qualitative (ℓ1 is biased where MCP is not), so the claim is now: the 95% interval of the mean
// per-data-set ratio FPS(own best λ) / MCP lies entirely above 1. The ratio itself, and the one at
// the shared λ, are reported in the note, not used as the bar.

import type { Claim } from '../../lib/results';
import { meanSpread, rateSpread } from '../../lib/claimSpread';
import { mean, ORACLE_EQUAL_TOL, type EstimateScore } from './metrics';

/** The interval of the mean ratio FPS / MCP must lie above this: FPS strictly worse (see the header). */
export const FPS_BIAS_RATIO = 1;
/** theory.md's ratio, at a shared λ: reported for comparison, not a threshold. */
export const NOTES_SHARED_LAMBDA_RATIO = 1.2;
/** "≥ 9 of 10 seeds": the share of data sets on which MCP must equal the oracle. */
export const ORACLE_SHARE = 0.9;
/** The limit row's "most": more than half of the data sets below the condition. */
export const WEAK_MISS_SHARE = 0.5;

/** One replicate as the claims see it. */
export interface ClaimReplicate {
  oracle: EstimateScore;
  mcp: EstimateScore;
  /** FPS at the shared λ (the run's c_λ). */
  fps: EstimateScore;
  /** FPS at its own best c_λ of the tuning grid (chosen over all replicates). */
  fpsTuned: EstimateScore;
  /** min over the grid of ‖Π̂_FPS − Π̂_O‖_F on this data set. */
  fpsGridMinToOracle: number;
  /** The oracle's smallest on-support entry min_{i,j∈S} |Π̂_O,ij|: min|Π*ᵢⱼ| less its estimation error. */
  oracleMinSupportEntry: number;
}

/** The theory's magnitude condition at this run (Gu, Wang & Liu 2014): min|Π*ᵢⱼ| ≥ bλ + error of order √(s/n). */
export interface MagnitudeCondition {
  minSignal: number;
  bLambda: number;
  /** √(s/n): the order of the oracle's estimation error. */
  rootSOverN: number;
  /** Mean over replicates of max_{i,j∈S} |Π̂_O − Π*|ᵢⱼ: the entrywise error that must fit under the margin. */
  entrywiseError: number;
  /** S.d. of the oracle's on-support entries around Π* (over i ≤ j ∈ S and all data sets): how far one data set's margin scatters. */
  entrySd: number;
}

export type ConditionVerdict = 'holds' | 'marginal' | 'fails';

/** min|Π*ᵢⱼ| − bλ − (measured entrywise error): the theory's condition uses this, not √(s/n) itself. */
export function conditionMargin(condition: MagnitudeCondition): number {
  return condition.minSignal - condition.bLambda - condition.entrywiseError;
}

/**
 * Our rule (not the paper's): a margin within one s.d. of the oracle's on-support entries either
 * way is "marginal": a typical data set's entries scatter by that much, so MCP can miss on a
 * sizeable share of data sets even with a positive margin, and reach the oracle on some below it.
 */
export function conditionVerdict(condition: MagnitudeCondition): ConditionVerdict {
  const margin = conditionMargin(condition);
  if (margin > condition.entrySd) return 'holds';
  if (margin < -condition.entrySd) return 'fails';
  return 'marginal';
}

export interface FpsTuning {
  grid: readonly number[];
  best: number;
  /** Mean FPS error at each grid point, in grid order. */
  meanErrors: readonly number[];
}

interface ClaimInputs {
  replicates: readonly ClaimReplicate[];
  condition: MagnitudeCondition;
  tuning: FpsTuning;
  cLambda: number;
}

const fmt = (x: number) => x.toFixed(3);

/** The data sets on which the theory's condition fails in the data: an oracle support entry sits in MCP's shrinking zone. */
export function weakSignalReplicates(replicates: readonly ClaimReplicate[], bLambda: number): number {
  return replicates.filter((r) => r.oracleMinSupportEntry <= bLambda).length;
}

/** The page's explanation of the oracle claim's outcome, from the magnitude condition. */
export function magnitudeNote(replicates: readonly ClaimReplicate[], condition: MagnitudeCondition): string {
  const { minSignal, bLambda, rootSOverN, entrywiseError, entrySd } = condition;
  const margin = conditionMargin(condition);
  const weak = weakSignalReplicates(replicates, bLambda);
  const misses = replicates.filter((r) => !r.mcp.equalsOracle).length;
  const explained = replicates.filter((r) => !r.mcp.equalsOracle && r.oracleMinSupportEntry <= bLambda).length;
  const verdicts: Record<ConditionVerdict, string> = {
    holds: `the condition holds (margin ${fmt(margin)}, more than one s.d. ${fmt(entrySd)} of the oracle's on-support entries)`,
    marginal: `the condition is marginal (margin ${fmt(margin)}, within one s.d. ${fmt(entrySd)} of the oracle's on-support entries): MCP may miss the oracle on a sizeable share of data sets`,
    fails: `the condition fails (margin ${fmt(margin)}, below minus one s.d. ${fmt(entrySd)} of the oracle's on-support entries): the signal is too weak for the oracle here, so MCP is not expected to equal it on most data sets`,
  };
  return (
    `Magnitude condition: min|Π*ᵢⱼ| = ${fmt(minSignal)} against bλ = ${fmt(bLambda)} plus the oracle's measured entrywise error ${fmt(entrywiseError)} ` +
    `(mean over data sets of max over S of |Π̂_O − Π*|ᵢⱼ; the theory quotes only its order, √(s/n) = ${fmt(rootSOverN)}): ${verdicts[conditionVerdict(condition)]}. ` +
    `On ${weak} of ${replicates.length} data sets an oracle support entry lies below bλ, where MCP must shrink it; ` +
    `they account for ${explained} of MCP's ${misses} misses.`
  );
}

export function buildClaims({ replicates, condition, tuning, cLambda }: ClaimInputs): Claim[] {
  const count = replicates.length;
  const equalCount = replicates.filter((r) => r.mcp.equalsOracle).length;
  const share = equalCount / count;
  const ratios = replicates.map((r) => r.fpsTuned.error / r.mcp.error);
  const ratioSpread = meanSpread(ratios);
  const sharedRatio = mean(replicates.map((r) => r.fps.error / r.mcp.error));
  const atGridEdge = tuning.best === tuning.grid[0] || tuning.best === tuning.grid[tuning.grid.length - 1];
  const minFpsGap = Math.min(...replicates.map((r) => r.fpsGridMinToOracle));
  const weak = replicates.filter((r) => r.oracleMinSupportEntry <= condition.bLambda);
  const weakMisses = weak.filter((r) => !r.mcp.equalsOracle).length;
  return [
    {
      id: 'mcp-equals-oracle',
      kind: 'paper',
      statement: `SDP + MCP equals the oracle (‖Π̂ − Π̂_O‖_F < ${ORACLE_EQUAL_TOL}, exact support, exact rank k) on ≥ ${ORACLE_SHARE * 100}% of ${count} data sets`,
      passed: share >= ORACLE_SHARE,
      value: share,
      threshold: ORACLE_SHARE,
      spread: rateSpread(equalCount, count),
      note: magnitudeNote(replicates, condition),
    },
    {
      id: 'fps-biased',
      kind: 'paper',
      statement:
        `FPS (ℓ1) has a larger error than SDP + MCP even at its own best λ: the 95% interval of the mean over data sets of ` +
        `‖Π̂_FPS − Π*‖_F / ‖Π̂_MCP − Π*‖_F lies entirely above ${FPS_BIAS_RATIO} (its lower end is the test)`,
      passed: ratioSpread.low > FPS_BIAS_RATIO,
      value: ratioSpread.estimate,
      threshold: FPS_BIAS_RATIO,
      spread: ratioSpread,
      note:
        `FPS tuned over c_λ ∈ {${tuning.grid.join(', ')}} by its mean error against the truth (the most favourable choice for it): best c_λ = ${tuning.best}` +
        `${atGridEdge ? ' (at the edge of the grid)' : ''}, mean error ${fmt(mean(replicates.map((r) => r.fpsTuned.error)))} vs MCP ${fmt(mean(replicates.map((r) => r.mcp.error)))} ` +
        `and the oracle ${fmt(mean(replicates.map((r) => r.oracle.error)))}; mean ratio ${ratioSpread.estimate.toFixed(2)} [${ratioSpread.low.toFixed(2)}, ${ratioSpread.high.toFixed(2)}]. ` +
        `At MCP's c_λ = ${cLambda} (a shared λ, as in our notes, whose ${NOTES_SHARED_LAMBDA_RATIO}× was measured there) the ratio would be ${sharedRatio.toFixed(2)}. ` +
        `At FPS's own λ the ratio is reported, not held to ${NOTES_SHARED_LAMBDA_RATIO}×.`,
    },
    // Shown only when exercised: with no data set below the condition it would pass vacuously.
    // An oracle entry ≤ bλ is sufficient-not-necessary for a miss (the SDP's solution need not
    // shrink that entry to its own Fantope projection), so the claim is "most", with the count.
    ...(weak.length === 0
      ? []
      : [
          {
            id: 'mcp-misses-below-magnitude',
            kind: 'limit' as const,
            statement: `Where the magnitude condition fails in the data (an oracle support entry ≤ bλ = ${fmt(condition.bLambda)}), MCP misses the oracle on most such data sets (share of misses > ${WEAK_MISS_SHARE})`,
            passed: weakMisses / weak.length > WEAK_MISS_SHARE,
            value: weakMisses / weak.length,
            threshold: WEAK_MISS_SHARE,
            note: `MCP missed the oracle on ${weakMisses} of the ${weak.length} data sets whose oracle support entry lies below bλ.`,
          },
        ]),
    {
      id: 'fps-never-oracle',
      kind: 'sanity',
      statement: `FPS never equals the oracle at any λ of its grid: min over data sets and c_λ of ‖Π̂_FPS − Π̂_O‖_F stays above ${ORACLE_EQUAL_TOL}`,
      passed: minFpsGap > ORACLE_EQUAL_TOL,
      value: minFpsGap,
      threshold: ORACLE_EQUAL_TOL,
    },
  ];
}

/** On the GPU path: the batched f32 solutions at the chosen (n, λ) against the f64 ones. */
export function gpuAgreementClaim(maxDiff: number, tolerance: number): Claim {
  return {
    id: 'gpu-matches-cpu',
    kind: 'sanity',
    statement: `The WGSL (f32) solutions at the chosen n and λ agree with the f64 CPU ones: max ‖Φ_gpu − Φ_cpu‖_F ≤ ${tolerance}`,
    passed: maxDiff <= tolerance,
    value: maxDiff,
    threshold: tolerance,
  };
}
