import { expect, test } from '@playwright/test';
import { parseField, type Schema } from '../src/lib/params';
import { fuzzCases } from '../src/testing/urlFuzz';
import { trackErrors } from './helpers';

// The link fuzzer through the page: hostile links opened by changing the hash as a pasted link does.
// No page error, every bad field named in the link's banner, and no text of a link ever becomes
// markup. Each link starts its demo's run (and the next cancels it), up to two seconds a link here
// for the demos that train networks: the page takes one case of each demo and 40 of the evaluator
// whose run takes milliseconds (the banner is the same code for all); the parsing half of the fuzzer
// runs 240 cases over every schema in a second (scripts/urlFuzz.test.ts).
test('hostile links across every demo: each bad field named in the banner, no page error, nothing injected', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = trackErrors(page);
  await page.goto('/');
  const slugs = await page.evaluate(() => window.playground.list());
  const schemas: Record<string, Schema> = {};
  for (const slug of slugs) schemas[slug] = (await page.evaluate((s) => window.playground.schema(s), slug)) as Schema;
  const cases = [...fuzzCases(schemas, slugs.length, 7), ...fuzzCases({ trustllm: schemas.trustllm }, 40, 11)].sort((a, b) => a.slug.localeCompare(b.slug));
  const issues = page.getByTestId('param-issues');
  for (const { slug, raw } of cases) {
    const hash = `#/${slug}?${new URLSearchParams(Object.entries(raw))}`;
    await page.evaluate((h) => {
      location.hash = h;
    }, hash);
    const bad = Object.entries(raw).filter(([name, value]) => !Object.hasOwn(schemas[slug], name) || 'error' in parseField(schemas[slug][name], value));
    for (const [name] of bad) await expect(issues.locator(`[data-field="${name.replace(/["\\]/g, '\\$&')}"]`).first(), `${hash}: ${name}`).toBeAttached();
  }
  // links whose demo name is itself malformed
  for (const hash of ['#/%E0%A4%A', '#/<img src=x onerror="window.__fuzzed=1">']) {
    await page.evaluate((h) => {
      location.hash = h;
    }, hash);
    await expect(page.getByRole('alert')).toContainText('No demo is called');
  }
  expect(await page.evaluate(() => (window as unknown as { __fuzzed?: number }).__fuzzed)).toBeUndefined();
  await expect(page.locator('img[src="x"], script:not([src]):not([type])')).toHaveCount(0);
  await page.evaluate(() => {
    location.hash = '#/';
  });
  expect(errors).toEqual([]);
});
