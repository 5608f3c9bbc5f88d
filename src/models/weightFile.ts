// The playground's weight files: a JSON manifest (format, version, model kind and configuration,
// each parameter's shape and place, and how the weights were made) beside a little-endian Float32
// blob. Any model whose configuration determines its parameter shapes can use it: the caller names
// the kind and gives the shapes (the masked-diffusion transformer's are the default here; the
// protein taggers and the adapter bring their own, so this file does not depend on them).

import type { TransformerConfig } from './maskedDiffusionTransformer';
import { parameterShapes } from './maskedDiffusionTransformer';

export const WEIGHT_FORMAT = 'webgpu-ml-playground/weights';
export const WEIGHT_VERSION = 1;
export const TRANSFORMER_KIND = 'masked-diffusion-transformer';

/** A model kind's parameter names and shapes, in the order the blob stores them. */
export type ShapesOf<C> = (config: C) => [string, number[]][];

export interface WeightManifest<C = TransformerConfig> {
  format: typeof WEIGHT_FORMAT;
  version: number;
  model: string;
  config: C;
  parameters: { name: string; shape: number[]; offset: number }[];
  /** Data, hyper-parameters, seed, final loss, script and commit: how these weights were made. */
  training: Record<string, unknown>;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** A transformer's manifest. */
export function buildManifest(config: TransformerConfig, training: Record<string, unknown>): WeightManifest {
  return buildModelManifest(TRANSFORMER_KIND, parameterShapes, config, training);
}

export function buildModelManifest<C>(kind: string, shapesOf: ShapesOf<C>, config: C, training: Record<string, unknown>): WeightManifest<C> {
  let offset = 0;
  const parameters = shapesOf(config).map(([name, shape]) => {
    const entry = { name, shape, offset };
    offset += size(shape);
    return entry;
  });
  return { format: WEIGHT_FORMAT, version: WEIGHT_VERSION, model: kind, config, parameters, training };
}

export function packWeights<C>(manifest: WeightManifest<C>, values: Map<string, Float32Array>): Float32Array {
  const total = manifest.parameters.reduce((s, p) => s + size(p.shape), 0);
  const blob = new Float32Array(total);
  for (const p of manifest.parameters) blob.set(values.get(p.name)!, p.offset);
  return blob;
}

export interface UnpackedWeights<C = TransformerConfig> {
  manifest: WeightManifest<C>;
  values: Map<string, Float32Array>;
}

/** A transformer's weights. */
export function unpackWeights(manifest: unknown, blob: ArrayBufferLike): UnpackedWeights {
  return unpackModelWeights(manifest, blob, TRANSFORMER_KIND, parameterShapes);
}

/**
 * Checks the manifest against the blob and the model's own shapes (a manifest of another kind than
 * `kind` is refused); every failure names what is wrong.
 */
export function unpackModelWeights<C>(manifest: unknown, blob: ArrayBufferLike, kind: string, shapesOf: ShapesOf<C>): UnpackedWeights<C> {
  const m = manifest as Partial<WeightManifest<C>>;
  if (!m || m.format !== WEIGHT_FORMAT) throw new Error(`weights: not a playground weight manifest (format ${JSON.stringify(m?.format)})`);
  if (m.version !== WEIGHT_VERSION) throw new Error(`weights: manifest version ${m.version}, this app reads version ${WEIGHT_VERSION}`);
  if (m.model !== kind) throw new Error(`weights: a ${String(m.model)} manifest where a ${kind} was expected`);
  if (!m.config || !m.parameters) throw new Error('weights: manifest has no config or parameter list');
  const expected = shapesOf(m.config);
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
  return { manifest: m as WeightManifest<C>, values };
}
