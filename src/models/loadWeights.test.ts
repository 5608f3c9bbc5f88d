import { describe, expect, it } from 'vitest';
import { RngStream } from '../lib/rng';
import { loadWeights, type Fetcher } from './loadWeights';
import { initialParameters, type TransformerConfig } from './maskedDiffusionTransformer';
import { buildManifest, packWeights } from './weightFile';

const config: TransformerConfig = { vocab: 28, length: 8, width: 8, heads: 2, layers: 1, ffn: 16, timeInput: false };
const manifest = buildManifest(config, { seed: 1 });
const blob = packWeights(manifest, initialParameters(config, RngStream.fromSeed(1)));

function fakeFetch(files: Record<string, unknown>): Fetcher {
  return async (url) => {
    const name = url.split('/').pop()!;
    const body = files[name];
    if (body === undefined) return { ok: false, status: 404, json: async () => null, arrayBuffer: async () => new ArrayBuffer(0) };
    return {
      ok: true,
      status: 200,
      json: async () => (typeof body === 'string' ? JSON.parse(body) : body),
      arrayBuffer: async () => (body as Float32Array).buffer as ArrayBuffer,
    };
  };
}

describe('loading weights', () => {
  it('loads a manifest and its blob', async () => {
    const { values } = await loadWeights('/w', fakeFetch({ 'manifest.json': manifest, 'weights.bin': blob }));
    expect(values.get('wout')).toHaveLength(8 * 28);
  });

  it('names a missing file and a broken manifest', async () => {
    await expect(loadWeights('/w', fakeFetch({ 'manifest.json': manifest }))).rejects.toThrow(/weights\.bin answered HTTP 404/);
    await expect(loadWeights('/w', fakeFetch({}))).rejects.toThrow(/manifest\.json answered HTTP 404/);
    await expect(loadWeights('/w', fakeFetch({ 'manifest.json': '{not json', 'weights.bin': blob }))).rejects.toThrow(/not valid JSON/);
  });
});
