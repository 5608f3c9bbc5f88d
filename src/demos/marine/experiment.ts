// One run of the MARINE demo. The analytic tier: every replicate's world captioned at a sweep of γ
// with the page's detector and with a noisy one, probed POPE-style, and scored; the detector-quality
// map over a grid of detectors on the first replicates. The trained tier: the shipped captioner and
// detector on fresh ShapesWorld scenes, on the backend `network` picks. The claims compare, replicate
// by replicate, guidance at the page's γ with the vanilla model (γ = 0) on the same scenes and coins.

import { onChosenTfBackend, type ComputeState } from '../../gpu/backend';
import { RngStream } from '../../lib/rng';
import { bandColumns, type BandColumns, type DemoResults } from '../../lib/results';
import { Ticker, type RunControl } from '../../lib/schedule';
import { mean } from '../../lib/stats';
import { canUseWorkers, runJobs, workerCount } from '../../lib/workerPool';
import { analyticClaims, atGamma, NOISY_THRESHOLD, trainedClaims } from './claims';
import { BAD_DETECTOR, MAP_FALSE_POSITIVES, MAP_RECALLS, MAP_REPLICATES, runMarineJob, sweepGammas, type MapRowJob, type MapRowResult, type MarineJob, type ReplicateJob, type ReplicateResult } from './jobs';
import type { MarineParams } from './params';
import { loadShapesNets } from './shapesAssets';
import { SHAPES } from './shapesWorld';
import { MAX_SHAPE_MENTIONS, trainedReplicate, type TrainedNets, type TrainedReplicate } from './trained';
import { OBJECTS } from './world';

export const SLUG = 'marine';

/** One γ of the sweep, over replicates. */
export type GammaSweepRow = { gamma: number } & BandColumns<'chairS' | 'chairI' | 'recall' | 'mentions' | 'badChairI' | 'badRecall' | 'popeAccuracy' | 'yesRatio'>;
/** One detector of the map: CHAIR_i at the run's γ relative to γ = 0, mean over the map's replicates. */
export type DetectorMapRow = { recall: number; falsePositiveRate: number; ratio: number; chairI: number; recallGain: number };
/** One POPE split: the vanilla model and guidance at γ, mean over replicates. */
export type PopeSplitRow = { split: string; method: string; accuracy: number; precision: number; recall: number; f1: number; yesRatio: number };
/** One example scene of the first replicate: object names, comma-separated. */
export type ExampleRow = { scene: number; objects: string; detected: string; vanilla: string; guided: string };
export type PerReplicateRow = { replicate: number; vanillaChairI: number; guidedChairI: number; ratio: number; vanillaRecall: number; guidedRecall: number; noisyDetectorChairI: number };

/** The trained tier: one γ of its sweep, over replicates. */
export type TrainedSweepRow = { gamma: number } & BandColumns<'chairS' | 'chairI' | 'recall' | 'mentions'>;
/** The trained tier at the run's γ with the detector at one threshold, mean over replicates. */
export type ThresholdRow = { threshold: number; chairI: number; recall: number; listedTrue: number; listedFalse: number };

export type MarineSeries = {
  gammaSweep: GammaSweepRow[];
  trainedSweep?: TrainedSweepRow[];
  trainedThresholds?: ThresholdRow[];
  /** The trained tier's first scenes (their pixels are the matrix trainedImages, a row each). */
  trainedExamples?: ExampleRow[];
  detectorMap?: DetectorMapRow[];
  popeSplits: PopeSplitRow[];
  examples: ExampleRow[];
  perReplicate: PerReplicateRow[];
};

export type MarineMetrics = {
  vanillaChairS: number;
  guidedChairS: number;
  vanillaChairI: number;
  guidedChairI: number;
  vanillaRecall: number;
  guidedRecall: number;
  vanillaYesRatio: number;
  guidedYesRatio: number;
  vanillaPopeAccuracy: number;
  guidedPopeAccuracy: number;
  /** The page's detector: objects listed per scene, rightly and wrongly. */
  detectedTrue: number;
  detectedFalse: number;
  trainedVanillaChairI?: number;
  trainedGuidedChairI?: number;
  trainedVanillaRecall?: number;
  trainedGuidedRecall?: number;
  trainedDetectorAccuracy?: number;
};

