import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { trackErrors } from './helpers';

/**
 * axe-core's serious and critical findings on the page as it is now, one line each. The charts'
 * SVG internals are left out (thousands of nodes, minutes of axe's time): each chart has its table
 * alternative and an accessible name, which are checked.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).exclude('.recharts-surface').analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${v.help}`));
}

test('axe-core finds no serious or critical violation on the gallery and on every demo’s first screen', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = trackErrors(page);
  await page.goto('/');
  await expect(page.locator('[data-status="ready"]').first()).toBeVisible();
  const found: string[] = (await seriousViolations(page)).map((v) => `gallery · ${v}`);
  const slugs = await page.evaluate(() => window.playground.list());
  for (const slug of slugs) {
    await page.goto(`/#/${slug}`);
    await expect(page.locator('[data-testid^="claim-"]').first()).toBeVisible();
    await page.getByTestId('cancel').click({ timeout: 1_000 }).catch(() => undefined);
    await expect(page.locator('.figure[aria-busy="true"]')).toHaveCount(0);
    found.push(...(await seriousViolations(page)).map((v) => `${slug} · ${v}`));
  }
  expect(found).toEqual([]);
  expect(errors).toEqual([]);
});
