import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { findBrowser, chromiumArgs } from './scripts/browser.mjs';

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: on the two-core machines here that ran every
    // file in turn. The unit files are one thread each: two at once took the stage from 278 s to 183 s.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['src/**/*.browser.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        // pre-bundled up front: discovering them mid-run reloads the page under a running test
        optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu', '@tensorflow/tfjs-backend-wasm'] },
        test: {
          name: 'kernels',
          include: ['src/**/*.browser.test.ts'],
          testTimeout: 120_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: findBrowser(), args: chromiumArgs({ cpuRaster: true }) } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
