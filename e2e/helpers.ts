import { expect, type Page } from '@playwright/test';

/** Collects uncaught page errors so that every test can assert there were none. */
export function trackErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export async function waitForRunDone(page: Page, timeout = 170_000): Promise<void> {
  await expect(page.getByTestId('progress-label')).toHaveText(/^(Done\.|Cancelled\.)$/, { timeout });
}

export async function expectClaimsPass(page: Page, ids: string[]): Promise<void> {
  for (const id of ids) await expect(page.getByTestId(`claim-${id}`)).toHaveAttribute('data-passed', 'true');
}

export const PAPER_CLAIMS = ['mcp-equals-oracle', 'fps-biased', 'fps-never-oracle'];
