// The playground's weight files: a JSON manifest (format, version, model kind and configuration,
// each parameter's shape and place, and how the weights were made) beside a little-endian Float32
// blob. Three kinds of model use it: the masked-diffusion transformer, the convolutional
// secondary-structure tagger and the structure adapter; each kind's configuration gives its shapes.

import type { TransformerConfig } from './maskedDiffusionTransformer';
import { parameterShapes } from './maskedDiffusionTransformer';
import { taggerParameterShapes, type ConvTaggerConfig } from './protein/convTagger';
import { adapterParameterShapes, type StructureAdapterConfig } from './protein/structureAdapter';

export const WEIGHT_FORMAT = 'webgpu-ml-playground/weights';
export const WEIGHT_VERSION = 1;

export interface ModelConfigs {
  'masked-diffusion-transformer': TransformerConfig;
  'conv-tagger': ConvTaggerConfig;
  'structure-adapter': StructureAdapterConfig;
}
export type ModelKind = keyof ModelConfigs;

const SHAPES: { [K in ModelKind]: (config: ModelConfigs[K]) => [string, number[]][] } = {
  'masked-diffusion-transformer': parameterShapes,
  'conv-tagger': taggerParameterShapes,
  'structure-adapter': adapterParameterShapes,
};

export interface WeightManifest<K extends ModelKind = 'masked-diffusion-transformer'> {
  format: typeof WEIGHT_FORMAT;
  version: number;
  model: K;
  config: ModelConfigs[K];
  parameters: { name: string; shape: number[]; offset: number }[];
  /** Data, hyper-parameters, seed, final loss, script and commit: how these weights were made. */
  training: Record<string, unknown>;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** A transformer's manifest. */
export function buildManifest(config: TransformerConfig, training: Record<string, unknown>): WeightManifest {
  return buildModelManifest('masked-diffusion-transformer', config, training);
}

export function buildModelManifest<K extends ModelKind>(kind: K, config: ModelConfigs[K], training: Record<string, unknown>): WeightManifest<K> {
  let offset = 0;
  const parameters = (SHAPES[kind] as (c: ModelConfigs[K]) => [string, number[]][])(config).map(([name, shape]) => {
    const entry = { name, shape, offset };
    offset += size(shape);
    return entry;
  });
  return { format: WEIGHT_FORMAT, version: WEIGHT_VERSION, model: kind, config, parameters, training };
}

export function packWeights(manifest: WeightManifest<ModelKind>, values: Map<string, Float32Array>): Float32Array {
  const total = manifest.parameters.reduce((s, p) => s + size(p.shape), 0);
  const blob = new Float32Array(total);
  for (const p of manifest.parameters) blob.set(values.get(p.name)!, p.offset);
  return blob;
}

export interface UnpackedWeights<K extends ModelKind> {
  manifest: WeightManifest<K>;
  values: Map<string, Float32Array>;
}

/** A transformer's weights: unpackModelWeights for that kind. */
export function unpackWeights(manifest: unknown, blob: ArrayBufferLike): UnpackedWeights<'masked-diffusion-transformer'> {
  return unpackModelWeights(manifest, blob, 'masked-diffusion-transformer');
}

/**
 * Checks the manifest against the blob and the model's own shapes (a manifest of another kind than
 * `kind` is refused); every failure names what is wrong.
 */
export function unpackModelWeights<K extends ModelKind>(manifest: unknown, blob: ArrayBufferLike, kind: K): UnpackedWeights<K> {
  const m = manifest as Partial<WeightManifest<K>>;
  if (!m || m.format !== WEIGHT_FORMAT) throw new Error(`weights: not a playground weight manifest (format ${JSON.stringify(m?.format)})`);
  if (m.version !== WEIGHT_VERSION) throw new Error(`weights: manifest version ${m.version}, this app reads version ${WEIGHT_VERSION}`);
  if (m.model !== kind) throw new Error(`weights: a ${String(m.model)} manifest where a ${kind} was expected`);
  if (!m.config || !m.parameters) throw new Error('weights: manifest has no config or parameter list');
  const expected = (SHAPES[kind] as (c: ModelConfigs[K]) => [string, number[]][])(m.config);
  const total = expected.reduce((s, [, shape]) => s + size(shape), 0);
  if (blob.byteLength !== total * 4) throw new Error(`weights: the file holds ${blob.byteLength} bytes, the configuration needs ${total * 4}`);
  const floats = new Float32Array(blob);
  const values = new Map<string, Float32Array>();
  expected.forEach(([name, shape], i) => {
    const entry = m.parameters![i];
    if (!entry || entry.name !== name || entry.shape.join('×') !== shape.join('×')) {
      throw new Error(`weights: parameter ${i} should be ${name} ${shape.join('×')}, the manifest says ${entry ? `${entry.name} ${entry.shape.join('×')}` : 'nothing'}`);
    }
    const slice = floats.subarray(entry.offset, entry.offset + size(shape));
    if (slice.some((v) => !Number.isFinite(v))) throw new Error(`weights: ${name} contains non-finite values (corrupt file?)`);
    values.set(name, slice);
  });
  return { manifest: m as WeightManifest<K>, values };
}
