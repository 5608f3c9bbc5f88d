// The shipped trained-tier weights read from disk, for Node (unit tests and scripts), where the
// page's fetch of public/ is not there.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { unpackModelWeights } from '../../models/weightFile';
import { WEIGHT_DIRS } from './shapesAssets';
import { CAPTIONER_KIND, captionerShapes, DETECTOR_KIND, detectorShapes, type Weights } from './shapesNet';
import type { TrainedNets } from './trained';

function load(dir: string, kind: string, shapesOf: typeof captionerShapes): Weights {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as unknown;
  const blob = readFileSync(join(dir, 'weights.bin'));
  const { manifest: m, values } = unpackModelWeights(manifest, blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength), kind, shapesOf);
  return new Map(shapesOf(m.config).map(([name, shape]) => [name, tf.tensor(values.get(name)!, shape)]));
}

/** The captioner and detector under `root` (public/ by default). */
export function netsFromDisk(root = 'public'): TrainedNets {
  return { captioner: load(join(root, WEIGHT_DIRS.captioner), CAPTIONER_KIND, captionerShapes), detector: load(join(root, WEIGHT_DIRS.detector), DETECTOR_KIND, detectorShapes) };
}
