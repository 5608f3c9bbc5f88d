// "Export as a script" for MARINE: the analytic tier in NumPy (float64, the page's seeded streams,
// so the same scenes, evidence, detections and sampling coins), ShapesWorld's images in NumPy, and the
// trained tier's captioner and detector in PyTorch on the shipped weights. The agreement run
// (--only-numpy) checks the analytic tier's claims, metrics and series and the trained tier's first
// images; the trained tier's own numbers come from PyTorch, which the check does not run.

import body from './script.py?raw';
import { claimValue, type AgreementCheck, type DemoScript } from '../../lib/pythonScript';
import type { MarineResults } from './experiment';
import { MAP_FALSE_POSITIVES, MAP_RECALLS } from './jobs';
import type { MarineParams } from './params';
import { WEIGHT_DIRS } from './shapesAssets';
import { SHAPES } from './shapesWorld';
import { OBJECTS } from './world';

type Check = AgreementCheck<MarineResults>;

/** A number in a result key as the script writes it: JavaScript's String(x), '.' as 'p' (0.25 → 0p25). */
const numberKey = (x: number) => String(x).replace('.', 'p');
/** A comma-separated list of names as one exact integer: Σ (index + 1)·base^position, order and repeats kept. */
const tokenCode = (names: string, of: readonly string[], base: number) =>
  (names === '' ? [] : names.split(', ')).reduce((code, name, p) => {
    const i = of.indexOf(name);
    if (i < 0) throw new Error(`marine script: unknown name ${name}`);
    return code + (i + 1) * base ** p;
  }, 0);
const shapeMask = (names: string) => (names === '' ? [] : names.split(', ')).reduce((mask, name) => mask + 2 ** SHAPES.indexOf(name), 0);

const EXACT = { abs: 0 };
const REAL = { rel: 1e-9 };
const whyShare = 'A share of integer counts (captions, mentions, probes) averaged over replicates in the same order: the same seeded draws give the same counts, so it agrees exactly.';
const whyReal = 'Float64 arithmetic on the exactly-agreeing counts (a ratio, difference or F1): equal to rounding.';

const claims: Check[] = [
  { key: 'claim_chair_cut', page: (r) => claimValue(r, 'chair-cut'), tolerance: REAL, why: 'Mean over replicates of CHAIR_i(γ) ÷ CHAIR_i(0), ratios of exactly-agreeing counts (float64 on both sides).' },
  { key: 'claim_bad_detector_worse', page: (r) => claimValue(r, 'bad-detector-worse'), tolerance: REAL, why: 'Mean of paired CHAIR_i differences, from exactly-agreeing counts (float64 on both sides).' },
  { key: 'claim_bad_detector_hurts', page: (r) => claimValue(r, 'bad-detector-hurts'), tolerance: REAL, why: 'Mean of paired CHAIR_i differences, from exactly-agreeing counts (float64 on both sides).' },
  { key: 'claim_chair_fixture', page: (r) => claimValue(r, 'chair-fixture'), tolerance: EXACT, why: 'CHAIR on the hand-counted fixture: counts, exactly 0 error on both sides.' },
  { key: 'claim_mix_formula', page: (r) => claimValue(r, 'mix-formula'), tolerance: { abs: 1e-15 }, why: 'The value is itself the rounding error of exp/log on a hand-worked vector (1.1e-16 on the page), which moves by an ulp between V8’s and NumPy’s exp/log; the claim’s threshold is 1e-12.' },
  { key: 'claim_captions_not_empty', page: (r) => claimValue(r, 'captions-not-empty'), tolerance: EXACT, why: whyShare },
  { key: 'claim_gamma_zero_vanilla', page: (r) => claimValue(r, 'gamma-zero-vanilla'), tolerance: EXACT, why: 'A yes/no (0 when γ = 0 captions agree across detectors).' },
];

const SHARE_METRICS = ['vanillaChairS', 'guidedChairS', 'vanillaChairI', 'guidedChairI', 'vanillaRecall', 'guidedRecall', 'vanillaYesRatio', 'guidedYesRatio', 'vanillaPopeAccuracy', 'guidedPopeAccuracy', 'detectedTrue', 'detectedFalse'] as const;
const metrics: Check[] = SHARE_METRICS.map((m) => ({ key: `metric_${m}`, page: (r) => r.metrics[m], tolerance: EXACT, why: whyShare }));

