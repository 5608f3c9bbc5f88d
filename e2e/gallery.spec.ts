import { expect, test } from '@playwright/test';
import { trackErrors } from './helpers';

test('the gallery lists the ten methods, five ready, five in preparation, and loads no demo code', async ({ page }) => {
  const errors = trackErrors(page);
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('WebGPU ML Playground');
  const methods = page.locator('[data-testid^="method-"]');
  await expect(methods).toHaveCount(10);
  await expect(page.locator('[data-status="ready"]')).toHaveCount(5);
  await expect(page.locator('[data-status="in-preparation"]')).toHaveCount(5);
  await expect(page.getByTestId('method-dplm')).toContainText('In preparation');
  await expect(page.getByTestId('method-dplm').getByRole('link')).toHaveCount(0);
  expect(scripts.some((u) => /sparse-pca|dndm|spin|corruption|linear-mixture|tfjs|dist-/.test(u))).toBe(false);

  await page.getByTestId('method-sparse-pca').getByRole('link').first().click();
  await expect(page).toHaveURL(/#\/sparse-pca/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Sparse PCA/);
  expect(errors).toEqual([]);
});

test('an unknown demo says so instead of showing a blank page', async ({ page }) => {
  await page.goto('/#/no-such-demo');
  await expect(page.getByRole('alert')).toContainText('No demo is called "no-such-demo"');
  await page.goto('/#/dplm');
  await expect(page.getByRole('alert')).toContainText('in preparation');
});
