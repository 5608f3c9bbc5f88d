// The playground's weight files: a JSON manifest (format, version, model configuration, each
// parameter's shape and place, and how the weights were made) beside a little-endian Float32 blob.

import type { TransformerConfig } from './maskedDiffusionTransformer';
import { parameterShapes } from './maskedDiffusionTransformer';

export const WEIGHT_FORMAT = 'webgpu-ml-playground/weights';
export const WEIGHT_VERSION = 1;

export interface WeightManifest {
  format: typeof WEIGHT_FORMAT;
  version: number;
  model: 'masked-diffusion-transformer';
  config: TransformerConfig;
  parameters: { name: string; shape: number[]; offset: number }[];
  /** Data, hyper-parameters, seed, final loss, script and commit: how these weights were made. */
  training: Record<string, unknown>;
}

export function buildManifest(config: TransformerConfig, training: Record<string, unknown>): WeightManifest {
  let offset = 0;
  const parameters = parameterShapes(config).map(([name, shape]) => {
    const entry = { name, shape, offset };
    offset += shape.reduce((a, b) => a * b, 1);
    return entry;
  });
  return { format: WEIGHT_FORMAT, version: WEIGHT_VERSION, model: 'masked-diffusion-transformer', config, parameters, training };
}

export function packWeights(manifest: WeightManifest, values: Map<string, Float32Array>): Float32Array {
  const total = manifest.parameters.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
  const blob = new Float32Array(total);
  for (const p of manifest.parameters) blob.set(values.get(p.name)!, p.offset);
  return blob;
}

/** Checks the manifest against the blob and the model's own shapes; every failure names what is wrong. */
export function unpackWeights(manifest: unknown, blob: ArrayBufferLike): { manifest: WeightManifest; values: Map<string, Float32Array> } {
  const m = manifest as Partial<WeightManifest>;
  if (!m || m.format !== WEIGHT_FORMAT) throw new Error(`weights: not a playground weight manifest (format ${JSON.stringify(m?.format)})`);
  if (m.version !== WEIGHT_VERSION) throw new Error(`weights: manifest version ${m.version}, this app reads version ${WEIGHT_VERSION}`);
  if (!m.config || !m.parameters) throw new Error('weights: manifest has no config or parameter list');
  const expected = parameterShapes(m.config);
  const total = expected.reduce((s, [, shape]) => s + shape.reduce((a, b) => a * b, 1), 0);
  if (blob.byteLength !== total * 4) throw new Error(`weights: the file holds ${blob.byteLength} bytes, the configuration needs ${total * 4}`);
  const floats = new Float32Array(blob);
  const values = new Map<string, Float32Array>();
  expected.forEach(([name, shape], i) => {
    const entry = m.parameters![i];
    if (!entry || entry.name !== name || entry.shape.join('×') !== shape.join('×')) {
      throw new Error(`weights: parameter ${i} should be ${name} ${shape.join('×')}, the manifest says ${entry ? `${entry.name} ${entry.shape.join('×')}` : 'nothing'}`);
    }
    const n = shape.reduce((a, b) => a * b, 1);
    const slice = floats.subarray(entry.offset, entry.offset + n);
    if (slice.some((v) => !Number.isFinite(v))) throw new Error(`weights: ${name} contains non-finite values (corrupt file?)`);
    values.set(name, slice);
  });
  return { manifest: m as WeightManifest, values };
}