const SWEEP_KEYS = ['chairSMean', 'chairIMean', 'recallMean', 'mentionsMean', 'badChairIMean', 'badRecallMean', 'popeAccuracyMean', 'yesRatioMean'] as const;
const DEFAULT_SWEEP = [0, 0.25, 0.5, 0.7, 1, 1.25, 1.5];
const sweep: Check[] = DEFAULT_SWEEP.flatMap((gamma) =>
  SWEEP_KEYS.map((k) => ({
    key: `sweep_g${numberKey(gamma)}_${k}`,
    page: (r: MarineResults) => {
      const row = r.series.gammaSweep.find((x) => x.gamma === gamma);
      if (!row) throw new Error(`marine script: no γ sweep row at ${gamma}`);
      return row[k];
    },
    tolerance: EXACT,
    why: whyShare,
  })),
);

const detectorMap: Check[] = MAP_RECALLS.flatMap((recall) =>
  MAP_FALSE_POSITIVES.flatMap((fpr) =>
    (['ratio', 'chairI', 'recallGain'] as const).map((k) => ({
      key: `map_r${numberKey(recall)}_f${numberKey(fpr)}_${k}`,
      page: (r: MarineResults) => {
        const row = r.series.detectorMap?.find((x) => x.recall === recall && x.falsePositiveRate === fpr);
        if (!row) throw new Error(`marine script: no detector-map cell at recall ${recall}, false-positive rate ${fpr}`);
        return row[k];
      },
      tolerance: k === 'chairI' ? EXACT : REAL,
      why: k === 'chairI' ? whyShare : whyReal,
    })),
  ),
);

const pope: Check[] = ['random', 'popular', 'adversarial'].flatMap((split) =>
  (['vanilla', 'guided'] as const).flatMap((which) =>
    (['accuracy', 'precision', 'recall', 'f1', 'yesRatio'] as const).map((k) => ({
      key: `pope_${split}_${which}_${k}`,
      page: (r: MarineResults) => {
        const row = r.series.popeSplits.find((x) => x.split === split && x.method.startsWith(which));
        if (!row) throw new Error(`marine script: no POPE row ${split} ${which}`);
        return row[k];
      },
      tolerance: k === 'f1' ? REAL : EXACT,
      why: k === 'f1' ? whyReal : whyShare,
    })),
  ),
);

const perReplicate: Check[] = Array.from({ length: 10 }, (_, i) => i + 1).flatMap((replicate) =>
  (['ratio', 'vanillaRecall', 'guidedRecall', 'noisyDetectorChairI'] as const).map((k) => ({
    key: `replicate_${replicate}_${k}`,
    page: (r: MarineResults) => {
      const row = r.series.perReplicate.find((x) => x.replicate === replicate);
      if (!row) throw new Error(`marine script: no replicate ${replicate}`);
      return row[k];
    },
    tolerance: k === 'ratio' ? REAL : EXACT,
    why: k === 'ratio' ? whyReal : whyShare,
  })),
);

const examples: Check[] = Array.from({ length: 8 }, (_, i) => i + 1).flatMap((scene) =>
  (['detected', 'vanilla', 'guided'] as const).map((which) => ({
    key: `example_${scene}_${which}`,
    page: (r: MarineResults) => tokenCode(r.series.examples[scene - 1][which], OBJECTS, OBJECTS.length + 1),
    tolerance: EXACT,
    why: `The first replicate’s ${which === 'detected' ? 'detector list' : `${which} caption`} of example scene ${scene}, token by token (one exact integer): the same seeded coins draw the same tokens.`,
  })),
);

const trainedImages: Check[] = Array.from({ length: 8 }, (_, i) => i + 1).flatMap((scene) => [
  {
    key: `trained_example_${scene}_objects`,
    page: (r: MarineResults) => shapeMask(r.series.trainedExamples?.[scene - 1]?.objects ?? ''),
    tolerance: EXACT,
    why: 'The shapes ShapesWorld draws for this trained-tier scene (a bit mask), from the same seeded stream.',
  },
  {
    key: `trained_example_${scene}_pixel_sum`,
    page: (r: MarineResults) => {
      const m = r.matrices?.trainedImages;
      if (!m) throw new Error('marine script: no trainedImages matrix');
      return m.data.slice((scene - 1) * m.cols, scene * m.cols).reduce((s, v) => s + v, 0);
    },
    tolerance: REAL,
    why: 'Sum of the image’s 1024 float32 pixels as the page shows them (rounded to 3 decimals): drawn in NumPy from the same streams, each pixel agrees exactly, and the sum is taken in the same order.',
  },
]);

