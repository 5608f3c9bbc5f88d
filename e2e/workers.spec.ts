import { expect, test } from '@playwright/test';
import { runDemo, trackErrors } from './helpers';

// Runs whose heavy work is on the CPU (f64 TypeScript, tfjs on wasm) go to a Web Worker, so that the
// page's thread only draws (docs/DESIGN.md §7); the numbers must be the ones the page's own thread
// computes. Small sizes: each demo's default run is asserted in its own spec.
const CASES: { slug: string; params: Record<string, unknown> }[] = [
  { slug: 'sparse-pca', params: { p: 16, s: 4, replicates: 2, sweepSeeds: 2, monteCarlo: 'cpu' } },
  { slug: 'dndm', params: { sweep: 'off', steps: 10, seeds: 1, samples: 1 } },
  { slug: 'spin', params: { iterations: 1, adamSteps: 20, lmSftPairs: 16, lmSftSteps: 2, lmSteps: 2, lmHeldOut: 8 } },
];

/** A result without what depends on the clock (wall times, speed-ups, timing) and without the run's thread. */
function clockFree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clockFree);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !/Ms$|Ms(Mean|Min|Max)$|^ms$|speedup|timing|^thread$/i.test(key))
        .map(([key, v]) => [key, clockFree(v)]),
    );
  }
  return value;
}

test('CPU-side runs go to a Web Worker and give the numbers the page’s thread gives', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = trackErrors(page);
  const workers: string[] = [];
  // our workers, not the threads tfjs' wasm starts from blob: URLs (tests in e2e/isolation.spec.ts)
  page.on('worker', (w) => {
    if (!w.url().startsWith('blob:')) workers.push(w.url());
  });
  await page.goto('/');
  for (const { slug, params } of CASES) {
    const before = workers.length;
    const inWorker = await runDemo<{ claims: { id: string; passed: boolean }[] }>(page, slug, { ...params, thread: 'worker' });
    expect(workers.length, `${slug}: a worker ran it`).toBeGreaterThan(before);
    const inPage = await runDemo<{ claims: unknown[] }>(page, slug, { ...params, thread: 'main' });
    expect(workers.length, `${slug}: the page's thread ran it`).toBe(before + 1);
    expect(clockFree(inWorker), slug).toEqual(clockFree(inPage));
  }
  expect(errors).toEqual([]);
});
