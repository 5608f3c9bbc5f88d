import { expect, test } from '@playwright/test';
import { emulateLogicalCores, runDemo, trackErrors } from './helpers';
import { tfjsWasmThreads } from '../src/gpu/wasmThreads';

// Cross-origin isolation (src/lib/isolation.ts): the preview server sends COOP and COEP, so tfjs'
// wasm backend shares memory between threads, in the page and in the Web Worker a demo's CPU run
// goes to. (A static host without the headers: e2e/offline.spec.ts.)
test('the page is cross-origin isolated, and tfjs’ wasm runs threaded in the page and in a demo’s worker', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = trackErrors(page);
  // tfjs takes half the logical cores: a machine that reports 4 gets 2 threads, whatever this one has
  await emulateLogicalCores(page, 4);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('/');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => window.playground.cpuThreads())).toEqual({ threads: tfjsWasmThreads(4), isolated: true });

  // DNDM's CPU run goes to its worker (a software adapter's network runs on the CPU); inside it,
  // tfjs starts its threads' workers from blob: URLs (the page's own were started above)
  const before = workers.length;
  const results = await runDemo<{ claims: { passed: boolean }[] }>(page, 'dndm', { sweep: 'off', steps: 10, seeds: 1, samples: 1, thread: 'worker' });
  expect(results.claims.length).toBeGreaterThan(0);
  const started = workers.slice(before);
  const demoWorker = started.findIndex((url) => !url.startsWith('blob:'));
  expect(demoWorker, started.join('\n')).toBeGreaterThanOrEqual(0);
  expect(started.slice(demoWorker + 1).filter((url) => url.startsWith('blob:')).length, started.join('\n')).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});
