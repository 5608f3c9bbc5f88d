import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { seriousViolations, trackErrors } from './helpers';

// The reproducibility report: every ready demo's claims from the shipped runs at once; a live run
// (the evaluator's, milliseconds) replaces its demo's rows; Cancel stops a run and keeps what was there.
test('the report shows every demo’s claims, replaces a demo’s rows with its live run, exports, and cancels', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto('/#/report');
  const slugs = await page.evaluate(() => window.playground.list());
  const rows = page.getByTestId('scoreboard').locator('tbody tr');
  await expect(page.getByTestId('report-tally')).toContainText(`(${slugs.length} of ${slugs.length} demos)`);
  const count = await rows.count();
  expect(count).toBeGreaterThan(slugs.length * 3);
  for (const slug of slugs) await expect(rows.filter({ has: page.getByRole('cell', { name: slug, exact: true }) }).first()).toHaveAttribute('data-source', 'precomputed');
  expect(await seriousViolations(page)).toEqual([]);

  // export: one CSV line per claim, with the columns the scoreboard shows
  const download = page.waitForEvent('download');
  await page.getByTestId('report-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\n');
  expect(csv[0]).toBe('demo,claim,kind,statement,value,threshold,passed,spread,backend,source');
  expect(csv.length).toBe(count + 1);

  // a live run of one demo replaces its rows; the others stay as shipped
  await page.goto('/#/report?only=trustllm');
  await expect(page.getByTestId('report-tally')).toContainText('(1 of 1 demos)');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('progress-label')).toHaveText('Done.');
  const live = page.getByTestId('scoreboard').locator('tbody tr');
  await expect(live.first()).toHaveAttribute('data-source', 'live');
  expect(await live.evaluateAll((trs) => trs.every((tr) => tr.getAttribute('data-source') === 'live'))).toBe(true);

  // Cancel: a long run stops, and its demo keeps the shipped rows
  await page.goto('/#/report?only=spin');
  await page.getByTestId('run').click();
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('progress-label')).toHaveText('Cancelled.');
  await expect(page.getByTestId('scoreboard').locator('tbody tr').first()).toHaveAttribute('data-source', 'precomputed');
  expect(errors).toEqual([]);
});

// A handout per demo: one A4 page when printed, with the claim's result, the settings, and a link
// that opens the demo with exactly those settings.
test('every demo’s handout prints on one page and links to its settings', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = trackErrors(page);
  await page.goto('/#/report');
  const slugs = await page.evaluate(() => window.playground.list());
  for (const slug of slugs) {
    await test.step(slug, async () => {
      await page.goto(`/#/handout/${slug}`);
      await expect(page.getByTestId('handout')).toBeVisible();
      await expect(page.locator('[data-testid^="handout-claim-"]').first()).toBeVisible();
      const link = (await page.getByTestId('handout-link').getAttribute('href')) ?? '';
      const query = new URLSearchParams(link.split('?')[1]);
      const schema = (await page.evaluate((s) => window.playground.schema(s), slug)) as Record<string, unknown>;
      expect([...query.keys()].sort()).toEqual(Object.keys(schema).sort());
      const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
      expect((pdf.match(/\/Type\s*\/Page\b/g) ?? []).length, `${slug}: pages`).toBe(1);
    });
  }
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});
