import { expect, test, type Page } from '@playwright/test';
import { emulateLogicalCores, stopRun, trackErrors } from './helpers';
import { hostCopyOf } from './staticHost';
import { tfjsWasmThreads } from '../src/gpu/wasmThreads';

test.use({ serviceWorkers: 'allow' });

/** Opens the gallery and waits until the service worker has cached everything and serves this page. */
async function visitAndCache(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('offline-state')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

// Offline: after one visit the whole app, every demo's code, networks, data and precomputed first
// screen, comes from the cache. Each demo is opened with the network off, shows its precomputed
// claims, and its run starts and makes progress (its code and weights load), then is stopped.
test('after one visit every demo opens and runs with the network off', async ({ page, context }) => {
  test.setTimeout(240_000);
  const errors = trackErrors(page);
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText})`));
  await visitAndCache(page);
  await context.setOffline(true);
  await page.reload();
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  const slugs = await page.evaluate(() => window.playground.list());
  expect(slugs.length).toBeGreaterThanOrEqual(10);
  // the gallery's pictures come from precomputed/gallery.json
  await expect(page.locator('[data-testid^="paper-claims-"]')).toHaveCount(slugs.length);
  for (const slug of slugs) {
    await test.step(slug, async () => {
      await page.evaluate((s) => {
        location.hash = `#/${s}`;
      }, slug);
      // its claims: the precomputed first screen, or the live run's where it is over in milliseconds
      await expect(page.locator('[data-testid^="claim-"]').first()).toBeVisible();
      expect(await page.evaluate((s) => caches.match(`precomputed/${s}.json`).then((r) => r?.ok === true), slug)).toBe(true);
      // the run the page started has got past loading: some progress, or already over
      await expect(async () => {
        const label = (await page.getByTestId('progress-label').textContent()) ?? '';
        expect(label === 'Done.' || /^([1-9]\d*)% — /.test(label)).toBe(true);
      }).toPass({ timeout: 60_000 });
      await expect(page.getByTestId('run-error')).toHaveCount(0);
      await stopRun(page);
    });
  }
  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
});

// A new deployment: the host's sw.js changes (a new version name), the browser installs it beside
// the running version, and the page offers to reload; the reload is served by the new version.
// The app is hosted here by the test (e2e/staticHost.ts), which can change its files as a deploy does.
test('a new version deployed: the page offers Reload, and the new version serves it', async ({ page }) => {
  const errors = trackErrors(page);
  const host = await hostCopyOf('dist');
  try {
    await visitAndCache(page, host.url);
    const first = await page.evaluate(async () => (await caches.keys()).join());
    host.edit('sw.js', (code) => code.replace(/version: "([0-9a-f]+)"/, 'version: "$1next"'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = page.getByTestId('update-prompt');
    await expect(prompt).toBeVisible({ timeout: 60_000 });
    await page.evaluate(() => Object.assign(window, { beforeUpdate: true }));
    await prompt.getByRole('button', { name: 'Reload to update' }).click();
    await expect(prompt).toHaveCount(0);
    await expect.poll(() => page.evaluate(() => 'beforeUpdate' in window)).toBe(false);
    // the old version's cache is gone, the new one's serves the page
    await expect.poll(() => page.evaluate(async () => (await caches.keys()).join()), { timeout: 30_000 }).toBe(`${first}next`);
    await expect(page.getByRole('heading', { name: 'WebGPU ML Playground' })).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    await host.close();
  }
});

// A static host that sends no isolation headers (most do not): the first visit is not cross-origin
// isolated, so tfjs' wasm runs on one thread and the page says why; from the next load on, the
// service worker serves every response with COOP and COEP (src/lib/isolation.ts), and wasm runs on
// tfjs' thread count (src/gpu/wasmThreads.ts).
test('on a static host without headers the service worker makes the page cross-origin isolated', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = trackErrors(page);
  // a machine of 4 logical cores, so that threads and no threads differ whatever this one has
  await emulateLogicalCores(page, 4);
  const host = await hostCopyOf('dist');
  try {
    await visitAndCache(page, host.url);
    expect(await page.evaluate(() => window.playground.cpuThreads())).toEqual({ threads: 1, isolated: false });
    await page.reload();
    expect(await page.evaluate(() => window.playground.cpuThreads())).toEqual({ threads: tfjsWasmThreads(4), isolated: true });
    // a demo's Web Worker under the worker's headers (an isolated page refuses a worker script without them)
    const run = await page.evaluate(() => window.playground.run('dndm', { sweep: 'off', steps: 10, seeds: 1, samples: 1, thread: 'worker' }).then((r) => r.claims.length));
    expect(run).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  } finally {
    await host.close();
  }
});
