import { expect, test } from '@playwright/test';
import { runDemo, trackErrors, waitForRunDone } from './helpers';
import type { SpinDiffusionResults } from '../src/demos/spin-diffusion/experiment';

// The defaults train 5 replicates to a plateau (minutes on the CPU path: the precomputed first
// screen and `npm run claims` run them); here the same code at the quick-look budget. Training on
// WebGPU is checked step for step against the CPU path in training.browser.test.ts (on the software
// adapter here a page-level run takes many minutes).
const QUICK = 'budget=quick&replicates=1';

test.describe('SPIN-Diffusion (software WebGPU adapter here)', () => {
  test('window.playground.run("spin-diffusion", …) returns every claim row, the series and the samples; the log-2 check passes', async ({ page }) => {
    test.setTimeout(300_000);
    const errors = trackErrors(page);
    await page.goto('/');
    const r = await runDemo<SpinDiffusionResults>(page, 'spin-diffusion', { budget: 'quick', replicates: 1 });
    expect(r.claims.map((c) => c.id)).toEqual(['precision-vs-continued', 'modes-and-spread', 'iterations-improve', 'log2-at-opponent', 'sft-plateau', 'underfit-continued-wins']);
    expect(r.claims.find((c) => c.id === 'log2-at-opponent')!.passed).toBe(true);
    expect(r.series.iterations).toHaveLength(3);
    expect(r.matrices['spin-2'].rows).toBe(900);
    // a software adapter only emulates the GPU: auto trained the network on the CPU and says so
    expect(r.backend.path).toBe('webgpu-software');
    expect(r.timing.label).toMatch(/CPU \(tfjs (wasm|cpu)\)/);
    expect(r.notes[0]).toMatch(/Quick-look/);
    expect(errors).toEqual([]);
  });

  test('drawing a stroke commits the shape to the link; a stroke off the canvas and a broken link are named', async ({ page }) => {
    test.setTimeout(120_000);
    const errors = trackErrors(page);
    await page.goto('/#/spin-diffusion?drawing=AB');
    await expect(page.getByTestId('param-issues').locator('[data-field="drawing"]')).toContainText('Drawn shape (drawing) stroke 1 has 1 point');
    await page.goto(`/#/spin-diffusion?${QUICK}`);
    await waitForRunDone(page, 100_000);
    await expect(page.getByTestId('drawing-canvas')).toBeVisible();
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(page.getByTestId('drawing-message')).toContainText('empty');
    const box = (await page.getByTestId('drawing-canvas').boundingBox())!;
    // a line across the middle of the box: committed, the link follows
    await page.mouse.move(box.x + 30, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 30 + i * 15, box.y + box.height / 2 - i * 5);
    await page.mouse.up();
    await expect(page.getByTestId('drawing-message')).toHaveCount(0);
    await expect(page).toHaveURL(/drawing=[A-Za-z0-9_-]{6,}/);
    const drawn = new URL(page.url().replace('#/', '')).searchParams.get('drawing');
    // a stroke that leaves the box is dropped with a message; the drawing stays as it was
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width + 40, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(page.getByTestId('drawing-message')).toContainText('left the canvas');
    expect(new URL(page.url().replace('#/', '')).searchParams.get('drawing')).toBe(drawn);
    expect(errors).toEqual([]);
  });
});
