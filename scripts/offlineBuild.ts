// The offline half of `vite build`: after the bundle is written, list every file of the build
// (code, wasm, weights, data, precomputed runs), name the list by a hash of the files' contents, and
// bundle src/offline/serviceWorker.ts into <outDir>/sw.js with that list built in. A new build with
// any changed file therefore has a new sw.js, which is what makes a browser install the new version
// (and the page offer it: src/ui/OfflineStatus.tsx).

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { buildSync } from 'esbuild';
import type { Plugin } from 'vite';
import type { Precache } from '../src/lib/precache';

export const SERVICE_WORKER_FILE = 'sw.js';

/** The precache list of a built app in `outDir`: every file but the service worker, and a version naming their contents. */
export function precacheOf(outDir: string): Precache {
  const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(outDir, path)).isFile())
    .map((path) => path.split(sep).join('/'))
    .filter((path) => path !== SERVICE_WORKER_FILE)
    .sort();
  const hash = createHash('sha256');
  for (const path of files) hash.update(`${path}\0`).update(readFileSync(join(outDir, path))).update('\0');
  return { version: hash.digest('hex').slice(0, 16), files };
}

/** Writes `<outDir>/sw.js`: the service worker's source with the precache list as a build-time constant. */
export function writeServiceWorker(outDir: string, root: string): Precache {
  const precache = precacheOf(outDir);
  const built = buildSync({
    entryPoints: [join(root, 'src/offline/serviceWorker.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    define: { __PRECACHE__: JSON.stringify(precache) },
  });
  writeFileSync(join(outDir, SERVICE_WORKER_FILE), built.outputFiles[0].text);
  return precache;
}

/** The Vite plugin: a service worker for every production build. */
export function offlineServiceWorker(): Plugin {
  let outDir = 'dist';
  let root = process.cwd();
  return {
    name: 'offline-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
      root = config.root;
    },
    closeBundle() {
      const { version, files } = writeServiceWorker(outDir, root);
      this.info?.(`service worker: ${files.length} files precached, version ${version}`);
    },
  };
}