export type MarineResults = DemoResults<MarineParams, MarineSeries, MarineMetrics>;

const names = (objects: readonly number[], of: readonly string[] = OBJECTS) => objects.map((o) => of[o]).join(', ');
/** Scenes of the trained tier's first replicate shown with their images. */
export const TRAINED_EXAMPLES = 8;
export const detectorLabel = (p: MarineParams) => `recall ${p.detectorRecall}, false-positive rate ${p.detectorFalsePositives}${p.intersect === 'on' ? ', two detectors ∩' : ''}`;

function sweepRows(replicates: readonly ReplicateResult[], gammas: readonly number[]): GammaSweepRow[] {
  return gammas.map((gamma, g) => {
    const at = replicates.map((r) => r.sweep[g]);
    return {
      gamma,
      ...bandColumns('chairS', at.map((p) => p.good.chairS)),
      ...bandColumns('chairI', at.map((p) => p.good.chairI)),
      ...bandColumns('recall', at.map((p) => p.good.recall)),
      ...bandColumns('mentions', at.map((p) => p.good.meanMentions)),
      ...bandColumns('badChairI', at.map((p) => p.bad.chairI)),
      ...bandColumns('badRecall', at.map((p) => p.bad.recall)),
      ...bandColumns('popeAccuracy', at.map((p) => p.pope.accuracy)),
      ...bandColumns('yesRatio', at.map((p) => p.pope.yesRatio)),
    };
  });
}

function mapRows(rows: readonly MapRowResult[]): DetectorMapRow[] {
  return MAP_RECALLS.flatMap((recall) => {
    const ofRecall = rows.filter((r) => r.recall === recall);
    return MAP_FALSE_POSITIVES.map((falsePositiveRate, f) => ({
      recall,
      falsePositiveRate,
      ratio: mean(ofRecall.map((r) => r.cells[f].chairI / r.vanillaChairI)),
      chairI: mean(ofRecall.map((r) => r.cells[f].chairI)),
      recallGain: mean(ofRecall.map((r) => r.cells[f].recall - r.vanillaRecall)),
    }));
  });
}

function popeRows(replicates: readonly ReplicateResult[], gamma: number): PopeSplitRow[] {
  return replicates[0].splits.flatMap(({ split }, s) =>
    (['vanilla', 'guided'] as const).map((which) => {
      const scores = replicates.map((r) => r.splits[s][which]);
      const avg = (key: keyof (typeof scores)[number]) => mean(scores.map((x) => x[key]));
      return { split, method: which === 'vanilla' ? 'vanilla (γ = 0)' : `guided (γ = ${gamma})`, accuracy: avg('accuracy'), precision: avg('precision'), recall: avg('recall'), f1: avg('f1'), yesRatio: avg('yesRatio') };
    }),
  );
}

/** The trained tier over its replicates, on the chosen backend. */
async function runTrainedTier(params: MarineParams, env: Pick<ComputeState, 'info' | 'device'>, ticker: Ticker, loadNets: () => Promise<TrainedNets>): Promise<{ replicates: TrainedReplicate[]; label: string }> {
  const replicates: TrainedReplicate[] = [];
  let label = '';
  await onChosenTfBackend(params.network, env, async (where) => {
    label = where.label;
    const nets = await loadNets();
    const settings = { scenes: params.trainedScenes, threshold: params.detectorThreshold, decoding: { temperature: params.temperature, topP: params.topP }, gammas: sweepGammas(params.gamma), gamma: params.gamma };
    for (let r = 0; r < params.replicates; r++) {
      const stage = ticker.stage(r / params.replicates, (r + 1) / params.replicates);
      stage.progress(0, `Trained tier: replicate ${r + 1} of ${params.replicates} (${params.trainedScenes} images)`);
      replicates.push(await trainedReplicate(nets, settings, RngStream.fromSeed(params.seed).split('trained').split(r), r === 0 ? TRAINED_EXAMPLES : 0, stage));
    }
  });
  return { replicates, label };
}

