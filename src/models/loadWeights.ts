// Fetches a weight manifest and its blob from the app's static files, with messages that say which
// file is missing or wrong instead of a bare network error.

import { parameterShapes } from './maskedDiffusionTransformer';
import { TRANSFORMER_KIND, unpackModelWeights, type ShapesOf, type UnpackedWeights } from './weightFile';

export type Fetcher = (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; arrayBuffer(): Promise<ArrayBuffer> }>;

/** A transformer's weight folder. */
export function loadWeights(folderUrl: string, fetcher: Fetcher = fetch): Promise<UnpackedWeights> {
  return loadModelWeights(folderUrl, TRANSFORMER_KIND, parameterShapes, fetcher);
}

/** A weight folder of any kind of model (its kind and shapes given by the caller). */
export async function loadModelWeights<C>(folderUrl: string, kind: string, shapesOf: ShapesOf<C>, fetcher: Fetcher = fetch): Promise<UnpackedWeights<C>> {
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
  return unpackModelWeights(manifest, blob, kind, shapesOf);
}
