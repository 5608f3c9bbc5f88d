import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SPARSE_PCA_CLAIMS, runDemo, trackErrors, waitForRunDone } from './helpers';
import type { SparsePcaResults } from '../src/demos/sparse-pca/results';
import { parseScriptResults } from '../src/lib/scriptResults';
import { findPython } from '../scripts/python';

test.describe('sparse PCA on WebGPU (software adapter here)', () => {
  test('window.playground.run returns the results object and its claims pass', async ({ page }) => {
    const errors = trackErrors(page);
    await page.goto('/');
    expect(await page.evaluate(() => window.playground.list())).toContain('sparse-pca');
    // the seeded default run, asserted once in the suite (the page's first screens show the precomputed one)
    const results = await runDemo<SparsePcaResults>(page, 'sparse-pca');
    expect(results.slug).toBe('sparse-pca');
    expect(results.params).toMatchObject({ seed: 1, p: 50, s: 5, k: 1, n: 1000, omega: 2, cLambda: 2, mcpB: 1.2, replicates: 20 });
    expect(results.backend.path).toBe('webgpu-software');
    expect(results.backend.software).toBe(true);
    for (const id of SPARSE_PCA_CLAIMS) {
      const claim = results.claims.find((c) => c.id === id)!;
      expect(claim.passed, `${id}: ${claim.value} vs ${claim.threshold}`).toBe(true);
    }
    expect(results.series.errorVsN?.length).toBeGreaterThan(5);
    expect(typeof results.timing.totalMs).toBe('number');
    await expect(runDemo<SparsePcaResults>(page, 'sparse-pca', { p: 'x' })).rejects.toThrow(/Dimension p \(p\)/);
    expect(errors).toEqual([]);
  });

  test('the page shows the backend, computes the claims, and exports the same results object', async ({ page }) => {
    const errors = trackErrors(page);
    // small sizes: this test wires the page, export and charts (the default run is asserted above)
    const small = { p: 16, s: 4, replicates: 3, sweepSeeds: 2, monteCarlo: 'cpu' };
    await page.goto(`/#/sparse-pca?${new URLSearchParams(Object.entries(small).map(([k, v]) => [k, String(v)]))}`);
    await expect(page.getByTestId('backend-banner')).toHaveAttribute('data-path', 'webgpu-software');
    await expect(page.getByTestId('backend-banner')).toContainText('software adapter');
    await waitForRunDone(page);
    for (const id of SPARSE_PCA_CLAIMS) await expect(page.getByTestId(`claim-${id}`)).toHaveAttribute('data-passed', /true|false/);
    await expect(page.getByTestId('chart-error-vs-n')).toBeVisible();
    await expect(page.getByTestId('chart-support-vs-lambda')).toBeVisible();
    await expect(page.locator('.heatmap canvas')).toHaveCount(8);
    // every parameter and the seed are in the URL, in schema order
    expect(page.url()).toMatch(/seed=1&p=16&s=4&k=1&n=1000&omega=2&cLambda=2&mcpB=1\.2&scadA=3\.7&replicates=3&sweepSeeds=2&monteCarlo=cpu/);

    const download = page.waitForEvent('download');
    await page.getByTestId('export-json').click();
    const saved = JSON.parse(await readFile(await (await download).path(), 'utf8')) as SparsePcaResults;
    expect(saved.slug).toBe('sparse-pca');
    const api = await runDemo<SparsePcaResults>(page, 'sparse-pca', small);
    expect(saved.params).toEqual(api.params);
    expect(saved.metrics).toEqual(api.metrics);
    expect(saved.claims).toEqual(api.claims);

    // Export as a script: the program the page hands over computes the page's numbers at these settings too
    const scriptDownload = page.waitForEvent('download');
    await page.getByTestId('export-script').click();
    const exported = await scriptDownload;
    expect(exported.suggestedFilename()).toBe('sparse-pca.py');
    const program = await readFile(await exported.path(), 'utf8');
    expect(program).toContain('\nP = 16  #');
    expect(program).toMatch(/# The page's configuration: http\S*#\/sparse-pca\?seed=1&p=16/);
    const python = findPython();
    expect(python, 'a python3 with NumPy').not.toBeNull();
    const path = join(mkdtempSync(join(tmpdir(), 'script-')), 'sparse-pca.py');
    writeFileSync(path, program);
    const printed = parseScriptResults(execFileSync(python!, [path], { encoding: 'utf8' }));
    for (const id of ['mcp-equals-oracle', 'fps-biased', 'fps-never-oracle']) {
      const page = api.claims.find((c) => c.id === id)!.value;
      expect(Math.abs(printed[id] - page), `${id}: script ${printed[id]}, page ${page}`).toBeLessThanOrEqual(1e-9 * Math.abs(page));
    }

    // a chart's table alternative and CSV export
    await page.getByTestId('chart-error-vs-n').getByRole('button', { name: 'Show as table' }).click();
    await expect(page.getByTestId('chart-error-vs-n').locator('table tbody tr')).toHaveCount(7);
    const csv = page.waitForEvent('download');
    await page.getByTestId('chart-error-vs-n').getByRole('button', { name: 'CSV' }).click();
    expect((await readFile(await (await csv).path(), 'utf8')).split('\n')[0]).toMatch(/^n,bLambda,oracleMean/);
    expect(errors).toEqual([]);
  });

  test('the WGSL kernels run the Monte-Carlo sweeps and agree with the f64 path', async ({ page }) => {
    const errors = trackErrors(page);
    // tiny problems: the kernel tests (gpuAdmm.browser.test.ts) prove the kernels; this wires them into the demo
    await page.goto('/#/sparse-pca?p=8&s=3&n=800&replicates=1&sweepSeeds=1&monteCarlo=gpu');
    await waitForRunDone(page);
    await expect(page.getByTestId('claim-gpu-matches-cpu')).toHaveAttribute('data-passed', 'true');
    await expect(page.locator('.notes')).toContainText('WGSL kernels');
    // every GPU buffer of the run was destroyed, also after another run
    expect(await page.evaluate(() => window.playground.debug.liveGpuBuffers())).toBe(0);
    const again = await runDemo<SparsePcaResults>(page, 'sparse-pca', { p: 8, s: 3, n: 800, replicates: 1, sweepSeeds: 1, monteCarlo: 'gpu' });
    expect(again.claims.find((c) => c.id === 'gpu-matches-cpu')?.passed).toBe(true);
    expect(await page.evaluate(() => window.playground.debug.liveGpuBuffers())).toBe(0);
    expect(errors).toEqual([]);
  });

  test('controls are labelled inputs; Cancel stops a long run', async ({ page }) => {
    await page.goto('/#/sparse-pca?monteCarlo=off&replicates=1');
    await waitForRunDone(page);
    await page.getByLabel('Samples n').fill('400');
    await page.getByLabel('Seeds (claim check)').fill('30');
    await page.getByLabel('Dimension p').fill('120');
    await page.getByLabel('Dimension p').press('Tab');
    await expect(page).toHaveURL(/p=120/);
    await page.getByTestId('run').click();
    await expect(page.getByTestId('cancel')).toBeEnabled();
    await page.getByTestId('cancel').click();
    await expect(page.getByTestId('progress-label')).toHaveText('Cancelled.');
    await expect(page.getByTestId('run')).toBeEnabled();
  });

  // losing the GPU device mid-run: e2e/hardening.spec.ts, for every demo

  test('presenter mode enlarges the page and hides advanced controls', async ({ page }) => {
    await page.goto('/#/sparse-pca?monteCarlo=off&replicates=2&seed=7&present=1');
    await expect(page.locator('body')).toHaveClass(/present/);
    await expect(page.getByLabel('MCP b')).toHaveCount(0);
    await expect(page.getByLabel('Samples n')).toBeVisible();
    // the seed is pinned and shown, not a field to change by accident mid-talk
    await expect(page.getByTestId('seed-pin')).toContainText('Seed 7');
    await expect(page.getByLabel('Seed', { exact: true })).toHaveCount(0);
    await page.getByRole('button', { name: 'Leave presenter mode' }).click();
    await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('7');
    await expect(page.getByTestId('seed-pin')).toHaveCount(0);
  });
});