function trainedRows(replicates: readonly TrainedReplicate[]) {
  const first = replicates[0];
  return {
    trainedSweep: first.sweep.map(({ gamma }, g) => {
      const at = replicates.map((r) => r.sweep[g].scores);
      return { gamma, ...bandColumns('chairS', at.map((x) => x.chairS)), ...bandColumns('chairI', at.map((x) => x.chairI)), ...bandColumns('recall', at.map((x) => x.recall)), ...bandColumns('mentions', at.map((x) => x.meanMentions)) };
    }),
    trainedThresholds: first.thresholds.map(({ threshold }, t) => {
      const at = replicates.map((r) => r.thresholds[t]);
      return { threshold, chairI: mean(at.map((x) => x.scores.chairI)), recall: mean(at.map((x) => x.scores.recall)), listedTrue: mean(at.map((x) => x.listedTrue)), listedFalse: mean(at.map((x) => x.listedFalse)) };
    }),
    trainedExamples: first.examples.map((e, scene) => ({ scene: scene + 1, objects: names(e.objects, SHAPES), detected: names(e.detected, SHAPES), vanilla: names(e.vanilla, SHAPES), guided: names(e.guided, SHAPES) })),
  };
}

export async function runMarine(params: MarineParams, env: Pick<ComputeState, 'info' | 'device'>, control: RunControl<MarineResults> = {}, loadNets: () => Promise<TrainedNets> = loadShapesNets): Promise<MarineResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const ticker = new Ticker(control);
  const trainedOn = params.trained === 'on';
  const analyticTicker = ticker.stage(0, trainedOn ? 0.5 : 1);
  const createWorker = params.parallel === 'workers' && canUseWorkers() ? () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }) : null;
  const replicateJobs: ReplicateJob[] = Array.from({ length: params.replicates }, (_, replicate) => ({ kind: 'replicate', params, replicate }));
  const mapJobs: MapRowJob[] = params.detectorMap === 'on' ? Array.from({ length: Math.min(MAP_REPLICATES, params.replicates) }, (_, replicate) => MAP_RECALLS.map((recall) => ({ kind: 'map-row' as const, params, replicate, recall }))).flat() : [];
  const jobs: MarineJob[] = [...replicateJobs, ...mapJobs];
  // workers finish jobs out of order: the label counts jobs, not which ones
  const what = `Analytic tier: ${params.replicates} replicates × ${params.scenes} scenes${mapJobs.length > 0 ? `, ${mapJobs.length} detector-map rows` : ''}`;
  analyticTicker.progress(0, `${what}…`);
  const results = await runJobs(jobs, runMarineJob, analyticTicker, createWorker, (done, total) => analyticTicker.progress(done / total, `${what}: ${done} of ${total} jobs done`));
  const trained = trainedOn ? await runTrainedTier(params, env, ticker.stage(0.5, 1), loadNets) : null;
  const replicates = results.slice(0, replicateJobs.length) as ReplicateResult[];
  const mapResults = results.slice(replicateJobs.length) as MapRowResult[];
  const gamma = params.gamma;
  const vanilla = replicates.map((r) => atGamma(r, 0));
  const guided = replicates.map((r) => atGamma(r, gamma));
  const popeAt = (g: number) => replicates.map((r) => r.sweep.find((p) => p.gamma === g)!.pope);
  const avg = <T>(of: readonly T[], f: (t: T) => number) => mean(of.map(f));
  const series: MarineSeries = {
    gammaSweep: sweepRows(replicates, sweepGammas(gamma)),
    ...(mapResults.length > 0 && { detectorMap: mapRows(mapResults) }),
    popeSplits: popeRows(replicates, gamma),
    examples: replicates[0].examples.map((e, scene) => ({ scene: scene + 1, objects: names(e.objects), detected: names(e.detected), vanilla: names(e.vanilla), guided: names(e.guided) })),
    perReplicate: replicates.map((r, i) => ({
      replicate: i + 1,
      vanillaChairI: vanilla[i].chairI,
      guidedChairI: guided[i].chairI,
      ratio: guided[i].chairI / vanilla[i].chairI,
      vanillaRecall: vanilla[i].recall,
      guidedRecall: guided[i].recall,
      noisyDetectorChairI: atGamma(r, gamma, 'bad').chairI,
    })),
  };
  const metrics: MarineMetrics = {
    vanillaChairS: avg(vanilla, (s) => s.chairS),
    guidedChairS: avg(guided, (s) => s.chairS),
    vanillaChairI: avg(vanilla, (s) => s.chairI),
    guidedChairI: avg(guided, (s) => s.chairI),
    vanillaRecall: avg(vanilla, (s) => s.recall),
    guidedRecall: avg(guided, (s) => s.recall),
    vanillaYesRatio: avg(popeAt(0), (s) => s.yesRatio),
    guidedYesRatio: avg(popeAt(gamma), (s) => s.yesRatio),
    vanillaPopeAccuracy: avg(popeAt(0), (s) => s.accuracy),
    guidedPopeAccuracy: avg(popeAt(gamma), (s) => s.accuracy),
    detectedTrue: avg(replicates, (r) => r.detections.truePositives),
    detectedFalse: avg(replicates, (r) => r.detections.falsePositives),
  };
  const matrices: MarineResults['matrices'] = {};
  if (trained) {
    const t = trained.replicates;
    const at = (g: number) => t.map((r) => r.sweep.find((p) => p.gamma === g)!.scores);
    Object.assign(series, trainedRows(t));
    Object.assign(metrics, {
      trainedVanillaChairI: avg(at(0), (x) => x.chairI),
      trainedGuidedChairI: avg(at(gamma), (x) => x.chairI),
      trainedVanillaRecall: avg(at(0), (x) => x.recall),
      trainedGuidedRecall: avg(at(gamma), (x) => x.recall),
      trainedDetectorAccuracy: avg(t, (r) => r.detector.accuracy),
    });
    const examples = t[0].examples;
    matrices.trainedImages = { rows: examples.length, cols: examples[0]?.pixels.length ?? 0, data: examples.flatMap((e) => e.pixels) };
  }
  const label = createWorker ? `CPU (float64 TypeScript), replicates spread over ${workerCount()} Web Workers` : 'CPU (float64 TypeScript), one thread';
  return {
    slug: SLUG,
    params,
    backend: env.info,
    metrics,
    series,
    claims: [...analyticClaims(replicates, gamma, detectorLabel(params)), ...(trained ? trainedClaims(trained.replicates, gamma, params.detectorThreshold) : [])],
    matrices,
    notes: [...notes(params, metrics), ...(trained ? trainedNotes(params) : [])],
    timing: { startedAt, totalMs: performance.now() - started, stages: {}, label: trained ? `analytic tier: ${label}; trained tier: ${trained.label}` : label },
  };
}

