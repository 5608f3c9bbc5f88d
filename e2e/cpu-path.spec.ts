import { expect, test } from '@playwright/test';
import { SPARSE_PCA_CLAIMS, runDemo, trackErrors, waitForRunDone } from './helpers';
import { claimSettings, runClaims } from '../scripts/claimsRun';
import { claimTable, formatClaimTable } from '../scripts/claimsTable';
import { tfjsWasmThreads } from '../src/gpu/wasmThreads';
import type { DndmResults } from '../src/demos/dndm/experiment';
import type { SparsePcaResults } from '../src/demos/sparse-pca/results';
import type { SpinResults } from '../src/demos/spin/experiment';

// Runs in Chromium *without* --enable-unsafe-webgpu: navigator.gpu exists, requestAdapter() gives null.
test.describe('without WebGPU', () => {
  test('the banner says CPU, plainly, and the demo still passes its claims', async ({ page }) => {
    const errors = trackErrors(page);
    await page.goto('/#/sparse-pca?p=16&s=4&replicates=3&sweepSeeds=2&monteCarlo=cpu');
    const banner = page.getByTestId('backend-banner');
    await expect(banner).toHaveAttribute('data-path', 'cpu');
    await expect(banner).toContainText('Running on the CPU');
    await expect(banner).toContainText('How to enable WebGPU');
    // the preview server's headers make the page cross-origin isolated: wasm on tfjs' thread count
    const threads = tfjsWasmThreads(await page.evaluate(() => navigator.hardwareConcurrency));
    await expect(banner).toContainText(`tfjs backend: wasm, on ${threads} thread${threads > 1 ? 's' : ''}: tfjs takes half the logical cores`);
    await waitForRunDone(page);
    for (const id of SPARSE_PCA_CLAIMS) await expect(page.getByTestId(`claim-${id}`)).toBeVisible();
    await expect(page.getByTestId('chart-error-vs-n')).toBeVisible();
    const results = await runDemo<SparsePcaResults>(page, 'sparse-pca', { monteCarlo: 'off' });
    expect(results.backend.path).toBe('cpu');
    expect(['wasm', 'cpu']).toContain(results.backend.tfBackend);
    expect(results.claims.every((c) => c.passed)).toBe(true);
    expect(errors).toEqual([]);
  });

  test('asking for the GPU path explains why it cannot run', async ({ page }) => {
    await page.goto('/#/sparse-pca?monteCarlo=gpu&replicates=1');
    await expect(page.getByTestId('run-error')).toContainText('no WebGPU adapter');
  });
});

test.describe('DNDM without WebGPU', () => {
  test('runs on the CPU path, says so, and explains why the WebGPU network cannot run', async ({ page }) => {
    test.setTimeout(240_000);
    const errors = trackErrors(page);
    await page.goto('/#/dndm?sweep=off&steps=20&seeds=2');
    await expect(page.getByTestId('backend-banner')).toHaveAttribute('data-path', 'cpu');
    await waitForRunDone(page);
    await expect(page.getByTestId('claim-nfe-matches-formula')).toHaveAttribute('data-passed', 'true');
    await expect(page.getByTestId('denoising')).toBeVisible();
    const results = await runDemo<DndmResults>(page, 'dndm', { sweep: 'off', steps: 20, seeds: 1 });
    expect(results.backend.path).toBe('cpu');
    expect(results.timing.label).toMatch(/^CPU path \(tfjs (wasm|cpu)\)$/);
    await expect(runDemo<DndmResults>(page, 'dndm', { network: 'webgpu' })).rejects.toThrow(/no WebGPU adapter/);
    expect(errors).toEqual([]);
  });
});

test.describe('SPIN without WebGPU', () => {
  test('both tiers run on the CPU path and say so; the WebGPU network is refused with the reason', async ({ page }) => {
    test.setTimeout(240_000);
    const errors = trackErrors(page);
    await page.goto('/#/spin?iterations=2&lmSftPairs=16&lmSftSteps=2&lmSteps=2&lmHeldOut=16');
    await expect(page.getByTestId('backend-banner')).toHaveAttribute('data-path', 'cpu');
    await waitForRunDone(page);
    for (const id of ['tabular-ll-gain', 'tabular-discriminability-drop', 'tabular-kl-beta1', 'tabular-overshoot-beta01', 'lm-loss-log2']) {
      await expect(page.getByTestId(`claim-${id}`)).toHaveAttribute('data-passed', 'true');
    }
    await expect(page.locator('.notes')).toContainText('tfjs op chain');
    await expect(page.getByTestId('chart-lm-log-likelihood')).toBeVisible();
    await expect(runDemo<SpinResults>(page, 'spin', { network: 'webgpu' })).rejects.toThrow(/no WebGPU adapter/);
    expect(errors).toEqual([]);
  });
});

