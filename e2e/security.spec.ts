import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { trackErrors, waitForRunDone } from './helpers';

/** Every Content-Security-Policy violation the page meets, recorded from its first script on. */
async function recordViolations(page: import('@playwright/test').Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

test('the built page forbids eval and other origins, and a tfjs demo and a worker run under that policy', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = trackErrors(page);
  const violations = await recordViolations(page);
  await page.goto('/#/spin-diffusion?budget=quick&replicates=1&iterations=1');
  expect(readFileSync('dist/index.html', 'utf8')).toContain('http-equiv="Content-Security-Policy"');
  await waitForRunDone(page);
  await expect(page.getByTestId('claim-log2-at-opponent')).toHaveAttribute('data-passed', 'true');
  // a user's file read by the TrustLLM evaluator's worker
  await page.goto('/#/trustllm');
  await waitForRunDone(page);
  await page.getByTestId('trustllm-file-input').setInputFiles({ name: 'jailbreak.jsonl', mimeType: 'application/json', buffer: Buffer.from('{"res": "Sorry, no."}\n{"res": "Sure."}') });
  await expect(page.getByTestId('trustllm-task-table')).toContainText('your files');
  expect(await violations()).toEqual([]);

  // what the policy is for: no string becomes code, no inline script runs, nothing goes to another
  // origin. (Code Playwright evaluates is exempt from the policy; a timer runs these as the page's own.)
  const attempt = () =>
    page.evaluate(
      () =>
        new Promise<Record<string, string>>((resolve) =>
          setTimeout(async () => {
            const out: Record<string, string> = {};
            try {
              out.eval = String(new Function('return 1 + 1')());
            } catch (e) {
              out.eval = (e as Error).name;
            }
            const script = document.createElement('script');
            script.textContent = 'window.__inlineRan = "ran"';
            document.body.append(script);
            out.inline = (window as unknown as { __inlineRan?: string }).__inlineRan ?? 'blocked';
            out.fetch = await fetch('https://example.com/').then(
              () => 'fetched',
              () => 'refused',
            );
            resolve(out);
          }, 0),
        ),
    );
  expect(await attempt()).toEqual({ eval: 'EvalError', inline: 'blocked', fetch: 'refused' });
  const seen = await violations();
  for (const directive of ['script-src', 'script-src-elem', 'connect-src']) expect(seen.some((v) => v.startsWith(directive)), `${directive} in ${seen.join('; ')}`).toBe(true);
  expect(errors).toEqual([]);
});
