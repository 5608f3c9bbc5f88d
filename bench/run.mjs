// `npm run bench`: serves the bench pages with Vite, opens them in Chromium with WebGPU, and prints
// each suite's table with the adapter.
//   --suite=admm|denoise|loss|all (default all)
//   admm:    time per ADMM iteration (WGSL vs f64 CPU). --p=64,128 --b=1,16 --budgetMs=4000
//   denoise: fused denoising step vs the tfjs op chain, then DNDM vs the T-call sampler end to end.
//            --b=1,16,64 --l=64,256 --v=28,33,64 --budgetMs=1500 --network=auto|webgpu|cpu
//   loss:    per-sequence log-probability forward+backward, fused WGSL op vs tfjs op chain, with
//            peak tensor memory. --b=8,64 --t=32,128 --v=32,256 --budgetMs=1500
//   longtasks: the longest main-thread task of each demo's default run (bench/longTasks.mjs).
//            --slugs=sparse-pca,dndm --paths=cpu,webgpu (not part of `all`: it runs every demo twice)
import { createServer } from 'vite';
import { printLongTasks, runLongTasks } from './longTasks.mjs';
import { chromium } from 'playwright';
import { chromiumArgs, ensureBrowser } from '../scripts/browser.mjs';

const opts = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const suites = (opts.suite ?? 'all') === 'all' ? ['denoise', 'loss', 'admm'] : [opts.suite];
if (suites.includes('longtasks')) {
  printLongTasks(await runLongTasks(opts));
  process.exit(0);
}

// No file watching: an edit elsewhere in the tree must not reload the page mid-measurement.
const server = await createServer({ server: { host: '127.0.0.1', port: 0, hmr: false, watch: null }, logLevel: 'warn' });
await server.listen();
const { port } = server.httpServer.address();
const browser = await chromium.launch({ executablePath: ensureBrowser(), args: chromiumArgs({ webgpu: true }) });

async function runPage(page, keys) {
  const query = new URLSearchParams();
  for (const key of keys) if (opts[key]) query.set(key, opts[key]);
  const ctx = await browser.newPage();
  await ctx.exposeFunction('benchLog', (line) => console.log(`[bench] ${line}`));
  await ctx.goto(`http://127.0.0.1:${port}/bench/${page}?${query}`);
  await ctx.waitForFunction(() => window.benchResult !== undefined, null, { timeout: 0, polling: 1000 });
  const result = await ctx.evaluate(() => window.benchResult);
  await ctx.close();
  if (result.error) throw new Error(result.error);
  return result;
}

const adapterLabel = (result) => `${result.adapter} [${result.software ? 'SOFTWARE adapter: correctness only, not GPU speed' : 'hardware adapter'}]`;

try {
  if (suites.includes('denoise')) {
    const result = await runPage('denoise.html', ['b', 'l', 'v', 'budgetMs', 'network']);
    console.log(`\nDenoising step, fused WGSL kernel vs tfjs op chain, same device; adapter: ${adapterLabel(result)}`);
    console.log('                 ---- Gumbel-max sampling (ms/step) ----   ------- argmax (ms/step) -------');
    console.log('   B     L    V      fused   op chain   chain/fused      fused   op chain   chain/fused');
    const f = (v, w) => v.toFixed(2).padStart(w);
    for (const r of result.steps) {
      console.log(`${String(r.B).padStart(4)}  ${String(r.L).padStart(4)}  ${String(r.V).padStart(3)}   ${f(r.fusedMs, 8)}   ${f(r.chainMs, 8)}   ${f(r.ratio, 11)}   ${f(r.fusedArgmaxMs, 8)}   ${f(r.chainArgmaxMs, 8)}   ${f(r.argmaxRatio, 11)}`);
    }
    console.log('(per step: logits [B, L, V] already on the GPU → tokens and confidences [B, L] read back; with Gumbel the op chain draws');
    console.log(' its noise with tf.randomUniform, the fused kernel hashes it in place from (seed, step, position).)');
    console.log(`\nEnd to end, shipped model, B = 4, Beta(3, 3); network on ${result.network}:`);
    console.log('     T   sampler    NFE        ms   speed-up');
    for (const T of [...new Set(result.endToEnd.map((r) => r.T))]) {
      const rows = result.endToEnd.filter((r) => r.T === T);
      const base = rows.find((r) => r.sampler === 'rdm-k');
      for (const r of rows) console.log(`${String(r.T).padStart(6)}   ${r.sampler.padEnd(8)} ${String(r.nfe).padStart(5)}  ${r.ms.toFixed(0).padStart(8)}   ${(base.ms / r.ms).toFixed(2).padStart(8)}`);
    }
  }
  if (suites.includes('loss')) {
    const result = await runPage('loss.html', ['b', 't', 'v', 'budgetMs']);
    console.log(`\nSequence log-probability forward + backward, fused WGSL op vs tfjs op chain, same device; adapter: ${adapterLabel(result)}`);
    console.log('   B     T     V   fused ms   chain ms   chain/fused   peak tensors ÷ logits: fused   chain');
    const f = (v, w) => v.toFixed(2).padStart(w);
    for (const r of result.rows) {
      console.log(`${String(r.B).padStart(4)}  ${String(r.T).padStart(4)}  ${String(r.V).padStart(4)}   ${f(r.fusedMs, 8)}   ${f(r.chainMs, 8)}   ${f(r.ratio, 11)}   ${f(r.fusedPeak, 28)}   ${f(r.chainPeak, 5)}`);
    }
    console.log('(peak: tf.profile peakBytes of one forward + backward over the bytes of the [B, T, V] logits; the fused op also holds 2·B·T + B floats of its own.)');
  }
  if (suites.includes('admm')) {
    const result = await runPage('index.html', ['p', 'b', 'budgetMs']);
    console.log(`\nADMM iteration time, sparse-PCA SDP (MCP), adapter: ${adapterLabel(result)}`);
    console.log('   p     B   WGSL ms/iter   CPU f64 ms/iter   CPU/WGSL');
    for (const r of result.rows) {
      console.log(
        `${String(r.p).padStart(4)}  ${String(r.batch).padStart(4)}   ${r.gpuMsPerIteration.toFixed(2).padStart(12)}   ${r.cpuMsPerIteration.toFixed(2).padStart(15)}   ${r.ratio.toFixed(2).padStart(8)}`,
      );
    }
    console.log('(WGSL: one batched iteration = prepare + Jacobi eig + θ + rebuild + prox/dual for all B problems, (t_cold + 9·t_warm)/10 as the driver runs chunks of 10;');
    console.log(' CPU: ml-matrix tred2/tql2 eig per problem, problems one after another, per-problem time × B.)');
  }
} finally {
  await browser.close();
  await server.close();
}
