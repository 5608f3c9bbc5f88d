import { expect, test } from '@playwright/test';
import { trackErrors } from './helpers';

test('the gallery lists every method, a picture and the paper claims of each ready one, and loads no demo code', async ({ page }) => {
  const errors = trackErrors(page);
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('WebGPU ML Playground');
  // the counts come from the demo folders (src/registry.ts), as the page gets them
  const described = await page.evaluate(() => window.playground.describe());
  const ready = described.filter((d) => d.status === 'ready');
  const waiting = described.filter((d) => d.status === 'in-preparation');
  expect(ready.map((d) => d.slug)).toEqual(await page.evaluate(() => window.playground.list()));
  await expect(page.locator('[data-testid^="method-"]')).toHaveCount(described.length);
  await expect(page.locator('[data-status="ready"]')).toHaveCount(ready.length);
  await expect(page.locator('[data-status="in-preparation"]')).toHaveCount(waiting.length);
  for (const { slug } of ready) {
    const card = page.getByTestId(`method-${slug}`);
    await expect(card.getByTestId(`headline-${slug}`).locator('svg polyline').first()).toBeVisible();
    const claims = card.getByTestId(`paper-claims-${slug}`);
    await expect(claims).toContainText(/Paper claims: \d+ of \d+ pass/);
    expect(Number(await claims.getAttribute('data-total'))).toBeGreaterThan(0);
  }
  for (const { slug } of waiting) {
    await expect(page.getByTestId(`method-${slug}`)).toContainText('In preparation');
    await expect(page.getByTestId(`method-${slug}`).getByRole('link')).toHaveCount(0);
  }
  const demoCode = new RegExp([...described.map((d) => d.slug), 'tfjs', 'dist-'].join('|'));
  expect(scripts.filter((u) => demoCode.test(new URL(u).pathname))).toEqual([]);

  await page.getByTestId(`method-${ready[0].slug}`).getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`#/${ready[0].slug}`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ready[0].title);
  expect(errors).toEqual([]);
});

test('an unknown demo, or one in preparation, says so instead of showing a blank page', async ({ page }) => {
  await page.goto('/#/no-such-demo');
  await expect(page.getByRole('alert')).toContainText('No demo is called "no-such-demo"');
  // and a demo in preparation says so (while there is one)
  const waiting = (await page.evaluate(() => window.playground.describe())).find((d) => d.status === 'in-preparation');
  if (waiting) {
    await page.goto(`/#/${waiting.slug}`);
    await expect(page.getByRole('alert')).toContainText('in preparation');
  }
});
