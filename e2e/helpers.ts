import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Collects uncaught page errors so that every test can assert there were none. */
export function trackErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/**
 * axe-core's serious and critical findings on the page, one line each. The charts' SVG internals are
 * left out (thousands of nodes, most of axe's time): each chart has an accessible name and a table
 * alternative.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).exclude('.recharts-surface').analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${v.help}`));
}

/**
 * Stops the run a demo's link started, once its Cancel is live (a demo loading a network takes a
 * moment to start); a run of milliseconds (the TrustLLM evaluator's) may be over before that.
 */
export async function stopRun(page: Page): Promise<void> {
  const label = page.getByTestId('progress-label');
  const stopped = /^(Cancelled\.|Done\.)$/;
  await expect(async () => {
    if (stopped.test((await label.textContent()) ?? '')) return;
    await page.getByTestId('cancel').click({ timeout: 1_000 });
    await expect(label).toHaveText(stopped, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
}

export async function waitForRunDone(page: Page, timeout = 170_000): Promise<void> {
  await expect(page.getByTestId('progress-label')).toHaveText(/^(Done\.|Cancelled\.)$/, { timeout });
}

export async function expectClaimsPass(page: Page, ids: string[]): Promise<void> {
  for (const id of ids) await expect(page.getByTestId(`claim-${id}`)).toHaveAttribute('data-passed', 'true');
}

/** Sparse PCA's claim rows every run shows (two paper claims and a sanity check). */
export const SPARSE_PCA_CLAIMS = ['mcp-equals-oracle', 'fps-biased', 'fps-never-oracle'];

/** Opens `url`, starts the tutorial and steps through all `steps`, asserting each step's check passes. */
export async function playTutorial(page: Page, url: string, steps: number, stepTimeout: number): Promise<void> {
  await page.goto(url);
  // every value of the link is taken: a refused one falls back to its default, a larger run
  await expect(page.getByTestId('param-issues')).toHaveCount(0);
  // (again until it takes: on a loaded machine the backend's banner can settle between Playwright's
  // check of the button's place and its click, moving the button from under the pointer)
  await expect(async () => {
    if ((await page.getByTestId('tutorial').count()) === 0) await page.getByTestId('tutorial-start').click({ timeout: 5_000 });
    await expect(page.getByTestId('tutorial')).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  for (let i = 0; i < steps; i++) {
    // one report step per tutorial step: the JSON report then says which step takes the time
    await test.step(`step ${i + 1} of ${steps}`, async () => {
      await expect(page.getByTestId('tutorial')).toHaveAttribute('data-step', String(i));
      await expect(page.getByTestId('step-check')).toHaveAttribute('data-state', 'pass', { timeout: stepTimeout });
      await expect(page).toHaveURL(new RegExp(`step=${i}`));
    });
    if (i < steps - 1) await page.getByTestId('tutorial-next').click();
  }
  await expect(page.getByTestId('tutorial-next')).toBeDisabled();
}

/**
 * `window.playground.run(slug, params)` in the page, typed as the demo's own results (the page's
 * API returns any demo's results; the caller names which).
 */
export async function runDemo<R>(page: Page, slug: string, params: Record<string, unknown> = {}): Promise<R> {
  return (await page.evaluate(([s, p]) => window.playground.run(s, p), [slug, params] as const)) as R;
}

/**
 * Makes the page report `cores` logical cores (navigator.hardwareConcurrency, through Chromium's
 * DevTools protocol), before it loads: tfjs' wasm takes half of them as threads, so a test can tell
 * one thread from two on any machine.
 */
export async function emulateLogicalCores(page: Page, cores: number): Promise<void> {
  await (await page.context().newCDPSession(page)).send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: cores });
}
