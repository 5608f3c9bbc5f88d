import { defineConfig } from '@playwright/test';
import { chromiumArgs, findBrowser } from './scripts/browser.mjs';

const executablePath: string | undefined = findBrowser();
const PORT = 4173;

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  // two tests at a time (each its own page; none depends on another): the suite is CPU-bound in one
  // thread per browser (SwiftShader, tfjs wasm, a worker), and CI machines have two cores
  fullyParallel: true,
  workers: 2,
  reporter: [['list']],
  // the offline cache stays out of every test but its own (e2e/offline.spec.ts): a page that copies
  // 18 MB into a cache on each visit would slow all the others, and serve them what it cached
  use: { baseURL: `http://127.0.0.1:${PORT}/`, acceptDownloads: true, serviceWorkers: 'block' },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
  projects: [
    {
      name: 'webgpu',
      testIgnore: /cpu-path\.spec\.ts/,
      use: { browserName: 'chromium', launchOptions: { executablePath, args: chromiumArgs({ webgpu: true, cpuRaster: true }) } },
    },
    {
      // The same Chromium without --enable-unsafe-webgpu: navigator.gpu exists but offers no adapter.
      name: 'no-webgpu',
      testMatch: /cpu-path\.spec\.ts/,
      use: { browserName: 'chromium', launchOptions: { executablePath, args: chromiumArgs({ webgpu: false, cpuRaster: true }) } },
    },
  ],
});
