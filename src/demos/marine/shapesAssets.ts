// The trained tier's weights (public/weights/marine-{captioner,detector}/, made by
// scripts/train-marine.ts): fetched once per page, turned into tensors once per tfjs backend (a run
// may use wasm while the page's backend is WebGPU).

import * as tf from '@tensorflow/tfjs';
import { pageBaseUrl } from '../../lib/workerRun';
import { loadModelWeights } from '../../models/loadWeights';
import type { UnpackedWeights, WeightManifest } from '../../models/weightFile';
import { CAPTIONER_KIND, captionerShapes, DETECTOR_KIND, detectorShapes, type ShapesNetConfig, type Weights } from './shapesNet';

export const WEIGHT_DIRS = { captioner: 'weights/marine-captioner/', detector: 'weights/marine-detector/' } as const;

export interface ShapesNets {
  captioner: Weights;
  detector: Weights;
  manifests: { captioner: WeightManifest<ShapesNetConfig>; detector: WeightManifest<ShapesNetConfig> };
}

type Fetched = { captioner: UnpackedWeights<ShapesNetConfig>; detector: UnpackedWeights<ShapesNetConfig> };
let fetched: Promise<Fetched> | null = null;
const built = new Map<tf.KernelBackend, Omit<ShapesNets, 'manifests'>>();

const tensors = (u: UnpackedWeights<ShapesNetConfig>, shapes: [string, number[]][]): Weights => new Map(shapes.map(([name, shape]) => [name, tf.tensor(u.values.get(name)!, shape)]));

export async function loadShapesNets(): Promise<ShapesNets> {
  // a failed load is not cached: the next run tries again
  fetched ??= Promise.all([
    loadModelWeights(pageBaseUrl() + WEIGHT_DIRS.captioner, CAPTIONER_KIND, captionerShapes),
    loadModelWeights(pageBaseUrl() + WEIGHT_DIRS.detector, DETECTOR_KIND, detectorShapes),
  ]).then(
    ([captioner, detector]) => ({ captioner, detector }),
    (err) => {
      fetched = null;
      throw err;
    },
  );
  const f = await fetched;
  const registered = new Set(Object.values(tf.engine().registry));
  for (const owner of built.keys()) if (!registered.has(owner)) built.delete(owner); // its tensors went with its device
  const backend = tf.backend();
  let nets = built.get(backend);
  if (!nets) {
    nets = { captioner: tensors(f.captioner, captionerShapes(f.captioner.manifest.config)), detector: tensors(f.detector, detectorShapes(f.detector.manifest.config)) };
    built.set(backend, nets);
  }
  return { ...nets, manifests: { captioner: f.captioner.manifest, detector: f.detector.manifest } };
}
