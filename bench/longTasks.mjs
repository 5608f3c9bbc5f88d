// `npm run bench -- --suite=longtasks`: the longest main-thread task of each ready demo's default
// run, as a visitor gets it (the production build, the demo's page opened at its defaults, until the
// live run says Done), measured with the browser's Long Tasks API (tasks ≥ 50 ms) between the run's
// start and end marks (src/ui/demoStore.ts) plus a second for drawing its results; loading the page
// and its scripts before the run is not counted. docs/DESIGN.md §7
// allows none over 200 ms. Runs on the CPU path (no WebGPU) and on the WebGPU path the browser
// offers (here SwiftShader: timings are correctness-only, but the task lengths are what that machine
// lives with).
//   --slugs=sparse-pca,dndm (default: every ready demo)   --paths=cpu,webgpu (default both)
import { build, preview } from 'vite';
import { chromium } from 'playwright';
import { chromiumArgs, ensureBrowser } from '../scripts/browser.mjs';

const LIMIT_MS = 200;

/** Installed before any page script: every long task of the page, kept on window. */
function observeLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

async function measure(browser, port, slug) {
  // no offline cache: its 18 MB of downloads would run beside the measured run
  const page = await browser.newPage({ serviceWorkers: 'block' });
  await page.addInitScript(observeLongTasks);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const opened = Date.now();
  await page.goto(`http://127.0.0.1:${port}/#/${slug}`);
  await page.getByTestId('progress-label').filter({ hasText: /^(Done\.|Cancelled\.)$/ }).waitFor({ timeout: 600_000 });
  const runMs = Date.now() - opened;
  // the tasks of the run (src/ui/demoStore.ts marks it) and of drawing its results just after; and
  // those after the compute backend started (the page's first run loads tfjs, once)
  const { tasks, afterStart } = await page.evaluate(
    ({ startMark, computeMark, endMark, renderMs }) => {
      const at = (mark, fallback) => performance.getEntriesByName(mark).at(-1)?.startTime ?? fallback;
      const [start, compute, end] = [at(startMark, 0), at(computeMark, 0), at(endMark, Infinity)];
      const within = (from) => window.__longTasks.filter((t) => t.start + t.duration >= from && t.start <= end + renderMs);
      return { tasks: within(start), afterStart: within(compute) };
    },
    { startMark: 'demo-run-start', computeMark: 'demo-compute-start', endMark: 'demo-run-end', renderMs: 1000 },
  );
  const backend = await page.evaluate(() => window.playground.backend());
  await page.close();
  if (errors.length > 0) throw new Error(`${slug}: ${errors.join('; ')}`);
  const longestOf = (list) => list.reduce((m, t) => Math.max(m, t.duration), 0);
  return {
    slug,
    path: backend.path,
    runMs,
    longest: longestOf(tasks),
    over: tasks.filter((t) => t.duration > LIMIT_MS).length,
    count: tasks.length,
    longestAfterStart: longestOf(afterStart),
    overAfterStart: afterStart.filter((t) => t.duration > LIMIT_MS).length,
  };
}

/** The demos the app runs, as its own API names them. */
async function readySlugs(browser, port) {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  const ready = await page.evaluate(() => window.playground.list());
  await page.close();
  return ready;
}

export async function runLongTasks(opts) {
  const root = new URL('..', import.meta.url).pathname;
  const outDir = `${root}bench/out/app`;
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const port = server.httpServer.address().port;
  const paths = (opts.paths ?? 'cpu,webgpu').split(',');
  let slugs = opts.slugs ? opts.slugs.split(',') : null;
  const rows = [];
  try {
    for (const path of paths) {
      const browser = await chromium.launch({ executablePath: ensureBrowser(), args: chromiumArgs({ webgpu: path === 'webgpu' }) });
      try {
        slugs ??= await readySlugs(browser, port);
        for (const slug of slugs) rows.push(await measure(browser, port, slug));
      } finally {
        await browser.close();
      }
    }
  } finally {
    server.httpServer.close();
  }
  return rows;
}

export function printLongTasks(rows) {
  console.log(`\nLongest main-thread task of each default run (production build, page opened at the defaults; Long Tasks API, tasks ≥ 50 ms, from the run's start to 1 s after its end):`);
  console.log('                                                     ----- whole run -----------------   -- after the backend started --');
  console.log('  demo                    path               run s   longest ms  ≥ 50 ms  over 200 ms   longest ms  over 200 ms');
  for (const r of rows) {
    const flag = r.over > 0 ? '  ✘' : '';
    console.log(
      `  ${r.slug.padEnd(22)}  ${r.path.padEnd(17)}  ${(r.runMs / 1000).toFixed(1).padStart(6)}   ${r.longest.toFixed(0).padStart(10)}  ${String(r.count).padStart(7)}  ${String(r.over).padStart(11)}   ${r.longestAfterStart.toFixed(0).padStart(10)}  ${String(r.overAfterStart).padStart(11)}${flag}`,
    );
  }
  console.log("(The whole run includes the page's first start of the compute backend, which loads and starts tfjs once, and drawing the precomputed first screen.)");
  console.log(`(docs/DESIGN.md §7: no main-thread task over ${LIMIT_MS} ms during a run. On a software adapter or a busy machine tasks run long; the counts are what this machine saw.)`);
}
