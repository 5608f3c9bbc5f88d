import { networkSpec, parallelSpec, seedSpec, type NearbySetting, type ParamValues, type Schema } from '../../lib/params';

/**
 * The demo's whole state. The method's own settings are the official code's: γ = 0.7, temperature
 * 0.6, top-p 0.9 (docs/research/alignment.md §4a). The world's were set once, before any claim was
 * run, so that the vanilla captioner's CHAIR_s sits near the notes' realistic 0.3–0.5 (0.51 over
 * the default run's 10 replicates).
 */
export const marineSchema = {
  seed: seedSpec,
  replicates: { kind: 'int', default: 10, min: 2, max: 30, label: 'Replicates', help: 'Independent worlds (language prior, scenes, images, detections, sampling coins); the claims are statistics over them.' },
  scenes: { kind: 'int', default: 500, min: 50, max: 3000, step: 50, label: 'Scenes per replicate', help: 'Test scenes captioned and probed at every γ (the official evaluation captions 500 COCO images).' },
  gamma: { kind: 'float', default: 0.7, min: 0, max: 2, step: 0.05, label: 'Guidance strength γ', help: 'out = log_softmax(γ·(guided − unguided) + unguided) on log-probabilities: 0 is the vanilla model, 1 the grounded prompt alone, above 1 extrapolates. The paper’s default is 0.7; the claims are made at this γ.' },
  detectorRecall: { kind: 'float', default: 0.8, min: 0, max: 1, step: 0.05, label: 'Detector recall', help: 'The chance that an object in the image is on the detected list given to the guided branch.' },
  detectorFalsePositives: { kind: 'float', default: 0.02, min: 0, max: 0.5, step: 0.01, label: 'Detector false-positive rate', help: 'The chance that an object absent from the image is listed, for each of the 23 or so absent classes (0.02 lists about one absent object every two images).' },
  intersect: { kind: 'toggle', default: 'off', label: 'Two detectors ∩', help: 'Two independent detectors of this quality; only objects both list are given (the official code intersects DETR’s and RAM++’s lists). Recall and false-positive rate are squared: real detectors’ errors correlate, so this is the best case.' },
  visualSignal: { kind: 'float', default: 2.5, min: 0, max: 6, step: 0.1, label: 'Visual evidence', help: 'How far a present object’s evidence stands above the noise (σ = 1): lower is a blurrier image, where the language prior decides more.' },
  priorWeight: { kind: 'float', default: 1, min: 0, max: 3, step: 0.05, label: 'Language-prior weight', help: 'Weight of log P(object | objects already mentioned), counted from a corpus of captions: the co-occurrence habit that makes a captioner say “knife” after “fork”.' },
  themeStrength: { kind: 'float', default: 0.9, min: 0.25, max: 1, step: 0.05, label: 'Co-occurrence bias', help: 'The chance that each object of a scene comes from the scene’s theme (kitchen, street, living room, park) rather than from anywhere.' },
  grounding: { kind: 'float', default: 2, min: 0, max: 6, step: 0.1, label: 'Grounding strength w', help: 'How much the object list in the guided prompt moves a logit: +w for a listed object, −w/2 for the rest (−w in yes/no probes, whose prompt says “only the following objects”).', advanced: true },
  temperature: { kind: 'float', default: 0.6, min: 0.1, max: 2, step: 0.05, label: 'Sampling temperature', help: 'The official decoding’s 0.6.', advanced: true },
  topP: { kind: 'float', default: 0.9, min: 0.05, max: 1, step: 0.05, label: 'Nucleus top-p', help: 'The official decoding’s 0.9: tokens outside the smallest set holding this much probability are never sampled.', advanced: true },
  stopBias: { kind: 'float', default: 1.2, min: -6, max: 8, step: 0.1, label: 'STOP logit at the start', help: 'With the next setting, how long captions are (an object’s logit is its evidence plus the prior’s lift over uniform, about 0 for an object seen and expected).', advanced: true },
  stopPerMention: { kind: 'float', default: 1, min: 0, max: 4, step: 0.1, label: 'STOP logit per mention', help: 'Added to STOP’s logit for each object already mentioned.', advanced: true },
  repetitionPenalty: { kind: 'float', default: 3, min: 0, max: 10, step: 0.1, label: 'Repetition penalty', help: 'Subtracted from an object’s logit per earlier mention; repeats stay possible, and CHAIR_i counts each.', advanced: true },
  yesBias: { kind: 'float', default: 0.5, min: -3, max: 3, step: 0.1, label: 'Yes-bias in probes', help: 'The vanilla model’s lean to answer “yes” (LLaVA-1.5 answers yes to 62% of POPE’s half-yes questions).', advanced: true },
  corpus: { kind: 'int', default: 2000, min: 100, max: 20000, step: 100, label: 'Prior corpus (scenes)', help: 'Captions the language prior’s co-occurrence counts come from, apart from the test scenes.', advanced: true },
  detectorMap: { kind: 'toggle', default: 'on', label: 'Detector-quality map', help: 'CHAIR_i at γ relative to γ = 0 over a grid of detector recall × false-positive rate, on the first three replicates.' },
  trained: { kind: 'toggle', default: 'on', label: 'Trained tier', help: 'A small CNN captioner and a detector, trained on 32×32 images of noisy shapes with a co-occurrence bias (scripts/train-marine.ts), run on fresh scenes: the same mix, on a network’s own logits.' },
  trainedScenes: { kind: 'int', default: 300, min: 50, max: 2000, step: 50, label: 'Trained tier: scenes per replicate', help: 'Fresh ShapesWorld images per replicate, from streams the training never drew from.' },
  detectorThreshold: { kind: 'float', default: 0.5, min: 0.01, max: 0.99, step: 0.01, label: 'Trained tier: detector threshold', help: 'A shape is listed when the detector’s probability for it exceeds this (DETR’s threshold in the official code is 0.95). Lower lists more, false positives included.' },
  network: networkSpec('The trained tier runs on'),
  parallel: parallelSpec('Every replicate (and every row of the detector map) is an independent job: spread over workers they finish sooner. Results are identical either way.'),
} as const satisfies Schema;

export type MarineSchema = typeof marineSchema;
export type MarineParams = ParamValues<MarineSchema>;

/** docs/DESIGN.md §8: where `npm run claims` checks the claims besides the defaults (fixed before looking). */
export const nearbySettings: readonly NearbySetting<MarineParams>[] = [
  { label: 'blurrier images, stronger prior and bias', params: { visualSignal: 2, priorWeight: 1.3, themeStrength: 0.95 } },
  { label: 'another detector (recall 0.7, false positives 0.03), plain sampling', params: { detectorRecall: 0.7, detectorFalsePositives: 0.03, temperature: 1, topP: 1 } },
];
