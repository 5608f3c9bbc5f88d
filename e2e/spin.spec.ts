import { expect, test } from '@playwright/test';
import { runDemo, trackErrors, waitForRunDone } from './helpers';
import type { SpinResults } from '../src/demos/spin/experiment';

const TABULAR_CLAIMS = ['tabular-ll-gain', 'tabular-discriminability-drop', 'tabular-kl-beta1', 'tabular-overshoot-beta01', 'tabular-loss-log2'];

test.describe('SPIN (software WebGPU adapter here)', () => {
  test('window.playground.run("spin", …) returns both tiers’ series and claims; the tabular checks pass', async ({ page }) => {
    // at the defaults the language model trains three replicates (≈ 3.3 min on the CPU path here when
    // idle; the precomputed first screen and `npm run claims` run that): here the same code on two
    // replicates of a small language-model budget, the tabular tier at its defaults
    test.setTimeout(600_000);
    const errors = trackErrors(page);
    await page.goto('/');
    const results = await runDemo<SpinResults>(page, 'spin', { lmSftPairs: 32, lmSftSteps: 10, lmSteps: 5, lmHeldOut: 16, lmReplicates: 2 });
    expect(results.slug).toBe('spin');
    expect(results.params).toMatchObject({ seed: 1, beta: 2, iterations: 3, mix: 'previous', lm: 'on' });
    for (const id of TABULAR_CLAIMS) {
      const claim = results.claims.find((c) => c.id === id);
      expect(claim, id).toBeDefined();
      expect(claim!.passed, `${id}: ${claim!.value} vs ${claim!.threshold} — ${claim!.statement}`).toBe(true);
    }
    // tabular tier: per iteration, the bars (3 iterations × 8 prompts × 12 responses), the β sweep
    expect(results.series.tabularIterations.map((r) => r.iteration)).toEqual([0, 1, 2, 3]);
    expect(results.series.tabularBars).toHaveLength(3 * 8 * 12);
    expect(Object.keys(results.series.betaSweep[0])).toEqual(expect.arrayContaining(['β = 0.1', 'β = 1', 'β = 2', 'β = 5', 'SFT continued']));
    // language-model tier: SFT, then 3 iterations of SPIN and SFT continued, and an honest report row
    const lm = results.series.lmIterations ?? [];
    expect(lm.map((r) => r.iteration)).toEqual([0, 1, 2, 3]);
    expect(results.series.lmSamples).toHaveLength(12);
    // the language-model claim is over the replicates (the chart shows the first): passed iff its interval is above 0
    const report = results.claims.find((c) => c.id === 'lm-spin-beats-sft')!;
    expect(report.kind).toBe('paper');
    expect(report.spread?.replicates).toBe(2);
    expect(report.passed).toBe(report.spread!.low > 0);
    expect(report.statement).toContain('SFT continued');
    // the tabular comparison with the paper's baseline is there, with its replicates, pass or fail
    expect(results.claims.find((c) => c.id === 'tabular-spin-beats-sft-continued')?.spread?.replicates).toBe(8);
    expect(results.claims.find((c) => c.id === 'lm-loss-log2')!.passed).toBe(true);
    // a software adapter only emulates the GPU: auto trained the language model on the CPU and says so
    expect(results.backend.path).toBe('webgpu-software');
    expect(results.timing.label).toMatch(/CPU \(tfjs (wasm|cpu)\): this WebGPU adapter is a software emulation/);
    expect(errors).toEqual([]);
  });

  test('on WebGPU the language model trains through the fused kernel, which matches the op chain, and frees its buffers', async ({ page }) => {
    test.setTimeout(300_000);
    const errors = trackErrors(page);
    // tiny sizes: the kernel tests prove the op (sequenceLogProbOp.browser.test.ts); this wires it into the tier
    await page.goto('/#/spin?network=webgpu&iterations=1&adamSteps=20&lmSftPairs=16&lmSftSteps=2&lmSteps=2&lmHeldOut=8&lmReplicates=1&lmWidth=16&lmLayers=1');
    await waitForRunDone(page, 240_000);
    await expect(page.getByTestId('claim-fused-logprob-matches-chain')).toHaveAttribute('data-passed', 'true');
    await expect(page.getByTestId('claim-lm-loss-log2')).toHaveAttribute('data-passed', 'true');
    await expect(page.getByTestId('claim-lm-spin-beats-sft')).toBeVisible();
    await expect(page.locator('.notes')).toContainText('fused WGSL kernel');
    await expect(page.locator('.notes')).toContainText('software adapter');
    await expect(page.getByTestId('chart-lm-exact-match')).toBeVisible();
    expect(await page.evaluate(() => window.playground.debug.liveGpuBuffers())).toBe(0);
    expect(errors).toEqual([]);
  });

  test('the β slider works by keyboard on a log scale, the bars follow the chosen prompt, and Cancel stops the language model', async ({ page }) => {
    test.setTimeout(240_000);
    const errors = trackErrors(page);
    await page.goto('/#/spin?lm=off');
    await waitForRunDone(page);
    const slider = page.getByRole('slider', { name: 'β (shown run), log scale' });
    await slider.focus();
    await page.keyboard.press('Home');
    await expect(page.getByLabel('β (shown run)', { exact: true })).toHaveValue('0.05');
    await page.keyboard.press('End');
    await expect(page.getByLabel('β (shown run)', { exact: true })).toHaveValue('5');
    await expect(page).toHaveURL(/beta=5/);
    await page.getByTestId('run').click();
    await waitForRunDone(page);
    await expect(page.getByTestId('chart-tabular-bars')).toContainText('β = 5');
    const bars = page.getByTestId('chart-tabular-bars').locator('.recharts-bar-rectangles').first();
    const before = await bars.innerHTML();
    await page.getByTestId('bars-prompt').selectOption('3');
    await expect.poll(() => bars.innerHTML()).not.toBe(before);

    await page.getByLabel('Language-model tier').check();
    await page.getByTestId('run').click();
    await expect(page.getByTestId('progress-label')).toContainText('Language model', { timeout: 60_000 });
    await page.getByTestId('cancel').click();
    await expect(page.getByTestId('progress-label')).toHaveText('Cancelled.');
    const results = await runDemo<SpinResults>(page, 'spin', { lm: 'off', iterations: 2 });
    // every tabular row holds but the paper's own comparison with SFT continued, which fails (docs/claims.md)
    const failed = results.claims.filter((c) => !c.passed).map((c) => c.id);
    expect(failed).toEqual(['tabular-spin-beats-sft-continued']);
    expect(errors).toEqual([]);
  });
});
