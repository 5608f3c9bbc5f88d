// The shipped first screens: public/precomputed/<slug>.json per ready demo and the gallery's
// pictures, public/precomputed/gallery.json, derived from them and the demos' meta.ts headlines.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DemoMeta } from '../src/lib/demo';
import { checkPrecomputed, checkPrecomputedSteps, decodeResultsJson, galleryCard, galleryFile, type GalleryFile, type PrecomputedFile, type PrecomputedStepsFile } from '../src/lib/precomputed';

export const PRECOMPUTED_DIR = 'public/precomputed';
export const GALLERY_PATH = `${PRECOMPUTED_DIR}/gallery.json`;
export const precomputedPath = (slug: string): string => `${PRECOMPUTED_DIR}/${slug}.json`;
export const precomputedStepsPath = (slug: string): string => `${PRECOMPUTED_DIR}/${slug}.steps.json`;

/** Every demo's meta.ts, in gallery order (read from the folders, as src/registry.ts does in the app). */
export async function allMetas(root: string): Promise<DemoMeta[]> {
  const dir = join(root, 'src/demos');
  const folders = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'meta.ts')));
  const metas = await Promise.all(folders.map(async (d) => ((await import(pathToFileURL(join(dir, d.name, 'meta.ts')).href)) as { meta: DemoMeta }).meta));
  return metas.sort((a, b) => a.order - b.order);
}

export async function readyMetas(root: string): Promise<DemoMeta[]> {
  return (await allMetas(root)).filter((m) => m.status === 'ready');
}

export function readPrecomputed(root: string, slug: string): PrecomputedFile {
  const path = join(root, precomputedPath(slug));
  if (!existsSync(path)) throw new Error(`${precomputedPath(slug)} is missing: run \`npm run precompute -- ${slug}\``);
  return checkPrecomputed(decodeResultsJson(readFileSync(path, 'utf8')), slug, precomputedPath(slug));
}

/** A tutorial's precomputed runs, or null where the file is absent (a tutorial that only runs the defaults has none). */
export function readPrecomputedSteps(root: string, slug: string): PrecomputedStepsFile | null {
  const path = join(root, precomputedStepsPath(slug));
  if (!existsSync(path)) return null;
  return checkPrecomputedSteps(decodeResultsJson(readFileSync(path, 'utf8')), slug, precomputedStepsPath(slug));
}

/** The gallery file as the precomputed runs on disk make it. */
export async function galleryFromFiles(root: string): Promise<GalleryFile> {
  const metas = await readyMetas(root);
  return galleryFile(metas.map((meta) => galleryCard(meta, readPrecomputed(root, meta.slug))));
}