export const script: DemoScript<MarineParams, MarineResults> = {
  frameworks: 'numpy+pytorch',
  body,
  weights: [WEIGHT_DIRS.captioner, WEIGHT_DIRS.detector],
  constants: (p) => [
    { name: 'SEED', value: p.seed, comment: 'Every random number derives from this seed: the same seed draws the same scenes and coins as the page.' },
    { name: 'REPLICATES', value: p.replicates, comment: 'Independent worlds (prior, scenes, images, detections, sampling coins); the claims are statistics over them.' },
    { name: 'SCENES', value: p.scenes, comment: 'Analytic tier: test scenes per replicate, captioned and probed at every gamma.' },
    { name: 'GAMMA', value: p.gamma, comment: 'Guidance strength: 0 is the vanilla model, 1 the grounded prompt alone, above 1 extrapolates (paper: 0.7).' },
    { name: 'DETECTOR_RECALL', value: p.detectorRecall, comment: 'P(an object in the image is on the detected list given to the guided branch).' },
    { name: 'DETECTOR_FALSE_POSITIVES', value: p.detectorFalsePositives, comment: 'P(an absent object is listed), per absent class.' },
    { name: 'INTERSECT', value: p.intersect === 'on', comment: 'Two independent detectors of this quality, only objects both list are given (the official code intersects two).' },
    { name: 'VISUAL_SIGNAL', value: p.visualSignal, comment: 'Mean visual evidence of a present object over noise sigma 1: lower is a blurrier image.' },
    { name: 'PRIOR_WEIGHT', value: p.priorWeight, comment: 'Weight of log P(object | objects mentioned), the co-occurrence language prior.' },
    { name: 'THEME_STRENGTH', value: p.themeStrength, comment: 'P(each object of a scene comes from its theme): the co-occurrence bias.' },
    { name: 'GROUNDING', value: p.grounding, comment: "w: +w to a listed object's logit, -w/2 to the rest (-w in yes/no probes)." },
    { name: 'TEMPERATURE', value: p.temperature, comment: 'Sampling temperature (the official decoding: 0.6).' },
    { name: 'TOP_P', value: p.topP, comment: 'Nucleus top-p (the official decoding: 0.9).' },
    { name: 'STOP_BIAS', value: p.stopBias, comment: "STOP's logit at the start of a caption." },
    { name: 'STOP_PER_MENTION', value: p.stopPerMention, comment: "Added to STOP's logit per object already mentioned." },
    { name: 'REPETITION_PENALTY', value: p.repetitionPenalty, comment: "Subtracted from an object's logit per earlier mention of it." },
    { name: 'YES_BIAS', value: p.yesBias, comment: "The vanilla model's lean to answer yes in POPE probes." },
    { name: 'CORPUS', value: p.corpus, comment: 'Scenes per replicate whose co-occurrence counts make the language prior.' },
    { name: 'DETECTOR_MAP', value: p.detectorMap === 'on', comment: 'Also map CHAIR_i at GAMMA over a grid of detector recall x false-positive rate (first 3 replicates).' },
    { name: 'TRAINED', value: p.trained === 'on', comment: 'Run the trained tier: the shipped CNN captioner and detector on fresh ShapesWorld images (PyTorch).' },
    { name: 'TRAINED_SCENES', value: p.trainedScenes, comment: 'Trained tier: fresh 32x32 ShapesWorld images per replicate.' },
    { name: 'DETECTOR_THRESHOLD', value: p.detectorThreshold, comment: "Trained tier: a shape is listed when the detector's probability exceeds this." },
  ],
  agreement: [...claims, ...metrics, ...sweep, ...detectorMap, ...pope, ...perReplicate, ...examples, ...trainedImages],
  seconds: 5,
};
