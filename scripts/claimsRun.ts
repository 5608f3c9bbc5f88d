// The loop `npm run claims` runs (and its small version in e2e/cpu-path.spec.ts): each demo at each of
// its settings and each seed root, with window.playground.run in an open page of the app.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright';
import type { NearbySetting } from '../src/lib/params';
import type { DemoResults } from '../src/lib/results';
import type { ClaimRun } from './claimsTable';

export type Setting = NearbySetting<Record<string, unknown>>;

/** The defaults, then the two nearby settings the demo's params.ts names. */
export async function claimSettings(root: string, slug: string): Promise<Setting[]> {
  const module = (await import(pathToFileURL(join(root, 'src/demos', slug, 'params.ts')).href)) as { nearbySettings?: Setting[] };
  if (!module.nearbySettings || module.nearbySettings.length !== 2) throw new Error(`src/demos/${slug}/params.ts must export two nearbySettings`);
  return [{ label: 'defaults', params: {} }, ...module.nearbySettings];
}

/** Runs one demo at the given settings and seed roots, in order; `onRun` hears of each as it ends. */
export async function runClaims(page: Page, slug: string, settings: readonly Setting[], seeds: readonly number[], onRun?: (run: ClaimRun, seconds: number) => void): Promise<ClaimRun[]> {
  const runs: ClaimRun[] = [];
  for (const setting of settings) {
    for (const seed of seeds) {
      const started = Date.now();
      const results = (await page.evaluate(([s, p]) => window.playground.run(s, p), [slug, { ...setting.params, seed }] as const)) as DemoResults;
      const run: ClaimRun = { slug, setting: setting.label, seed, claims: results.claims };
      runs.push(run);
      onRun?.(run, (Date.now() - started) / 1000);
    }
  }
  return runs;
}
