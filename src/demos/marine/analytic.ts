// One replicate of the analytic tier: a world (its language prior counted from a corpus of its own),
// test scenes with their evidence and detections, captions at every γ and POPE-style probes, all
// scored. Every γ and detector sees the same scenes, evidence and sampling coins (common random
// numbers), so differences between them are the method's, not the draw's.

import type { RngStream } from '../../lib/rng';
import { answerProbe, caption, detect, seeScene, type CaptionerWeights, type DetectorSpec } from './captioner';
import type { Decoding } from './guidance';
import { captionText, chair, pope, type ChairScores, type PopeScores, type ProbeRecord } from './metrics';
import { countPrior, drawScene, OBJECT_COUNT, type LanguagePrior, type Scene } from './world';

export interface AnalyticSettings {
  scenes: number;
  /** Scenes whose captions the language prior is counted from (a corpus apart from the test scenes). */
  corpus: number;
  themeStrength: number;
  weights: CaptionerWeights;
  decoding: Decoding;
}

/** POPE's three ways to choose the absent objects asked about. */
export type ProbeSplit = 'random' | 'popular' | 'adversarial';
export const PROBE_SPLITS: readonly ProbeSplit[] = ['random', 'popular', 'adversarial'];

export interface World {
  prior: LanguagePrior;
  scenes: Scene[];
  evidence: Float64Array[];
  /** Each scene's stream for detectors and decoding. */
  sceneRngs: RngStream[];
}

export function makeWorld(settings: AnalyticSettings, rng: RngStream): World {
  const corpusRng = rng.split('corpus');
  const prior = countPrior(Array.from({ length: settings.corpus }, () => drawScene(settings.themeStrength, corpusRng)));
  const sceneRng = rng.split('scenes');
  const scenes = Array.from({ length: settings.scenes }, () => drawScene(settings.themeStrength, sceneRng));
  const sceneRngs = scenes.map((_, i) => rng.split('scene').split(i));
  const evidence = scenes.map((scene, i) => seeScene(scene, settings.weights.visualSignal, sceneRngs[i].split('image')));
  return { prior, scenes, evidence, sceneRngs };
}

/**
 * One scene's detections under `detector`. Every detector setting reads the same uniforms, so a
 * detector with higher recall lists a superset of the present objects a lower one lists (and the
 * same for false positives): comparisons between detectors are paired, like those between γ.
 */
export const detectionsOf = (world: World, i: number, detector: DetectorSpec) => detect(world.scenes[i], detector, world.sceneRngs[i].split('detector'));

/** Every scene's caption at γ with `detector`'s lists: token lists. */
export function captionAll(world: World, settings: AnalyticSettings, detector: DetectorSpec, gamma: number): number[][] {
  return world.scenes.map((_, i) => caption(world.evidence[i], detectionsOf(world, i, detector), world.prior, settings.weights, gamma, settings.decoding, world.sceneRngs[i].split('decode')));
}

export function chairOf(world: World, captions: readonly (readonly number[])[]): ChairScores {
  return chair(captions.map((tokens, i) => ({ text: captionText(tokens), truth: world.scenes[i].objects })));
}

/** Absent objects to ask about: `count` of them, by the split's rule (POPE). */
function absentObjects(world: World, i: number, split: ProbeSplit, count: number, marginal: Float64Array): number[] {
  const present = world.scenes[i].objects;
  const absent = Array.from({ length: OBJECT_COUNT }, (_, j) => j).filter((j) => !present.includes(j));
  if (split === 'random') {
    const rng = world.sceneRngs[i].split('probe');
    const pool = absent.slice();
    return Array.from({ length: Math.min(count, pool.length) }, () => pool.splice(rng.int(pool.length), 1)[0]);
  }
  // popular: the most frequent objects overall; adversarial: those that co-occur most with the present ones
  const score = (j: number) => (split === 'popular' ? marginal[j] : present.reduce((s, k) => s + world.prior.counts[k * OBJECT_COUNT + j], 0));
  return absent.sort((a, b) => score(b) - score(a) || a - b).slice(0, count);
}

/** Up to `count` of the scene's objects, a random choice when it has more. */
function presentObjects(world: World, i: number, count: number): number[] {
  const pool = world.scenes[i].objects.slice();
  const rng = world.sceneRngs[i].split('positives');
  return Array.from({ length: Math.min(count, pool.length) }, () => pool.splice(rng.int(pool.length), 1)[0]);
}

/** Probes per scene: every present object (3 at random when there are 4) and as many absent ones. */
export function probeAll(world: World, settings: AnalyticSettings, detector: DetectorSpec, gamma: number, split: ProbeSplit): PopeScores {
  const marginal = new Float64Array(OBJECT_COUNT);
  for (let j = 0; j < OBJECT_COUNT; j++) marginal[j] = world.prior.counts[j * OBJECT_COUNT + j];
  const records: ProbeRecord[] = [];
  world.scenes.forEach((_, i) => {
    const detected = detectionsOf(world, i, detector);
    const positives = presentObjects(world, i, 3);
    const ask = (object: number, truth: boolean) => records.push({ truth, answeredYes: answerProbe(object, world.evidence[i], detected, world.prior, settings.weights, gamma) });
    for (const o of positives) ask(o, true);
    for (const o of absentObjects(world, i, split, positives.length, marginal)) ask(o, false);
  });
  return pope(records);
}
