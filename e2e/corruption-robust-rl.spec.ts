import { expect, test } from '@playwright/test';
import { runDemo, trackErrors, waitForRunDone } from './helpers';
import type { CorruptionRobustResults } from '../src/demos/corruption-robust-rl/experiment';

const CLAIMS = [
  'cr-omle-regret-bounded',
  'omle-regret-linear',
  'wrong-budget-graceful',
  'wrong-budget-narrow',
  'weights-cap-corruption',
  'no-corruption-no-cost',
  'known-c-ties',
  'alpha-infinite-identity',
  'offline-pmle-breaks',
  'offline-cr-pmle-recovers',
  'offline-radius-cost',
  'offline-robustness-price',
];

test.describe('corruption-robust RL', () => {
  test('window.playground.run("corruption-robust-rl", {}) returns online and offline series, and every claim passes', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = trackErrors(page);
    await page.goto('/');
    const results = await runDemo<CorruptionRobustResults>(page, 'corruption-robust-rl');
    expect(results.params).toMatchObject({ seed: 1, thetaStar: 0.6, corruption: 80, badTheta: 0.1, episodes: 800, seeds: 10 });
    for (const id of CLAIMS) {
      const claim = results.claims.find((c) => c.id === id);
      expect(claim, id).toBeDefined();
      expect(claim!.passed, `${id}: ${claim!.value} vs ${claim!.threshold} — ${claim!.statement}`).toBe(true);
    }
    expect(results.series.regretVsC.map((r) => r.C)).toEqual([0, 20, 40, 80, 160]);
    expect(results.series.offlineGrid?.length).toBeGreaterThanOrEqual(18);
    expect(results.timing.label).toMatch(/seeds spread over \d+ Web Workers/);
    // the same jobs in the page's own thread give the same numbers
    const local = await runDemo<CorruptionRobustResults>(page, 'corruption-robust-rl', { parallel: 'main', offline: 'off' });
    expect(local.timing.label).toContain('one thread');
    expect(local.series.regretVsC).toEqual(results.series.regretVsC);
    expect(local.series.weightTrace).toEqual(results.series.weightTrace);
    expect(errors).toEqual([]);
  });

  test('the page shows the chain, the charts with tables, follows a changed budget, and Cancel stops a run', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = trackErrors(page);
    await page.goto('/#/corruption-robust-rl?offline=off&seeds=3');
    await waitForRunDone(page);
    await expect(page.getByRole('img', { name: /The chain: five states/ })).toBeVisible();
    await expect(page.getByTestId('chart-regret-vs-t')).toBeVisible();
    await expect(page.getByTestId('chart-weight-trace')).toBeVisible();
    await page.getByRole('spinbutton', { name: 'Corruption budget C' }).fill('40');
    await page.getByRole('spinbutton', { name: 'Corruption budget C' }).press('Enter');
    await expect(page).toHaveURL(/corruption=40/);
    await page.getByTestId('run').click();
    await waitForRunDone(page);
    await expect(page.getByTestId('chart-regret-vs-t')).toContainText('C = 40');
    await page.getByTestId('chart-regret-vs-c').getByRole('button', { name: 'Show as table' }).click();
    await expect(page.getByTestId('chart-regret-vs-c').locator('table')).toContainText('cr-omleMean');

    await page.getByLabel('Offline part (CR-PMLE)').check();
    await page.getByRole('spinbutton', { name: 'Seeds' }).fill('20');
    await page.getByRole('spinbutton', { name: 'Seeds' }).press('Tab');
    await page.getByTestId('run').click();
    await expect(page.getByTestId('progress-label')).toContainText('Offline', { timeout: 60_000 });
    await page.getByTestId('cancel').click();
    await expect(page.getByTestId('progress-label')).toHaveText('Cancelled.');
    expect(errors).toEqual([]);
  });
});
