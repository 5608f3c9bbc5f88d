// The app, served by Vite's dev server, open in headless Chromium on the CPU path (what a visitor
// without WebGPU computes): the harness `npm run precompute` and `npm run claims` run demos in.
import { chromium, type Browser, type Page } from 'playwright';
import { createServer } from 'vite';
import { chromiumArgs, ensureBrowser } from './browser.mjs';

/** Opens the app's gallery page, hands it to `use`, and closes the browser and the server after. */
export async function withAppPage<T>(use: (page: Page, browser: Browser) => Promise<T>): Promise<T> {
  // No file watching: an edit elsewhere in the tree must not reload the page mid-run.
  const server = await createServer({ server: { host: '127.0.0.1', port: 0, hmr: false, watch: null }, logLevel: 'warn' });
  await server.listen();
  const address = server.httpServer!.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({ executablePath: ensureBrowser(), args: chromiumArgs({ webgpu: false }) });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
    await page.goto(`http://127.0.0.1:${port}/`);
    return await use(page, browser);
  } finally {
    await browser.close();
    await server.close();
  }
}
