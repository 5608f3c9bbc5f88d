import { expect, test, type Page } from '@playwright/test';
import { trackErrors } from './helpers';
import { tutorial } from '../src/demos/sparse-pca/tutorial';

// Presenter mode on a 1280×720 projector and a 390-px phone: each tutorial step shows its text and,
// large, the chart it talks about (its `focus`), readable without scrolling sideways. Screenshots of
// every step are attached to the report.

const SCREENS = [
  { name: 'a 1280×720 projector', width: 1280, height: 720 },
  { name: 'a 390-px phone', width: 390, height: 844 },
] as const;

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox();
  expect(b, `${selector} is on screen`).not.toBeNull();
  return b!;
}

for (const screen of SCREENS) {
  test(`presenter mode on ${screen.name}: every step shows its text and its chart, large`, async ({ page }, testInfo) => {
    const errors = trackErrors(page);
    await page.setViewportSize({ width: screen.width, height: screen.height });
    await page.goto('/#/sparse-pca?present=1&step=0');
    expect(parseFloat(await page.locator('body').evaluate((b) => getComputedStyle(b).fontSize))).toBeGreaterThanOrEqual(22);
    for (let i = 0; i < tutorial.length; i++) {
      const focus = tutorial[i].focus!;
      await expect(page.getByTestId('tutorial')).toHaveAttribute('data-step', String(i));
      const spotlight = page.locator(`[data-spotlight="${focus}"]`);
      await expect(spotlight, `step ${i + 1} shows ${focus}`).toBeVisible({ timeout: 20_000 });
      // charts draw one per task: wait for this one's drawing before measuring it
      await expect(spotlight.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 });
      const stage = await box(page, '[data-spotlight]');
      const step = await box(page, '[data-testid="tutorial"]');
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, 'nothing runs off the side of the screen').toBeLessThanOrEqual(screen.width);
      if (screen.width >= 900) {
        // the stage: the step in a column, the chart beside it in most of the screen, nothing hidden
        for (const b of [stage, step]) {
          expect(b.x).toBeGreaterThanOrEqual(0);
          expect(b.y).toBeGreaterThanOrEqual(0);
          expect(b.x + b.width).toBeLessThanOrEqual(screen.width);
          expect(b.y + b.height).toBeLessThanOrEqual(screen.height);
        }
        expect(overlap(stage, step), 'the step and the chart side by side').toBe(false);
        expect(stage.width).toBeGreaterThanOrEqual(0.6 * screen.width);
        expect(stage.height).toBeGreaterThanOrEqual(0.9 * screen.height);
      } else {
        // the phone: the step sticks to the top and the chart comes in under it, full width
        expect(stage.width).toBeGreaterThanOrEqual(0.85 * screen.width);
        expect(stage.y).toBeGreaterThanOrEqual(step.y + step.height - 1);
        expect(stage.y).toBeLessThan(screen.height);
      }
      const plot = spotlight.locator('.recharts-wrapper > svg.recharts-surface').first();
      if ((await plot.count()) > 0) expect((await plot.boundingBox())!.height, 'a chart drawn large').toBeGreaterThanOrEqual(screen.width >= 900 ? 400 : 300);
      await testInfo.attach(`${screen.width}px step ${i + 1}`, { body: await page.screenshot(), contentType: 'image/png' });
      if (i < tutorial.length - 1) await page.keyboard.press('ArrowRight');
    }
    // leaving the tutorial ends the stage: the long page is back
    await page.getByRole('button', { name: 'Leave tutorial' }).click();
    await expect(page.locator('[data-spotlight]')).toHaveCount(0);
    await expect(page.locator('main.staged')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
}
