// The app, served by Vite's dev server, open in headless Chromium on the CPU path (what a visitor
// without WebGPU computes): the harness `npm run precompute` and `npm run claims` run demos in.
import { chromium, type Browser, type Page } from 'playwright';
import { createServer } from 'vite';
import { chromiumArgs, ensureBrowser } from './browser.mjs';

/** Opens the app's gallery page, hands it to `use`, and closes the browser and the server after. */
export async function withAppPage<T>(use: (page: Page, browser: Browser) => Promise<T>): Promise<T> {
  return withAppPages(1, ([page], browser) => use(page, browser));
}

/**
 * The same with `count` pages, each its own browser context and renderer process:
 * `npm run claims -- --jobs=2` runs two demo runs at once (scripts/claims.ts says when that helps).
 */
export async function withAppPages<T>(count: number, use: (pages: Page[], browser: Browser) => Promise<T>): Promise<T> {
  // No file watching: an edit elsewhere in the tree must not reload the page mid-run.
  const server = await createServer({ server: { host: '127.0.0.1', port: 0, hmr: false, watch: null }, logLevel: 'warn' });
  await server.listen();
  const address = server.httpServer!.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({ executablePath: ensureBrowser(), args: chromiumArgs({ webgpu: false }) });
  try {
    const pages: Page[] = [];
    for (let i = 0; i < count; i++) {
      const page = await browser.newPage();
      page.on('pageerror', (e) => console.error(`[page ${i + 1}] ${e.message}`));
      await page.goto(`http://127.0.0.1:${port}/`);
      pages.push(page);
    }
    return await use(pages, browser);
  } finally {
    await browser.close();
    await server.close();
  }
}
