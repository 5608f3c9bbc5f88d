// Types for scripts/browser.mjs (plain ESM, shared with the Playwright and Vitest configs).
export function findBrowser(): string | undefined;
export function ensureBrowser(): string;
export function chromiumArgs(options?: { webgpu?: boolean; cpuRaster?: boolean }): string[];
