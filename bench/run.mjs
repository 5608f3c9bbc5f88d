// `npm run bench`: serves bench/index.html with Vite, opens it in Chromium with WebGPU, and prints
// the time per ADMM iteration (WGSL vs f64 CPU) with the adapter. Options: --p=64,128 --b=1,16
// --budgetMs=4000 (time spent timing one configuration after its first iteration).
import { createServer } from 'vite';
import { chromium } from 'playwright';
import { chromiumArgs, ensureBrowser } from '../scripts/browser.mjs';

const opts = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const query = new URLSearchParams();
for (const key of ['p', 'b', 'budgetMs']) if (opts[key]) query.set(key, opts[key]);

// No file watching: an edit elsewhere in the tree must not reload the page mid-measurement.
const server = await createServer({ server: { host: '127.0.0.1', port: 0, hmr: false, watch: null }, logLevel: 'warn' });
await server.listen();
const { port } = server.httpServer.address();
const browser = await chromium.launch({ executablePath: ensureBrowser(), args: chromiumArgs({ webgpu: true }) });
try {
  const page = await browser.newPage();
  await page.exposeFunction('benchLog', (line) => console.log(`[bench] ${line}`));
  await page.goto(`http://127.0.0.1:${port}/bench/index.html?${query}`);
  await page.waitForFunction(() => window.benchResult !== undefined, null, { timeout: 0, polling: 1000 });
  const result = await page.evaluate(() => window.benchResult);
  if (result.error) throw new Error(result.error);
  const label = result.software ? 'software adapter: correctness only, not GPU speed' : 'hardware adapter';
  console.log(`\nADMM iteration time, sparse-PCA SDP (MCP), adapter: ${result.adapter} [${label}]`);
  console.log('   p     B   WGSL ms/iter   CPU f64 ms/iter   CPU/WGSL');
  for (const r of result.rows) {
    console.log(
      `${String(r.p).padStart(4)}  ${String(r.batch).padStart(4)}   ${r.gpuMsPerIteration.toFixed(2).padStart(12)}   ${r.cpuMsPerIteration.toFixed(2).padStart(15)}   ${r.ratio.toFixed(2).padStart(8)}`,
    );
  }
  console.log('(WGSL: one batched iteration = prepare + Jacobi eig + θ + rebuild + prox/dual for all B problems, (t_cold + 9·t_warm)/10 as the driver runs chunks of 10;');
  console.log(' CPU: tred2/tql2 eig per problem, problems one after another, per-problem time × B.)');
} finally {
  await browser.close();
  await server.close();
}
