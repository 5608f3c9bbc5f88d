// The demos, found by folder: every src/demos/<slug>/meta.ts is a card in the gallery (loaded
// eagerly: it is a few lines), and a folder with an index.ts is a demo that runs (its code, and
// tfjs with it, loads only when its page opens). Adding a demo touches no file outside its folder.

import type { DemoMeta } from './lib/demo';
import type { AnyDemoModule } from './ui/defineDemo';

const metaFiles = import.meta.glob<DemoMeta>('./demos/*/meta.ts', { eager: true, import: 'meta' });
const indexFiles = import.meta.glob<AnyDemoModule>('./demos/*/index.ts', { import: 'default' });

const folderOf = (path: string): string => path.split('/')[2];

function collectDemos(): DemoMeta[] {
  const metas = Object.entries(metaFiles).map(([path, meta]) => {
    const folder = folderOf(path);
    if (meta.slug !== folder) throw new Error(`src/demos/${folder}/meta.ts: its slug "${meta.slug}" must be its folder's name`);
    const runnable = `./demos/${folder}/index.ts` in indexFiles;
    if ((meta.status === 'ready') !== runnable) {
      throw new Error(`src/demos/${folder}: status "${meta.status}" ${runnable ? 'but the folder has an index.ts' : 'needs an index.ts (defineDemo)'}`);
    }
    return meta;
  });
  return metas.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}

/** Every method of the playground, in gallery order. */
export const demos: readonly DemoMeta[] = collectDemos();

export function findDemo(slug: string): DemoMeta | undefined {
  return demos.find((d) => d.slug === slug);
}

export async function loadDemo(slug: string): Promise<AnyDemoModule> {
  const load = indexFiles[`./demos/${slug}/index.ts`];
  if (!load) {
    const known = findDemo(slug);
    throw new Error(known ? `The ${known.title} demo is in preparation.` : `No demo is called "${slug}". Known: ${demos.map((d) => d.slug).join(', ')}`);
  }
  return load();
}

export function readySlugs(): string[] {
  return demos.filter((d) => d.status === 'ready').map((d) => d.slug);
}
