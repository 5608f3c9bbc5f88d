// The analytic tier's vision-language model and detector (docs/research/alignment.md §4c). A scene's
// "image" is weak, noisy visual evidence per class; the captioner's next-object logits add a strong
// co-occurrence prior and a repetition penalty, and a STOP token whose logit grows with the caption's
// length. The guided branch is the same model with the detected-object list in its prompt: +w for a
// listed object, −w/2 for the rest (the POPE prompt's "only the following objects": −w). Nothing here
// is trained: the claim is about decoding.

import type { RngStream } from '../../lib/rng';
import { mixGuidance, sampleToken, type Decoding } from './guidance';
import { OBJECT_COUNT, priorLogProbs, type LanguagePrior, type Scene } from './world';

export interface CaptionerWeights {
  /** Mean visual evidence of a present object, in units of the evidence noise (σ = 1). */
  visualSignal: number;
  /** Weight of log P(object | mentioned) from the language prior. */
  priorWeight: number;
  /** Subtracted from an object's logit per earlier mention of it (duplicates stay possible). */
  repetitionPenalty: number;
  /** STOP's logit: stopBias + stopPerMention · (mentions so far). */
  stopBias: number;
  stopPerMention: number;
  /** w: how strongly the grounding prompt's object list moves the logits. */
  grounding: number;
  /** Probes: the vanilla model's lean towards "yes". */
  yesBias: number;
}

/** The longest caption, in object mentions: then it stops. */
export const MAX_MENTIONS = 8;
/** The STOP token's index, after the object classes. */
export const STOP = OBJECT_COUNT;

/** The scene's "image": evidence_j = visualSignal·[j present] + N(0, 1). */
export function seeScene(scene: Scene, visualSignal: number, rng: RngStream): Float64Array {
  const evidence = new Float64Array(OBJECT_COUNT);
  for (let j = 0; j < OBJECT_COUNT; j++) evidence[j] = rng.normal();
  for (const j of scene.objects) evidence[j] += visualSignal;
  return evidence;
}

export interface DetectorSpec {
  /** P(a present object is listed). */
  recall: number;
  /** P(an absent object is listed), per absent class. */
  falsePositiveRate: number;
  /** Two independent detectors of this quality, only objects both list kept (DETR ∩ RAM++ in the official code). */
  intersect: boolean;
}

/** The detected-object list of a scene: a boolean per class. */
export function detect(scene: Scene, spec: DetectorSpec, rng: RngStream): boolean[] {
  const once = (r: RngStream) => {
    const listed = new Array<boolean>(OBJECT_COUNT);
    for (let j = 0; j < OBJECT_COUNT; j++) listed[j] = r.uniform() < (scene.objects.includes(j) ? spec.recall : spec.falsePositiveRate);
    return listed;
  };
  const first = once(rng.split('first'));
  if (!spec.intersect) return first;
  const second = once(rng.split('second'));
  return first.map((listed, j) => listed && second[j]);
}

/** The two branches' logits (objects then STOP) after `mentioned`. */
export function branchLogits(evidence: Float64Array, detected: readonly boolean[], prior: LanguagePrior, weights: CaptionerWeights, mentioned: readonly number[]): { unguided: Float64Array; guided: Float64Array } {
  const unguided = new Float64Array(OBJECT_COUNT + 1);
  priorLogProbs(prior, mentioned, unguided);
  // the prior enters as its lift over uniform (log P + log O): its weight sets how strong the
  // co-occurrence habit is, not how long captions are (which the STOP logit sets)
  const uniform = Math.log(OBJECT_COUNT);
  for (let j = 0; j < OBJECT_COUNT; j++) unguided[j] = evidence[j] + weights.priorWeight * (unguided[j] + uniform);
  for (const k of mentioned) unguided[k] -= weights.repetitionPenalty;
  unguided[STOP] = weights.stopBias + weights.stopPerMention * mentioned.length;
  const guided = unguided.slice();
  for (let j = 0; j < OBJECT_COUNT; j++) guided[j] += weights.grounding * (detected[j] ? 1 : -0.5);
  return { unguided, guided };
}

/** One caption, object by object, from the γ-mixed distribution, until STOP or MAX_MENTIONS. */
export function caption(evidence: Float64Array, detected: readonly boolean[], prior: LanguagePrior, weights: CaptionerWeights, gamma: number, decoding: Decoding, rng: RngStream): number[] {
  const mentioned: number[] = [];
  while (mentioned.length < MAX_MENTIONS) {
    const { unguided, guided } = branchLogits(evidence, detected, prior, weights, mentioned);
    const token = sampleToken(mixGuidance(unguided, guided, gamma), decoding, rng);
    if (token === STOP) break;
    mentioned.push(token);
  }
  return mentioned;
}

/**
 * A POPE-style probe, "Is there a <object> in the image?", answered greedily from the γ-mixed yes/no
 * distribution. The vanilla yes-logit: yesBias + the object's evidence above the midpoint + the
 * prior's lift for it given the objects the model sees clearly (evidence above the midpoint).
 */
export function answerProbe(object: number, evidence: Float64Array, detected: readonly boolean[], prior: LanguagePrior, weights: CaptionerWeights, gamma: number): boolean {
  const midpoint = weights.visualSignal / 2;
  const seen: number[] = [];
  for (let k = 0; k < OBJECT_COUNT; k++) if (k !== object && evidence[k] > midpoint) seen.push(k);
  const logPrior = priorLogProbs(prior, seen, new Float64Array(OBJECT_COUNT));
  const yes = weights.yesBias + (evidence[object] - midpoint) + weights.priorWeight * (logPrior[object] + Math.log(OBJECT_COUNT));
  const mixed = mixGuidance([yes, 0], [yes + weights.grounding * (detected[object] ? 1 : -1), 0], gamma);
  return mixed[0] > mixed[1];
}
