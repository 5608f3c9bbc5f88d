// The code version of a demo's precomputed run: a hash of everything its run() depends on, so
// that a test can tell when public/precomputed/<slug>.json no longer shows what the code computes.
// It covers the demo's experiment.ts and every module it loads (transitively: the demo's own
// files, models/, gpu/, lib/ and the WGSL they load; not type-only imports, views or tutorial texts),
// the files under public/ its code names (weights, judge data), and the installed versions of the
// app's runtime packages (tfjs computes the numbers too).

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { resolveSpecifier, specifiersOf } from './importRules';

/** Strings such as `weights/dndm-kjv/` or `data/dndm-judge/judge.json` in the code: files served from public/. */
const PUBLIC_ASSET = /['"`/](weights|data)\/[\w./-]+/g;

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/** The modules experiment.ts depends on, repo-relative, sorted. */
export function runClosure(root: string, slug: string): string[] {
  const start = `src/demos/${slug}/experiment.ts`;
  if (!existsSync(join(root, start))) throw new Error(`${start} is missing: a demo's run() lives in its experiment.ts`);
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.tsx?$/.test(file)) continue;
    for (const specifier of specifiersOf(readFileSync(join(root, file), 'utf8'), file.endsWith('.tsx'), true)) {
      if (!specifier.startsWith('.')) continue;
      const target = resolveSpecifier(root, join(root, file), specifier);
      // views draw what the run computed; they do not change it
      if (!target.endsWith('.tsx') && existsSync(join(root, target))) queue.push(target);
    }
  }
  return [...seen].sort();
}

function publicAssets(root: string, modules: readonly string[]): string[] {
  const assets = new Set<string>();
  for (const file of modules) {
    for (const match of readFileSync(join(root, file), 'utf8').matchAll(PUBLIC_ASSET)) {
      const path = join('public', match[0].slice(1));
      if (existsSync(join(root, path))) for (const f of filesUnder(join(root, path))) assets.add(f.slice(root.length + 1));
    }
  }
  return [...assets].sort();
}

function runtimePackages(root: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
  return Object.keys(manifest.dependencies)
    .sort()
    .map((name) => `${name}@${lock.packages[`node_modules/${name}`]?.version ?? 'missing'}`);
}

export interface CodeVersion {
  hash: string;
  modules: string[];
  assets: string[];
  packages: string[];
}

export function codeVersion(root: string, slug: string): CodeVersion {
  const modules = runClosure(root, slug);
  const assets = publicAssets(root, modules);
  const packages = runtimePackages(root);
  const hash = createHash('sha256');
  for (const file of [...modules, ...assets]) hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  hash.update(packages.join('\n'));
  return { hash: hash.digest('hex').slice(0, 16), modules, assets, packages };
}
