// The DPLM demo's shipped files read from disk (Node tests and scripts), through the app's checks.

import { readFileSync } from 'node:fs';
import { parameterShapes } from '../models/maskedDiffusionTransformer';
import { TAGGER_KIND, taggerParameterShapes } from '../models/protein/convTagger';
import { ADAPTER_KIND, adapterParameterShapes } from '../models/protein/structureAdapter';
import { TRANSFORMER_KIND, unpackModelWeights, type ShapesOf, type UnpackedWeights } from '../models/weightFile';
import { buildModels, DATA_FILE, WEIGHT_DIRS, type DplmAssets } from '../demos/dplm/assets';
import { checkProteinData } from '../demos/dplm/data';

function readDir<C>(dir: string, kind: string, shapesOf: ShapesOf<C>): UnpackedWeights<C> {
  const blob = readFileSync(`${dir}/weights.bin`);
  return unpackModelWeights(JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')), blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength), kind, shapesOf);
}

export function readDplmAssets(root = 'public'): DplmAssets {
  const fetched = {
    dplm: readDir(`${root}/${WEIGHT_DIRS.dplm}`, TRANSFORMER_KIND, parameterShapes),
    mlm: readDir(`${root}/${WEIGHT_DIRS.mlm}`, TRANSFORMER_KIND, parameterShapes),
    adapter: readDir(`${root}/${WEIGHT_DIRS.adapter}`, ADAPTER_KIND, adapterParameterShapes),
    guide: readDir(`${root}/${WEIGHT_DIRS.guide}`, TAGGER_KIND, taggerParameterShapes),
    scorer: readDir(`${root}/${WEIGHT_DIRS.scorer}`, TAGGER_KIND, taggerParameterShapes),
  };
  const data = checkProteinData(JSON.parse(readFileSync(`${root}/${DATA_FILE}`, 'utf8')));
  return { ...buildModels(fetched), manifests: { dplm: fetched.dplm.manifest, mlm: fetched.mlm.manifest, adapter: fetched.adapter.manifest, guide: fetched.guide.manifest, scorer: fetched.scorer.manifest }, data };
}
