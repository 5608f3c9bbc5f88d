// Fetches a weight manifest and its blob from the app's static files, with messages that say which
// file is missing or wrong instead of a bare network error.

import { unpackWeights, type WeightManifest } from './weightFile';

export type Fetcher = (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; arrayBuffer(): Promise<ArrayBuffer> }>;

export async function loadWeights(folderUrl: string, fetcher: Fetcher = fetch): Promise<{ manifest: WeightManifest; values: Map<string, Float32Array> }> {
  const base = folderUrl.endsWith('/') ? folderUrl : `${folderUrl}/`;
  const get = async (name: string) => {
    let response;
    try {
      response = await fetcher(`${base}${name}`);
    } catch (err) {
      throw new Error(`weights: could not fetch ${base}${name} (${String(err)})`);
    }
    if (!response.ok) throw new Error(`weights: ${base}${name} answered HTTP ${response.status}: the model files are missing from this build`);
    return response;
  };
  let manifest: unknown;
  try {
    manifest = await (await get('manifest.json')).json();
  } catch (err) {
    throw err instanceof Error && err.message.startsWith('weights:') ? err : new Error(`weights: ${base}manifest.json is not valid JSON`);
  }
  const blob = await (await get('weights.bin')).arrayBuffer();
  return unpackWeights(manifest, blob);
}