test.describe('SPIN-Diffusion without WebGPU', () => {
  test('trains on the CPU path and says so; the WebGPU network is refused with the reason', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = trackErrors(page);
    await page.goto('/#/spin-diffusion?budget=quick&replicates=1');
    await expect(page.getByTestId('backend-banner')).toHaveAttribute('data-path', 'cpu');
    await waitForRunDone(page);
    await expect(page.getByTestId('claim-log2-at-opponent')).toHaveAttribute('data-passed', 'true');
    await expect(page.locator('.notes')).toContainText('Quick-look');
    await expect(page.getByTestId('chart-precision')).toBeVisible();
    await expect(runDemo(page, 'spin-diffusion', { network: 'webgpu', budget: 'quick', replicates: 1 })).rejects.toThrow(/no WebGPU adapter/);
    expect(errors).toEqual([]);
  });
});

test.describe('MARINE without WebGPU', () => {
  test('runs both tiers on the CPU path and says so; the WebGPU network is refused with the reason', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = trackErrors(page);
    await page.goto('/#/marine?replicates=2&scenes=100&trainedScenes=50&detectorMap=off');
    await expect(page.getByTestId('backend-banner')).toHaveAttribute('data-path', 'cpu');
    await waitForRunDone(page);
    await expect(page.getByTestId('claim-chair-fixture')).toHaveAttribute('data-passed', 'true');
    await expect(page.getByTestId('claim-trained-detector-learned')).toHaveAttribute('data-passed', 'true');
    await expect(page.getByTestId('chart-marine-trained-sweep')).toBeVisible();
    await expect(runDemo(page, 'marine', { network: 'webgpu', replicates: 2, scenes: 100 })).rejects.toThrow(/no WebGPU adapter/);
    expect(errors).toEqual([]);
  });
});

test.describe('corruption-robust RL without WebGPU', () => {
  test('runs the same exact computation on the CPU path and passes its claims', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = trackErrors(page);
    // pure TypeScript on Web Workers either way: the same numbers as the WebGPU page's (checked there at the defaults)
    await page.goto('/#/corruption-robust-rl?seeds=3');
    await expect(page.getByTestId('backend-banner')).toHaveAttribute('data-path', 'cpu');
    await waitForRunDone(page);
    for (const id of ['cr-omle-regret-bounded', 'omle-regret-linear', 'offline-cr-pmle-recovers']) await expect(page.getByTestId(`claim-${id}`)).toHaveAttribute('data-passed', 'true');
    expect(errors).toEqual([]);
  });
});

test.describe('linear-mixture SSP without WebGPU', () => {
  test('runs on the CPU path and passes its claims', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = trackErrors(page);
    await page.goto('/#/linear-mixture-ssp?sweep=off&scaleSweep=off');
    await expect(page.getByTestId('backend-banner')).toHaveAttribute('data-path', 'cpu');
    await waitForRunDone(page);
    for (const id of ['variance-aware-beats-hoeffding', 'regret-sublinear', 'optimal-cost-matches']) await expect(page.getByTestId(`claim-${id}`)).toHaveAttribute('data-passed', 'true');
    expect(errors).toEqual([]);
  });
});

// The small version of `npm run claims` (docs/DESIGN.md §8): the same loop and table, for the
// cheapest demo (corruption-robust RL: ≈ 8 s a run here) at two seed roots and all three of its
// settings.
test.describe('npm run claims, small', () => {
  test('runs corruption-robust RL at seed roots 1–2, defaults and both nearby settings, into one table', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = trackErrors(page);
    await page.goto('/');
    const settings = await claimSettings(process.cwd(), 'corruption-robust-rl');
    const runs = await runClaims([page], 'corruption-robust-rl', settings, [1, 2]);
    const rows = claimTable(runs);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].kind).toBe('paper');
    for (const row of rows) {
      expect(row.cells.map((c) => [c.setting, c.runs])).toEqual(settings.map((s) => [s.label, 2]));
      expect(Number.isFinite(row.cells[0].valueMean)).toBe(true);
    }
    for (const claim of runs.flatMap((r) => r.claims).filter((c) => c.kind === 'paper')) {
      expect(claim.spread, `${claim.id} carries its spread over replicates`).toBeDefined();
      expect(claim.spread!.replicates).toBeGreaterThanOrEqual(5);
      expect(claim.spread!.low).toBeLessThanOrEqual(claim.spread!.high);
    }
    expect(formatClaimTable(rows).split('\n')).toHaveLength(rows.length + 2);
    expect(errors).toEqual([]);
  });
});
