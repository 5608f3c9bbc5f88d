// The analytic tier's independent pieces of work as plain serialisable jobs: one replicate, or one
// recall row of the detector-quality map on one replicate. The same pure function answers them in a
// Web Worker (worker.ts) or in the page's own thread.

import { RngStream } from '../../lib/rng';
import { captionAll, chairOf, detectionsOf, makeWorld, PROBE_SPLITS, probeAll, type AnalyticSettings, type ProbeSplit } from './analytic';
import type { DetectorSpec } from './captioner';
import type { ChairScores, PopeScores } from './metrics';
import type { MarineParams } from './params';

/** The noisy detector of the notes' prototype (recall 0.5, false-positive rate 0.3), fixed before looking. */
export const BAD_DETECTOR: DetectorSpec = { recall: 0.5, falsePositiveRate: 0.3, intersect: false };
/** γ values every replicate captions at (with the run's own γ added). */
export const SWEEP_GAMMAS: readonly number[] = [0, 0.25, 0.5, 0.7, 1, 1.25, 1.5];
/** The detector map's grid, fixed before looking. */
export const MAP_RECALLS: readonly number[] = [0.3, 0.5, 0.7, 0.8, 0.9, 1];
export const MAP_FALSE_POSITIVES: readonly number[] = [0, 0.02, 0.05, 0.1, 0.2, 0.3];
export const MAP_REPLICATES = 3;
/** Scenes of the first replicate whose captions the page shows. */
export const EXAMPLE_SCENES = 8;

export const sweepGammas = (gamma: number) => [...new Set([...SWEEP_GAMMAS, gamma])].sort((a, b) => a - b);

export function analyticSettings(p: MarineParams): AnalyticSettings {
  return {
    scenes: p.scenes,
    corpus: p.corpus,
    themeStrength: p.themeStrength,
    weights: { visualSignal: p.visualSignal, priorWeight: p.priorWeight, repetitionPenalty: p.repetitionPenalty, stopBias: p.stopBias, stopPerMention: p.stopPerMention, grounding: p.grounding, yesBias: p.yesBias },
    decoding: { temperature: p.temperature, topP: p.topP },
  };
}

export const pageDetector = (p: MarineParams): DetectorSpec => ({ recall: p.detectorRecall, falsePositiveRate: p.detectorFalsePositives, intersect: p.intersect === 'on' });

export type ChairSummary = Pick<ChairScores, 'chairS' | 'chairI' | 'recall' | 'meanMentions' | 'emptyShare'>;
const summary = ({ chairS, chairI, recall, meanMentions, emptyShare }: ChairScores): ChairSummary => ({ chairS, chairI, recall, meanMentions, emptyShare });

export interface SweepPoint {
  gamma: number;
  /** With the page's detector. */
  good: ChairSummary;
  /** With BAD_DETECTOR. */
  bad: ChairSummary;
  pope: PopeScores;
}

export interface ExampleCaption {
  objects: number[];
  detected: number[];
  vanilla: number[];
  guided: number[];
}

export interface ReplicateResult {
  sweep: SweepPoint[];
  /** POPE at γ = 0 and at the run's γ, per split. */
  splits: { split: ProbeSplit; vanilla: PopeScores; guided: PopeScores }[];
  /** Mean detected objects per scene: listed correctly and falsely. */
  detections: { truePositives: number; falsePositives: number };
  examples: ExampleCaption[];
}

export type ReplicateJob = { kind: 'replicate'; params: MarineParams; replicate: number };
export type MapRowJob = { kind: 'map-row'; params: MarineParams; replicate: number; recall: number };
export type MarineJob = ReplicateJob | MapRowJob;
/** One recall of the map: CHAIR_i at γ for each false-positive rate, and at γ = 0. */
export type MapRowResult = { recall: number; vanillaChairI: number; vanillaRecall: number; cells: { falsePositiveRate: number; chairI: number; recall: number }[] };
export type MarineJobResult = ReplicateResult | MapRowResult;

const worldOf = (params: MarineParams, replicate: number) => makeWorld(analyticSettings(params), RngStream.fromSeed(params.seed).split('analytic').split(replicate));

function replicateJob({ params, replicate }: ReplicateJob): ReplicateResult {
  const settings = analyticSettings(params);
  const world = worldOf(params, replicate);
  const detector = pageDetector(params);
  let guidedCaptions: number[][] = [];
  let vanillaCaptions: number[][] = [];
  const sweep = sweepGammas(params.gamma).map((gamma) => {
    const good = captionAll(world, settings, detector, gamma);
    if (gamma === 0) vanillaCaptions = good;
    if (gamma === params.gamma) guidedCaptions = good;
    return { gamma, good: summary(chairOf(world, good)), bad: summary(chairOf(world, captionAll(world, settings, BAD_DETECTOR, gamma))), pope: probeAll(world, settings, detector, gamma, 'adversarial') };
  });
  const splits = PROBE_SPLITS.map((split) => ({ split, vanilla: probeAll(world, settings, detector, 0, split), guided: probeAll(world, settings, detector, params.gamma, split) }));
  let truePositives = 0;
  let falsePositives = 0;
  const lists = world.scenes.map((scene, i) => {
    const listed = detectionsOf(world, i, detector);
    const objects = listed.flatMap((on, j) => (on ? [j] : []));
    truePositives += objects.filter((j) => scene.objects.includes(j)).length;
    falsePositives += objects.filter((j) => !scene.objects.includes(j)).length;
    return objects;
  });
  const examples = replicate === 0 ? world.scenes.slice(0, EXAMPLE_SCENES).map((scene, i) => ({ objects: scene.objects, detected: lists[i], vanilla: vanillaCaptions[i], guided: guidedCaptions[i] })) : [];
  return { sweep, splits, detections: { truePositives: truePositives / world.scenes.length, falsePositives: falsePositives / world.scenes.length }, examples };
}

function mapRowJob({ params, replicate, recall }: MapRowJob): MapRowResult {
  const settings = analyticSettings(params);
  const world = worldOf(params, replicate);
  const vanilla = chairOf(world, captionAll(world, settings, pageDetector(params), 0));
  const cells = MAP_FALSE_POSITIVES.map((falsePositiveRate) => {
    const scores = chairOf(world, captionAll(world, settings, { recall, falsePositiveRate, intersect: params.intersect === 'on' }, params.gamma));
    return { falsePositiveRate, chairI: scores.chairI, recall: scores.recall };
  });
  return { recall, vanillaChairI: vanilla.chairI, vanillaRecall: vanilla.recall, cells };
}

export function runMarineJob(job: MarineJob): MarineJobResult {
  return job.kind === 'replicate' ? replicateJob(job) : mapRowJob(job);
}
