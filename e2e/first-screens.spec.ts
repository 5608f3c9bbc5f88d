import { expect, test, type Page } from '@playwright/test';
import { seriousViolations, stopRun, trackErrors } from './helpers';

// Every demo's first screen, opened once: its claims within 3 s (the precomputed default run, until
// the live run replaces it), its charts readable (no axis title on a tick label, no tick label
// clipped), axe-core's accessibility rules, and nothing animating under reduced motion. One pass
// over the demos for the four, since opening a demo starts its run.

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Axis titles that overlap a tick label, and tick labels the chart's edge clips, in every chart on the page. */
function chartProblems(page: Page): Promise<{ charts: number; problems: string[] }> {
  return page.evaluate(() => {
    const box = (e: Element): Box => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const overlap = (a: Box, b: Box) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    const out = { charts: 0, problems: [] as string[] };
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
}

test('every demo’s first screen: claims within 3 s, labelled precomputed until the live run replaces them; readable charts; no serious accessibility violation', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = trackErrors(page);
  // the system's "reduce motion": no first screen may animate anything (src/ui/motion.ts)
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  await expect(page.locator('[data-status="ready"]').first()).toBeVisible();
  const problems: string[] = (await seriousViolations(page)).map((v) => `gallery · ${v}`);
  const slugs = await page.evaluate(() => window.playground.list());
  let charts = 0;
  for (const slug of slugs) {
    const opened = Date.now();
    await page.goto(`/#/${slug}`);
    await expect(page.locator('[data-testid^="claim-"][data-kind="paper"]').first()).toBeVisible({ timeout: 3_000 });
    const source = page.getByTestId('results-source');
    const label = page.getByTestId('progress-label');
    // labelled precomputed while the live run computes; a run of milliseconds (the TrustLLM
    // evaluator's) may replace it at any moment, even between two reads here
    let seen: 'precomputed' | 'live run done' = 'live run done';
    await expect(async () => {
      if ((await label.textContent()) === 'Done.') return;
      expect(await source.textContent({ timeout: 200 })).toMatch(/^Precomputed on \d{4}-\d{2}-\d{2} \(headless Chromium .*CPU path.*\) — live run in progress/);
      seen = 'precomputed';
    }).toPass({ timeout: Math.max(1, 3_000 - (Date.now() - opened)) });
    // only the evaluator's run is over that fast: every other demo showed its shipped run first
    if (slug !== 'trustllm') expect(seen, slug).toBe('precomputed');
    // the precomputed charts are what is measured: the live run would redraw them under the measurement
    await stopRun(page);
    await expect(page.locator('.figure[aria-busy="true"]')).toHaveCount(0);
    const found = await chartProblems(page);
    charts += found.charts;
    problems.push(...found.problems.map((p) => `${slug} · ${p}`), ...(await seriousViolations(page)).map((v) => `${slug} · ${v}`));
    const moving = await page.evaluate(() => document.getAnimations().map((a) => (a.effect as KeyframeEffect | null)?.target?.nodeName ?? 'an animation'));
    problems.push(...moving.map((what) => `${slug} · ${what} animates under reduced motion`));
  }
  expect(charts).toBeGreaterThan(20);
  expect(problems).toEqual([]);
  // a finished live run replaces the precomputed results: the evaluator's takes milliseconds (the
  // label's "live run in progress" was seen on every other demo above)
  await page.goto('/');
  await page.goto('/#/trustllm');
  await expect(page.getByTestId('progress-label')).toHaveText('Done.');
  await expect(page.getByTestId('results-source')).toHaveCount(0);
  await expect(page.getByTestId('claim-over-alignment-visible')).toHaveAttribute('data-passed', 'true');
  expect(errors).toEqual([]);
});
