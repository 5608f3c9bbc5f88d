import { expect, test } from '@playwright/test';
import { trackErrors } from './helpers';

test('the sparse-PCA tutorial plays end to end and every step’s check holds', async ({ page }) => {
  test.setTimeout(600_000);
  const errors = trackErrors(page);
  await page.goto('/#/sparse-pca?monteCarlo=off');
  await page.getByTestId('tutorial-start').click();
  const steps = 6;
  for (let i = 0; i < steps; i++) {
    const tutorial = page.getByTestId('tutorial');
    await expect(tutorial).toHaveAttribute('data-step', String(i));
    await expect(page.getByTestId('step-check')).toHaveAttribute('data-state', 'pass', { timeout: 170_000 });
    await expect(page).toHaveURL(new RegExp(`step=${i}`));
    if (i < steps - 1) await page.getByTestId('tutorial-next').click();
  }
  await expect(page.getByTestId('tutorial-next')).toBeDisabled();
  expect(errors).toEqual([]);
});

test('the DNDM tutorial plays end to end and every step’s check holds', async ({ page }) => {
  test.setTimeout(900_000);
  const errors = trackErrors(page);
  await page.goto('/#/dndm?sweep=off&steps=10&seeds=1');
  await page.getByTestId('tutorial-start').click();
  const steps = 6;
  for (let i = 0; i < steps; i++) {
    await expect(page.getByTestId('tutorial')).toHaveAttribute('data-step', String(i));
    await expect(page.getByTestId('step-check')).toHaveAttribute('data-state', 'pass', { timeout: 300_000 });
    await expect(page).toHaveURL(new RegExp(`step=${i}`));
    if (i < steps - 1) await page.getByTestId('tutorial-next').click();
  }
  await expect(page.getByTestId('tutorial-next')).toBeDisabled();
  expect(errors).toEqual([]);
});
