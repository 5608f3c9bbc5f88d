// Finds a Chromium for Playwright and Vitest's browser mode: $CHROMIUM_PATH, then Debian's
// /usr/bin/chromium, then Playwright's own download. `ensureBrowser()` installs one if none is
// found (apt-get as root on Debian; `npx playwright install chromium` elsewhere).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { chromium } from 'playwright';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findBrowser() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  for (const p of SYSTEM_PATHS) if (existsSync(p)) return p;
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    /* no Playwright browser downloaded */
  }
  return undefined;
}

export function ensureBrowser() {
  const found = findBrowser();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('[browser] installing Debian chromium with apt-get …');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  } else {
    console.log('[browser] installing Playwright chromium …');
    execSync('npx playwright install chromium', { stdio: 'inherit' });
  }
  const installed = findBrowser();
  if (!installed) throw new Error('No Chromium found or installable: set CHROMIUM_PATH to a Chromium binary');
  return installed;
}

/** Flags for headless Chromium: WebGPU through SwiftShader where there is no GPU, closed network; `cpuRaster` for tests. */
export function chromiumArgs({ webgpu = true, cpuRaster = false } = {}) {
  const args = [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
  if (webgpu) args.push('--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader');
  // the page's own pixels rastered and composited on the CPU (Skia), not through SwiftShader's
  // emulated GL: a fifth less time for the tests on this machine, whose pages nobody looks at.
  // WebGPU (Dawn on SwiftShader's Vulkan) computes as before. Not for the bench, which should draw
  // as a visitor's browser does.
  if (cpuRaster) args.push('--disable-gpu-compositing', '--disable-gpu-rasterization');
  return args;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`[browser] using ${ensureBrowser()}`);
}
