// The DPLM demo's files: the DPLM and the masked-LM baseline (public/weights/dplm-proteins,
// mlm-proteins), the structure adapter, the two secondary-structure taggers (guide and held-out
// scorer) and the protein data (public/data/dplm/proteins.json). Fetched once per page; the models
// are rebuilt when tfjs' backend changes (a new WebGPU device, or the CPU path).

import * as tf from '@tensorflow/tfjs';
import { pageBaseUrl } from '../../lib/workerRun';
import { loadModelWeights, loadWeights } from '../../models/loadWeights';
import { MaskedDiffusionTransformer } from '../../models/maskedDiffusionTransformer';
import { ConvTagger, TAGGER_KIND, taggerParameterShapes, type ConvTaggerConfig } from '../../models/protein/convTagger';
import { ADAPTER_KIND, adapterParameterShapes, StructureAdapter, type StructureAdapterConfig } from '../../models/protein/structureAdapter';
import type { UnpackedWeights, WeightManifest } from '../../models/weightFile';
import { checkProteinData, type ProteinData } from './data';

export interface DplmModels {
  dplm: MaskedDiffusionTransformer;
  mlm: MaskedDiffusionTransformer;
  adapter: StructureAdapter;
  guide: ConvTagger;
  scorer: ConvTagger;
}

export interface DplmAssets extends DplmModels {
  manifests: { dplm: WeightManifest; mlm: WeightManifest; adapter: WeightManifest<StructureAdapterConfig>; guide: WeightManifest<ConvTaggerConfig>; scorer: WeightManifest<ConvTaggerConfig> };
  data: ProteinData;
}

/** Set in a Web Worker, whose relative URLs resolve against its script, not the page (runWorker.ts). */
let assetBase: string | null = null;
export function setAssetBase(url: string): void {
  assetBase = url;
}
const base = (): string => assetBase ?? pageBaseUrl();
export const WEIGHT_DIRS = { dplm: 'weights/dplm-proteins/', mlm: 'weights/mlm-proteins/', adapter: 'weights/dplm-structure-adapter/', guide: 'weights/ss-tagger-guide/', scorer: 'weights/ss-tagger-scorer/' } as const;
export const DATA_FILE = 'data/dplm/proteins.json';

interface Fetched {
  dplm: UnpackedWeights;
  mlm: UnpackedWeights;
  adapter: UnpackedWeights<StructureAdapterConfig>;
  guide: UnpackedWeights<ConvTaggerConfig>;
  scorer: UnpackedWeights<ConvTaggerConfig>;
  data: ProteinData;
}

async function fetchData(url: string): Promise<ProteinData> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new Error(`protein data: could not fetch ${url} (${String(err)})`);
  }
  if (!response.ok) throw new Error(`protein data: ${url} answered HTTP ${response.status}: the data file is missing from this build`);
  return checkProteinData(await response.json());
}

async function fetchAll(): Promise<Fetched> {
  const [dplm, mlm, adapter, guide, scorer, data] = await Promise.all([
    loadWeights(base() + WEIGHT_DIRS.dplm),
    loadWeights(base() + WEIGHT_DIRS.mlm),
    loadModelWeights(base() + WEIGHT_DIRS.adapter, ADAPTER_KIND, adapterParameterShapes),
    loadModelWeights(base() + WEIGHT_DIRS.guide, TAGGER_KIND, taggerParameterShapes),
    loadModelWeights(base() + WEIGHT_DIRS.scorer, TAGGER_KIND, taggerParameterShapes),
    fetchData(base() + DATA_FILE),
  ]);
  return { dplm, mlm, adapter, guide, scorer, data };
}

export function buildModels(f: Omit<Fetched, 'data'>): DplmModels {
  return {
    dplm: new MaskedDiffusionTransformer(f.dplm.manifest.config, f.dplm.values),
    mlm: new MaskedDiffusionTransformer(f.mlm.manifest.config, f.mlm.values),
    adapter: new StructureAdapter(f.adapter.manifest.config, f.adapter.values),
    guide: new ConvTagger(f.guide.manifest.config, f.guide.values),
    scorer: new ConvTagger(f.scorer.manifest.config, f.scorer.values),
  };
}

function disposeModels(m: DplmModels): void {
  for (const model of Object.values(m)) model.dispose();
}

let fetched: Promise<Fetched> | null = null;
/** One set of models per tfjs backend instance (a run may use wasm while the page's backend is webgpu). */
const built = new Map<tf.KernelBackend, DplmModels>();

export async function loadDplmAssets(): Promise<DplmAssets> {
  // a failed load is not cached: the next run tries again
  fetched ??= fetchAll().catch((err) => {
    fetched = null;
    throw err;
  });
  const f = await fetched;
  const registered = new Set(Object.values(tf.engine().registry));
  for (const [owner, models] of built) {
    if (registered.has(owner)) continue;
    built.delete(owner);
    try {
      disposeModels(models);
    } catch {
      // its backend went with its device
    }
  }
  const backend = tf.backend();
  let models = built.get(backend);
  if (!models) {
    models = buildModels(f);
    built.set(backend, models);
  }
  return { ...models, manifests: { dplm: f.dplm.manifest, mlm: f.mlm.manifest, adapter: f.adapter.manifest, guide: f.guide.manifest, scorer: f.scorer.manifest }, data: f.data };
}
