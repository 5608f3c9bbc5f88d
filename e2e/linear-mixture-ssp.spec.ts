import { expect, test } from '@playwright/test';
import { runDemo, trackErrors, waitForRunDone } from './helpers';
import type { LinearMixtureSspResults } from '../src/demos/linear-mixture-ssp/experiment';

const CLAIMS = ['variance-aware-beats-hoeffding', 'variance-aware-beats-hoeffding-loose-bound', 'regret-sublinear', 'slope-gap', 'no-advantage-at-theory-scale', 'optimal-cost-matches'];

test.describe('linear-mixture SSP', () => {
  test('window.playground.run("linear-mixture-ssp", {}) returns the regret curves and the B* sweep; the tuned comparison is reported and the other claims pass', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = trackErrors(page);
    await page.goto('/');
    const results = await runDemo<LinearMixtureSspResults>(page, 'linear-mixture-ssp');
    expect(results.params).toMatchObject({ seed: 1, dim: 4, delta: 0.025, gap: 0.01, episodes: 2000, seeds: 5 });
    // the headline (each learner at its own tuned scale) fails at seed 1 and says so with its numbers
    const tuned = results.claims.find((c) => c.id === 'variance-aware-beats-tuned-hoeffding');
    expect(tuned?.kind).toBe('paper');
    expect(tuned?.spread?.replicates).toBe(5);
    expect(tuned?.note).toBeTruthy();
    for (const id of CLAIMS) {
      const claim = results.claims.find((c) => c.id === id);
      expect(claim, id).toBeDefined();
      expect(claim!.passed, `${id}: ${claim!.value} vs ${claim!.threshold} — ${claim!.statement}`).toBe(true);
    }
    expect(results.series.regretVsBStar).toHaveLength(4);
    expect(results.metrics.varianceAwareSlope).toBeLessThan(results.metrics.hoeffdingSlope ?? -Infinity);
    expect(results.timing.label).toMatch(/seeds spread over \d+ Web Workers/);
    // the page's thread gives the workers' numbers (at a small size: one thread takes twice as long)
    const small = { episodes: 300, seeds: 2 };
    const [spread, local] = [await runDemo<LinearMixtureSspResults>(page, 'linear-mixture-ssp', small), await runDemo<LinearMixtureSspResults>(page, 'linear-mixture-ssp', { ...small, parallel: 'main' })];
    expect(spread.timing.label).toMatch(/Web Workers/);
    expect(local.series.regretVsK).toEqual(spread.series.regretVsK);
    expect(local.series.regretVsBStar).toEqual(spread.series.regretVsBStar);
    expect(errors).toEqual([]);
  });

  test('the page explains the instance, shows both charts, and names an impossible gap', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = trackErrors(page);
    await page.goto('/#/linear-mixture-ssp?sweep=off&scaleSweep=off&episodes=500');
    await waitForRunDone(page);
    await expect(page.getByRole('heading', { name: 'The hard instance' })).toBeVisible();
    await expect(page.getByTestId('chart-regret-vs-k')).toBeVisible();
    await page.getByLabel('Regret vs B*').check();
    await page.getByTestId('run').click();
    await waitForRunDone(page);
    await expect(page.getByTestId('chart-regret-vs-bstar')).toContainText('Slopes fitted over B*');
    await page.goto('/#/linear-mixture-ssp?delta=0.02&gap=0.03');
    await expect(page.getByTestId('param-issues')).toContainText('must be below δ');
    expect(errors).toEqual([]);
  });
});