function notes(p: MarineParams, m: MarineMetrics): string[] {
  return [
    `Analytic tier: ${p.replicates} replicates × ${p.scenes} scenes of 1–4 objects from ${OBJECTS.length} classes in 4 themes (each object from the scene’s theme with probability ${p.themeStrength}). The language prior is counted from ${p.corpus} other scenes per replicate. Captions are sampled at temperature ${p.temperature}, top-p ${p.topP}, at most 8 objects.`,
    `The page’s detector (${detectorLabel(p)}) lists ${m.detectedTrue.toFixed(2)} present and ${m.detectedFalse.toFixed(2)} absent objects per scene on average; the noisy one (recall ${BAD_DETECTOR.recall}, false-positive rate ${BAD_DETECTOR.falsePositiveRate}) about ${(BAD_DETECTOR.falsePositiveRate * (OBJECTS.length - 2.5)).toFixed(1)} absent ones.`,
    'POPE-style probes ask about every present object (up to 3) and as many absent ones; the sweep’s accuracy and yes-ratio are the adversarial split’s (absent objects that co-occur most with the present ones).',
  ];
}

function trainedNotes(p: MarineParams): string[] {
  return [
    `Trained tier: ${p.replicates} replicates × ${p.trainedScenes} fresh 32×32 ShapesWorld images (10 shapes in five pairs; a pair's partner drawn 85% of the time, sometimes one more shape; pixel noise σ 0.45). One captioner and one detector, trained once (public/weights/marine-*/manifest.json says how); captions at most ${MAX_SHAPE_MENTIONS} shapes, the detector's list at threshold ${p.detectorThreshold} as the hint; its noisy version lists every shape above ${NOISY_THRESHOLD}.`,
  ];
}
