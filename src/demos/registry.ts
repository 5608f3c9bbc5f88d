// The ten methods of the playground. Metadata is eager (the gallery needs it); a demo's code,
// and tfjs with it, loads only when its page opens.

import type { DemoMeta, DemoModule } from './types';
import { meta as sparsePca } from './sparse-pca/meta';
import { meta as dndm } from './dndm/meta';
import { meta as dplm } from './dplm/meta';
import { meta as spin } from './spin/meta';
import { meta as spinDiffusion } from './spin-diffusion/meta';
import { meta as appoAdpo } from './appo-adpo/meta';
import { meta as marine } from './marine/meta';
import { meta as trustllm } from './trustllm/meta';
import { meta as corruptionRobustRl } from './corruption-robust-rl/meta';
import { meta as linearMixtureSsp } from './linear-mixture-ssp/meta';

export const demos: readonly DemoMeta[] = [sparsePca, dndm, dplm, spin, spinDiffusion, appoAdpo, marine, trustllm, corruptionRobustRl, linearMixtureSsp];

const loaders: Record<string, () => Promise<DemoModule>> = {
  'sparse-pca': () => import('./sparse-pca/index').then((m) => m.default as unknown as DemoModule),
  dndm: () => import('./dndm/index').then((m) => m.default as unknown as DemoModule),
  spin: () => import('./spin/index').then((m) => m.default as unknown as DemoModule),
  'corruption-robust-rl': () => import('./corruption-robust-rl/index').then((m) => m.default as unknown as DemoModule),
  'linear-mixture-ssp': () => import('./linear-mixture-ssp/index').then((m) => m.default as unknown as DemoModule),
};

export function findDemo(slug: string): DemoMeta | undefined {
  return demos.find((d) => d.slug === slug);
}

export async function loadDemo(slug: string): Promise<DemoModule> {
  const load = loaders[slug];
  if (!load) {
    const known = findDemo(slug);
    throw new Error(known ? `The ${known.title} demo is in preparation.` : `No demo is called "${slug}". Known: ${demos.map((d) => d.slug).join(', ')}`);
  }
  return load();
}

export function readySlugs(): string[] {
  return demos.filter((d) => d.status === 'ready').map((d) => d.slug);
}
