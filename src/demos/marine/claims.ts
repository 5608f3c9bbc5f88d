// The paper's claims as checks on this run (docs/DESIGN.md §8, docs/ALIGNMENT.md §5.9). Thresholds
// are the notes' and the issue's, fixed before any of these runs: CHAIR_i at γ at most 0.7 × the
// vanilla model's, with recall not lower, and a noisy detector (recall 0.5, false-positive rate 0.3)
// worse than the page's. Each paper claim is a statistic over independent replicates, paired within a
// replicate (the same scenes, images and sampling coins for every γ and detector).

import { meanSpread } from '../../lib/claimSpread';
import type { Claim } from '../../lib/results';
import { meanInterval } from '../../lib/stats';
import { mixGuidance } from './guidance';
import type { ChairSummary, ReplicateResult } from './jobs';
import { chair, type ChairScores } from './metrics';
import type { TrainedReplicate } from './trained';
import { OBJECTS } from './world';

/** CHAIR_i(γ) ÷ CHAIR_i(0) must stay at or under this (upper 95% bound over replicates). */
export const CHAIR_RATIO_MAX = 0.7;

const f2 = (v: number) => v.toFixed(2);
const f3 = (v: number) => v.toFixed(3);
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`;
const interval = (i: { low: number; high: number }) => `[${f3(i.low)}, ${f3(i.high)}]`;

/** The replicate's CHAIR at γ with the page's (or the bad) detector. */
export function atGamma(r: ReplicateResult, gamma: number, detector: 'good' | 'bad' = 'good'): ChairSummary {
  const point = r.sweep.find((p) => p.gamma === gamma);
  if (!point) throw new Error(`marine: no sweep point at γ = ${gamma}`);
  return point[detector];
}

/** Paired per-replicate CHAIR_i ratios and recall gains of guidance at γ over the vanilla model (γ = 0). */
export function guidanceEffect(replicates: readonly Pick<ReplicateResult, 'sweep'>[], gamma: number) {
  return {
    ratios: replicates.map((r) => atGamma(r as ReplicateResult, gamma).chairI / atGamma(r as ReplicateResult, 0).chairI),
    recallGains: replicates.map((r) => atGamma(r as ReplicateResult, gamma).recall - atGamma(r as ReplicateResult, 0).recall),
  };
}

/** The paper's main claim on one tier: CHAIR_i cut to ≤ 0.7× with recall not lower. */
export function chairCutClaim(id: string, tier: string, ratios: readonly number[], recallGains: readonly number[], gamma: number, vanilla: { chairI: number; recall: number }, guided: { chairI: number; recall: number }): Claim {
  const ratio = meanInterval(ratios);
  const gain = meanInterval(recallGains);
  const cut = ratio.high <= CHAIR_RATIO_MAX;
  const recallKept = gain.low >= 0;
  return {
    id,
    kind: 'paper',
    statement: `${tier}: guidance at γ = ${gamma} cuts hallucinated mentions (CHAIR_i) to at most ${CHAIR_RATIO_MAX} × the vanilla model’s, with recall not lower`,
    passed: cut && recallKept,
    value: ratio.estimate,
    threshold: CHAIR_RATIO_MAX,
    spread: meanSpread(ratios, 'replicates'),
    note:
      `CHAIR_i ${f3(vanilla.chairI)} → ${f3(guided.chairI)} (ratio ${f2(ratio.estimate)}, 95% ${interval(ratio)}); recall ${f3(vanilla.recall)} → ${f3(guided.recall)} (gain ${signed(gain.estimate)}, 95% ${interval(gain)}).` +
      (cut ? '' : ` The ratio’s upper bound is above ${CHAIR_RATIO_MAX}.`) +
      (recallKept ? '' : ' Recall may be lower: the gain’s lower bound is below 0.'),
  };
}

const meanOf = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** The analytic tier's claims. */
export function analyticClaims(replicates: readonly ReplicateResult[], gamma: number, detectorLabel: string): Claim[] {
  const { ratios, recallGains } = guidanceEffect(replicates, gamma);
  const vanilla = replicates.map((r) => atGamma(r, 0));
  const guided = replicates.map((r) => atGamma(r, gamma));
  const bad = replicates.map((r) => atGamma(r, gamma, 'bad'));
  const badMinusGood = bad.map((b, i) => b.chairI - guided[i].chairI);
  const badMinusVanilla = bad.map((b, i) => b.chairI - vanilla[i].chairI);
  const worse = meanInterval(badMinusGood);
  const hurts = meanInterval(badMinusVanilla);
  const mean = (of: readonly ChairSummary[], key: keyof ChairSummary) => meanOf(of.map((s) => s[key]));
  const vanillaSame = replicates.every((r) => atGamma(r, 0).chairI === atGamma(r, 0, 'bad').chairI && atGamma(r, 0).recall === atGamma(r, 0, 'bad').recall);
  return [
    chairCutClaim('chair-cut', 'Analytic tier', ratios, recallGains, gamma, { chairI: mean(vanilla, 'chairI'), recall: mean(vanilla, 'recall') }, { chairI: mean(guided, 'chairI'), recall: mean(guided, 'recall') }),
    {
      id: 'bad-detector-worse',
      kind: 'paper',
      statement: `Analytic tier: with a noisy detector (recall 0.5, false-positive rate 0.3) guidance at γ = ${gamma} leaves more hallucinated mentions than with the page’s (${detectorLabel})`,
      passed: worse.low > 0,
      value: worse.estimate,
      threshold: 0,
      spread: meanSpread(badMinusGood, 'replicates'),
      note: `CHAIR_i ${f3(mean(bad, 'chairI'))} with the noisy detector against ${f3(mean(guided, 'chairI'))}: difference ${signed(worse.estimate)}, 95% ${interval(worse)}.${worse.low > 0 ? '' : ' The interval reaches 0: no worse on this evidence.'}`,
    },
    {
      id: 'bad-detector-hurts',
      kind: 'limit',
      statement: `Analytic tier: guidance from the noisy detector adds hallucinations over no guidance at all (γ = 0): the method depends on its detector`,
      passed: hurts.low > 0,
      value: hurts.estimate,
      threshold: 0,
      note: `CHAIR_i ${f3(mean(bad, 'chairI'))} against the vanilla ${f3(mean(vanilla, 'chairI'))}: ${signed(hurts.estimate)}, 95% ${interval(hurts)}; recall ${f3(mean(bad, 'recall'))} against ${f3(mean(vanilla, 'recall'))}. The official code intersects two detectors’ lists for this reason.`,
    },
    fixtureClaim(),
    mixFormulaClaim(),
    talkingClaim(vanilla, guided, gamma),
    {
      id: 'gamma-zero-vanilla',
      kind: 'sanity',
      statement: 'At γ = 0 the mix is the vanilla model: the same captions whatever the detector lists',
      passed: vanillaSame,
      value: vanillaSame ? 0 : 1,
      threshold: 0,
      note: vanillaSame ? `CHAIR_i and recall at γ = 0 agree exactly with both detectors in all ${replicates.length} replicates.` : 'Captions at γ = 0 differ between detectors: the guided branch leaks into the vanilla one.',
    },
  ];
}

/** Empty captions drop out of CHAIR_s and CHAIR_i: a captioner that mostly stops at once would pass by saying nothing. */
export const EMPTY_SHARE_MAX = 0.1;

function talkingClaim(vanilla: readonly ChairSummary[], guided: readonly ChairSummary[], gamma: number): Claim {
  const empty = Math.max(meanOf(vanilla.map((s) => s.emptyShare)), meanOf(guided.map((s) => s.emptyShare)));
  return {
    id: 'captions-not-empty',
    kind: 'sanity',
    statement: `The captioner talks: at most ${EMPTY_SHARE_MAX * 100}% of captions are empty at γ = 0 and at γ = ${gamma} (CHAIR leaves empty ones out)`,
    passed: empty <= EMPTY_SHARE_MAX,
    value: empty,
    threshold: EMPTY_SHARE_MAX,
    note: `Empty captions: ${f3(meanOf(vanilla.map((s) => s.emptyShare)))} at γ = 0, ${f3(meanOf(guided.map((s) => s.emptyShare)))} at γ = ${gamma}; object mentions per caption ${f2(meanOf(vanilla.map((s) => s.meanMentions)))} and ${f2(meanOf(guided.map((s) => s.meanMentions)))}.`,
  };
}

/**
 * Three captions counted by hand (docs/research/alignment.md §4c asks for duplicates to count twice):
 * 9 object mentions, 3 of them hallucinated (knife; frisbee twice), 2 of the 3 captions with one;
 * 5 of the 7 present objects mentioned. "hot dog" is not a dog, "traffic light" is one object, the
 * empty caption counts in recall but not in CHAIR_s.
 */
export const CHAIR_FIXTURE = {
  records: [
    { text: 'A fork, a knife and a fork on the table.', truth: ['fork', 'plate'] },
    { text: 'Two cars wait at the traffic light beside a bus.', truth: ['car', 'traffic light', 'bus'] },
    { text: 'A dog chases a frisbee; the frisbee is red, by a hot dog stand.', truth: ['dog'] },
    { text: '', truth: ['bench'] },
  ],
  expected: { chairS: 2 / 3, chairI: 3 / 9, recall: 5 / 7, mentions: 9, hallucinatedMentions: 3, captions: 3 },
};

export function fixtureScores(): ChairScores {
  return chair(CHAIR_FIXTURE.records.map((r) => ({ text: r.text, truth: r.truth.map((name) => OBJECTS.indexOf(name)) })));
}

function fixtureClaim(): Claim {
  const got = fixtureScores();
  const want = CHAIR_FIXTURE.expected;
  const keys = Object.keys(want) as (keyof typeof want)[];
  const error = Math.max(...keys.map((k) => Math.abs(got[k] - want[k])));
  return {
    id: 'chair-fixture',
    kind: 'sanity',
    statement: 'CHAIR on a hand-counted fixture matches exactly (duplicate mentions count twice, “hot dog” is no dog)',
    passed: error === 0,
    value: error,
    threshold: 0,
    note: `CHAIR_s ${got.hallucinatedCaptions}/${got.captions}, CHAIR_i ${got.hallucinatedMentions}/${got.mentions}, recall ${f3(got.recall)} (by hand: 2/3, 3/9, 5/7).`,
  };
}

/** A hand-worked vector: u = log-softmax([0, 0]), g = log-softmax([ln 3, 0]), γ = 0.5 → log-softmax(½ ln(¾) + ½ ln(½) − …) = [ln √3, 0] normalised. */
export const MIX_FIXTURE = { unguided: [0, 0], guided: [Math.log(3), 0], gamma: 0.5, expected: [Math.log(Math.sqrt(3) / (Math.sqrt(3) + 1)), Math.log(1 / (Math.sqrt(3) + 1))] };

function mixFormulaClaim(): Claim {
  const got = mixGuidance(MIX_FIXTURE.unguided, MIX_FIXTURE.guided, MIX_FIXTURE.gamma);
  const error = Math.max(...MIX_FIXTURE.expected.map((e, i) => Math.abs(got[i] - e)));
  return {
    id: 'mix-formula',
    kind: 'sanity',
    statement: 'The mix is log_softmax(γ·(guided − unguided) + unguided) on log-probabilities, to 1e-12 on a hand-worked vector',
    passed: error <= 1e-12,
    value: error,
    threshold: 1e-12,
    note: `Odds 1 : 1 unguided and 3 : 1 guided give √3 : 1 at γ = ½ (a geometric mean of the two distributions); largest error ${error.toExponential(1)}.`,
  };
}

/** The trained detector must tell presence from absence on at least this share of (scene, shape) pairs (the notes' trainAcc > 0.8). */
export const DETECTOR_ACCURACY_MIN = 0.8;
/** The trained tier's "noisy detector": the same network listing every shape above this probability. */
export const NOISY_THRESHOLD = 0.05;
/** DETR's threshold in the official code: the trained detector then lists little (the limit row). */
export const STRICT_THRESHOLD = 0.95;

/** The trained tier's claims, over its replicates (fresh scenes and sampling coins, one trained captioner and detector). */
export function trainedClaims(replicates: readonly TrainedReplicate[], gamma: number, threshold: number): Claim[] {
  const at = (r: TrainedReplicate, g: number) => r.sweep.find((p) => p.gamma === g)!.scores;
  const vanilla = replicates.map((r) => at(r, 0));
  const guided = replicates.map((r) => at(r, gamma));
  const atThreshold = (r: TrainedReplicate, t: number) => r.thresholds.find((x) => x.threshold === t)!;
  const noisy = replicates.map((r) => atThreshold(r, NOISY_THRESHOLD).scores);
  const strictRatios = replicates.map((r, i) => atThreshold(r, STRICT_THRESHOLD).scores.chairI / vanilla[i].chairI);
  const strict = meanInterval(strictRatios);
  const accuracy = meanOf(replicates.map((r) => r.detector.accuracy));
  const noisyMinusPage = noisy.map((n, i) => n.chairI - guided[i].chairI);
  const worse = meanInterval(noisyMinusPage);
  const mean = (of: readonly { chairI: number; recall: number }[]) => ({ chairI: meanOf(of.map((s) => s.chairI)), recall: meanOf(of.map((s) => s.recall)) });
  const sameNetwork = 'One trained captioner and detector (scripts/train-marine.ts); the replicates are fresh scenes and sampling coins, not fresh training runs.';
  const cut = chairCutClaim(
    'chair-cut-trained',
    'Trained tier',
    vanilla.map((v, i) => guided[i].chairI / v.chairI),
    vanilla.map((v, i) => guided[i].recall - v.recall),
    gamma,
    mean(vanilla),
    mean(guided),
  );
  return [
    { ...cut, note: `${cut.note} ${sameNetwork}` },
    {
      id: 'bad-detector-worse-trained',
      kind: 'paper',
      statement: `Trained tier: the detector at threshold ${NOISY_THRESHOLD} (listing most shapes, present or not) leaves more hallucinated mentions at γ = ${gamma} than at the page’s ${threshold}`,
      passed: worse.low > 0,
      value: worse.estimate,
      threshold: 0,
      spread: meanSpread(noisyMinusPage, 'replicates'),
      note: `CHAIR_i ${f3(mean(noisy).chairI)} against ${f3(mean(guided).chairI)}: difference ${signed(worse.estimate)}, 95% ${interval(worse)}.${worse.low > 0 ? '' : ' The interval reaches 0: no worse on this evidence.'} The captioner was trained on hints of present shapes only, so it names most listed shapes: this is close to true by construction. ${sameNetwork}`,
    },
    {
      id: 'strict-detector-short-trained',
      kind: 'limit',
      statement: `Trained tier: with the detector at DETR’s threshold ${STRICT_THRESHOLD} (it lists few shapes) guidance at γ = ${gamma} falls short of the ${CHAIR_RATIO_MAX}× cut`,
      passed: strict.low > CHAIR_RATIO_MAX,
      value: strict.estimate,
      threshold: CHAIR_RATIO_MAX,
      note: `CHAIR_i ratio ${f2(strict.estimate)}, 95% ${interval(strict)}, with ${f2(meanOf(replicates.map((r) => atThreshold(r, STRICT_THRESHOLD).listedTrue)))} present shapes listed per image (of about 2.7). A list this short leaves the captioner mostly to itself.`,
    },
    {
      id: 'trained-detector-learned',
      kind: 'sanity',
      statement: `Trained tier: the detector tells presence from absence on at least ${DETECTOR_ACCURACY_MIN * 100}% of (scene, shape) pairs at the page’s threshold`,
      passed: accuracy >= DETECTOR_ACCURACY_MIN,
      value: accuracy,
      threshold: DETECTOR_ACCURACY_MIN,
      note: `Accuracy ${f3(accuracy)}, recall ${f3(meanOf(replicates.map((r) => r.detector.recall)))}, false-positive rate ${f3(meanOf(replicates.map((r) => r.detector.falsePositiveRate)))} on this run’s scenes (threshold ${threshold}).`,
    },
  ];
}
