import { expect, test } from '@playwright/test';
import { runDemo, trackErrors, waitForRunDone } from './helpers';
import type { AppoAdpoResults } from '../src/demos/appo-adpo/experiment';

// A small run: the defaults' full run is the precomputed one (scripts/precomputed.test.ts ties it to the code)
const SMALL = { replicates: 2, horizon: 300, pairs: 500, lm: 'off' };

test.describe('APPO / ADPO', () => {
  test('window.playground.run("appo-adpo", …) returns both tiers and every claim row; workers and the page’s thread agree', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = trackErrors(page);
    await page.goto('/');
    const results = await runDemo<AppoAdpoResults>(page, 'appo-adpo', SMALL);
    expect(results.params).toMatchObject({ seed: 1, dim: 8, arms: 10, threshold: 1, policyDim: 16, candidates: 6, ...SMALL });
    expect(results.claims.map((c) => [c.id, c.kind])).toEqual([
      ['appo-fewer-queries', 'paper'],
      ['appo-queries-logarithmic', 'paper'],
      ['adpo-fewer-queries', 'paper'],
      ['adpo-small-gamma-falls-behind', 'limit'],
      ['uniform-policy-half', 'sanity'],
      ['adpo-flag-rule', 'sanity'],
      ['appo-mle-converged', 'sanity'],
    ]);
    for (const id of ['adpo-flag-rule', 'appo-mle-converged', 'uniform-policy-half']) expect(results.claims.find((c) => c.id === id)?.passed, id).toBe(true);
    for (const c of results.claims.filter((c) => c.kind === 'paper')) expect(c.spread?.replicates, c.id).toBe(2);
    expect(results.series.appoTradeoff.map((r) => r.threshold)).toEqual(['always query', 'Γ = 0.5', 'Γ = 1', 'Γ = 2']);
    expect(results.series.gammaSweep?.map((r) => r.gamma)).toEqual([0.1, 0.25, 0.5, 1, 2]);
    expect(results.series.dpoTuning?.filter((r) => r.chosen)).toHaveLength(1);
    expect(results.timing.label).toMatch(/replicates spread over \d+ Web Workers/);
    const local = await runDemo<AppoAdpoResults>(page, 'appo-adpo', { ...SMALL, parallel: 'main' });
    expect(local.timing.label).toContain('one thread');
    expect(local.series).toEqual(results.series);
    expect(local.claims).toEqual(results.claims);
    expect(errors).toEqual([]);
  });

  test('the page draws both tiers, follows a changed Γ into the link, and Cancel stops a run', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = trackErrors(page);
    await page.goto('/#/appo-adpo?replicates=2&horizon=300&pairs=500&lm=off');
    await waitForRunDone(page);
    for (const chart of ['appo-regret', 'appo-queries', 'appo-tradeoff', 'adpo-win-vs-queries', 'adpo-margins', 'adpo-wrong-pseudo-labels', 'adpo-gamma-sweep']) await expect(page.getByTestId(`chart-${chart}`)).toBeVisible();
    await page.getByRole('spinbutton', { name: 'Bandit: query threshold Γ' }).fill('1.5');
    await page.getByRole('spinbutton', { name: 'Bandit: query threshold Γ' }).press('Enter');
    await expect(page).toHaveURL(/threshold=1.5/);
    await page.getByTestId('run').click();
    await waitForRunDone(page);
    await page.getByTestId('chart-appo-tradeoff').getByRole('button', { name: 'Show as table' }).click();
    await expect(page.getByTestId('chart-appo-tradeoff').locator('table')).toContainText('Γ = 1.5');

    await page.getByRole('spinbutton', { name: 'Replicates', exact: true }).fill('12');
    await page.getByRole('spinbutton', { name: 'Replicates', exact: true }).press('Tab');
    await page.getByTestId('run').click();
    await expect(page.getByTestId('progress-label')).toContainText('Bandit', { timeout: 30_000 });
    await page.getByTestId('cancel').click();
    await expect(page.getByTestId('progress-label')).toHaveText('Cancelled.');
    expect(errors).toEqual([]);
  });

  test('the first screen is the precomputed default run, with the language-model tier’s claim and chart', async ({ page }) => {
    const errors = trackErrors(page);
    await page.goto('/#/appo-adpo');
    await expect(page.getByTestId('claim-adpo-lm-fewer-queries')).toHaveAttribute('data-kind', 'paper');
    await expect(page.getByTestId('chart-adpo-lm-win-vs-queries')).toBeVisible();
    expect(errors).toEqual([]);
  });
});
