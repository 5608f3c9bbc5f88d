import { expect, test } from '@playwright/test';
import { trackErrors } from './helpers';

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

test('on every demo’s first screen no axis title sits on a tick label, and no tick label is clipped', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = trackErrors(page);
  await page.goto('/');
  const slugs = await page.evaluate(() => window.playground.list());
  const problems: string[] = [];
  let checked = 0;
  for (const slug of slugs) {
    await page.goto(`/#/${slug}`);
    await expect(page.locator('[data-testid^="claim-"]').first()).toBeVisible();
    // the precomputed results are what is measured: the live run would redraw the charts under the
    // measurement (a fast demo's live run may be over already: then its results are measured)
    await page.getByTestId('cancel').click({ timeout: 1_000 }).catch(() => undefined);
    await expect(page.locator('.figure[aria-busy="true"]')).toHaveCount(0);
    const found = await page.evaluate(() => {
      const box = (e: Element): Box => {
        const r = e.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      };
      const overlap = (a: Box, b: Box) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
      const out: { charts: number; problems: string[] } = { charts: 0, problems: [] };
      for (const svg of document.querySelectorAll('.recharts-wrapper > svg.recharts-surface')) {
        out.charts++;
        const chart = svg.closest('[data-testid^="chart-"]')?.getAttribute('data-testid') ?? 'a chart';
        const frame = box(svg);
        const ticks = [...svg.querySelectorAll('.recharts-cartesian-axis-tick-value')].filter((t) => (t.textContent ?? '') !== '');
        for (const title of svg.querySelectorAll('.recharts-label')) {
          const hit = ticks.find((t) => overlap(box(title), box(t)));
          if (hit) out.problems.push(`${chart}: the axis title “${title.textContent}” overlaps the tick label “${hit.textContent}”`);
        }
        for (const t of ticks) {
          const b = box(t);
          if (b.left < frame.left - 0.5 || b.right > frame.right + 0.5) out.problems.push(`${chart}: the tick label “${t.textContent}” is clipped by the chart’s edge`);
        }
      }
      return out;
    });
    checked += found.charts;
    problems.push(...found.problems.map((p) => `${slug} · ${p}`));
  }
  expect(checked).toBeGreaterThan(20);
  expect(problems).toEqual([]);
  expect(errors).toEqual([]);
});
