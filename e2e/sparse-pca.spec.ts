import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { PAPER_CLAIMS, expectClaimsPass, runDemo, trackErrors, waitForRunDone } from './helpers';
import type { SparsePcaResults } from '../src/demos/sparse-pca/experiment';

test.describe('sparse PCA on WebGPU (software adapter here)', () => {
  test('window.playground.run returns the results object and its claims pass', async ({ page }) => {
    const errors = trackErrors(page);
    await page.goto('/');
    const slugs = await page.evaluate(() => window.playground.list());
    expect(slugs).toEqual(['sparse-pca', 'dndm', 'spin', 'corruption-robust-rl', 'linear-mixture-ssp']);
    const results = await runDemo<SparsePcaResults>(page, 'sparse-pca');
    expect(results.slug).toBe('sparse-pca');
    expect(results.params).toMatchObject({ seed: 1, p: 50, s: 5, k: 1, n: 1000, omega: 2, cLambda: 2, mcpB: 1.2, replicates: 10 });
    expect(results.backend.path).toBe('webgpu-software');
    expect(results.backend.software).toBe(true);
    for (const id of PAPER_CLAIMS) {
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
    await page.goto('/#/sparse-pca');
    await expect(page.getByTestId('backend-banner')).toHaveAttribute('data-path', 'webgpu-software');
    await expect(page.getByTestId('backend-banner')).toContainText('software adapter');
    await waitForRunDone(page);
    await expectClaimsPass(page, PAPER_CLAIMS);
    await expect(page.getByTestId('chart-error-vs-n')).toBeVisible();
    await expect(page.getByTestId('chart-support-vs-lambda')).toBeVisible();
    await expect(page.locator('.heatmap canvas')).toHaveCount(8);
    // every parameter and the seed are in the URL
    expect(page.url()).toMatch(/seed=1&p=50&s=5&k=1&n=1000&omega=2&cLambda=2&mcpB=1\.2&scadA=3\.7&replicates=10&sweepSeeds=5&monteCarlo=auto/);

    const download = page.waitForEvent('download');
    await page.getByTestId('export-json').click();
    const saved = JSON.parse(await readFile(await (await download).path(), 'utf8'));
    expect(saved.slug).toBe('sparse-pca');
    expect(saved.claims.filter((c: { passed: boolean }) => c.passed).length).toBeGreaterThanOrEqual(3);
    const api = await runDemo<SparsePcaResults>(page, 'sparse-pca');
    expect(saved.metrics.mcpMeanError).toBe(api.metrics.mcpMeanError);
    expect(saved.params).toEqual(api.params);

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
    await page.goto('/#/sparse-pca?p=16&s=4&n=800&replicates=2&sweepSeeds=2&monteCarlo=gpu');
    await waitForRunDone(page);
    await expect(page.getByTestId('claim-gpu-matches-cpu')).toHaveAttribute('data-passed', 'true');
    await expect(page.locator('.notes')).toContainText('WGSL kernels');
    // every GPU buffer of the run was destroyed, also over repeated runs
    expect(await page.evaluate(() => window.playground.debug.liveGpuBuffers())).toBe(0);
    for (let i = 0; i < 3; i++) await runDemo<SparsePcaResults>(page, 'sparse-pca', { p: 10, s: 3, n: 500, replicates: 1, sweepSeeds: 1, monteCarlo: 'gpu' });
    expect(await page.evaluate(() => window.playground.debug.liveGpuBuffers())).toBe(0);
    expect(errors).toEqual([]);
  });

  test('a malformed link names each bad field, falls back to defaults, and still runs', async ({ page }) => {
    await page.goto('/#/sparse-pca?p=abc&n=99999999&seed=-3&color=red&monteCarlo=off');
    const issues = page.getByTestId('param-issues');
    await expect(issues).toBeVisible();
    for (const field of ['p', 'n', 'seed', 'color']) await expect(issues.locator(`[data-field="${field}"]`)).toHaveCount(1);
    await expect(issues).toContainText('Dimension p (p) must be an integer');
    await expect(issues).toContainText('out of range');
    await waitForRunDone(page);
    await expectClaimsPass(page, PAPER_CLAIMS);
    await expect(page.locator('#param-p')).toHaveValue('50');
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

  test('losing the GPU device ends in a message and a working re-initialise', async ({ page }) => {
    await page.goto('/#/sparse-pca?monteCarlo=off&replicates=2');
    await waitForRunDone(page);
    expect(await page.evaluate(() => window.playground.debug.loseDevice())).toBe(true);
    await expect(page.getByTestId('backend-banner')).toHaveAttribute('data-path', 'lost');
    await page.getByRole('button', { name: 'Re-initialise' }).click();
    await expect(page.getByTestId('backend-banner')).toHaveAttribute('data-path', 'webgpu-software');
    await page.goto('/#/sparse-pca?p=12&s=3&n=600&replicates=1&sweepSeeds=1&monteCarlo=gpu');
    await waitForRunDone(page);
    await expect(page.getByTestId('claim-gpu-matches-cpu')).toHaveAttribute('data-passed', 'true');
  });

  test('presenter mode enlarges the page and hides advanced controls', async ({ page }) => {
    await page.goto('/#/sparse-pca?monteCarlo=off&replicates=2&present=1');
    await expect(page.locator('body')).toHaveClass(/present/);
    await expect(page.getByLabel('MCP b')).toHaveCount(0);
    await expect(page.getByLabel('Samples n')).toBeVisible();
  });
});
