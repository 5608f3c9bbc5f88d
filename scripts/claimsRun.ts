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

/**
 * Runs one demo at the given settings and seed roots, each root at every setting before the next
 * root; with several pages, as many runs at once (each page takes the next run when its last ends;
 * after a failure no page starts another). `onRun` hears of each as it ends; the result is in order
 * (settings, then seeds) whatever order the runs ended in. Runs in `done` (from an earlier,
 * interrupted run of the same code) are kept, not run again.
 */
export async function runClaims(pages: readonly Page[], slug: string, settings: readonly Setting[], seeds: readonly number[], onRun?: (run: ClaimRun, seconds: number) => void, done: readonly ClaimRun[] = []): Promise<ClaimRun[]> {
  if (pages.length === 0) throw new Error('runClaims needs at least one page');
  const earlier = (label: string, seed: number) => done.find((r) => r.slug === slug && r.setting === label && r.seed === seed);
  const all = settings.flatMap((setting) => seeds.map((seed) => ({ setting, seed })));
  const runs: (ClaimRun | undefined)[] = all.map(({ setting, seed }) => earlier(setting.label, seed));
  // seed root by seed root, every setting at each: a run stopped part-way has seen all settings
  const queue = all
    .map((item, index) => ({ ...item, index }))
    .filter(({ index }) => runs[index] === undefined)
    .sort((a, b) => seeds.indexOf(a.seed) - seeds.indexOf(b.seed) || a.index - b.index);
  let next = 0;
  let failed = false;
  const worker = async (page: Page): Promise<void> => {
    while (!failed && next < queue.length) {
      const { setting, seed, index } = queue[next++];
      const started = Date.now();
      let run: ClaimRun;
      try {
        const results = (await page.evaluate(([s, p]) => window.playground.run(s, p), [slug, { ...setting.params, seed }] as const)) as DemoResults;
        run = { slug, setting: setting.label, seed, claims: results.claims };
      } catch (error) {
        failed = true;
        throw new Error(`${slug} · ${setting.label} · seed ${seed}: ${error instanceof Error ? error.message : String(error)}`);
      }
      runs[index] = run;
      onRun?.(run, (Date.now() - started) / 1000);
    }
  };
  await Promise.all(pages.map(worker));
  return runs as ClaimRun[];
}
