// `npm run bench`: serves the bench pages with Vite, opens them in Chromium with WebGPU, and prints
// each suite's table with the adapter.
//   --suite=admm|denoise|dplm|loss|threads|spin-diffusion|all (default all)
//   threads: each demo's network on the CPU path (tfjs wasm), one thread against tfjs' default, and
//            whether both give the same output bytes (bench/threadsBench.ts). tfjs takes half the
//            logical cores it is told of (one thread per physical core, up to 8), so the page is told
//            of twice this machine's CPUs, and tfjs uses them all (up to 8): --logicalCores=N to tell it
//            otherwise. --budgetMs=1500
//   admm:    time per ADMM iteration (WGSL vs f64 CPU). --p=64,128 --b=1,16 --budgetMs=4000
//   denoise: fused denoising step vs the tfjs op chain, then DNDM vs the T-call sampler end to end.
//            --b=1,16,64 --l=64,256 --v=28,33,64 --budgetMs=1500 --network=auto|webgpu|cpu
//   dplm:    DPLM's sampler end to end with the shipped model, WebGPU (fused step) vs the CPU path;
//            the best of 3 runs each and their ratio.
//   loss:    per-sequence log-probability forward+backward, fused WGSL op vs tfjs op chain, with
//            peak tensor memory. --b=8,64 --t=32,128 --v=32,256 --budgetMs=1500
//   spin-diffusion: SPIN-Diffusion's SFT and SPIN training steps at the reduced and full budgets,
//            WebGPU vs the CPU path (tfjs wasm), and their ratios.
//   longtasks: the longest main-thread task of each demo's default run (bench/longTasks.mjs).
//            --slugs=sparse-pca,dndm --paths=cpu,webgpu (part of `all`: it runs every demo's defaults
//            on both paths, the longest suite)
//   After the suites, one table of every comparison with its ratio, and the long tasks (bench/summary.mjs).
//   --node:  the same raw-kernel suites (no end-to-end sampling) in Node through the `webgpu` package
//            (Dawn), no browser: bench/node/launch.mjs bundles bench/node/main.ts and runs it.
import { spawnSync } from 'node:child_process';
import { adapterLabel, admmTable, denoiseStepTable, lossTable } from './tables.mjs';
import { row, summaryTable } from './summary.mjs';

const opts = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const suites = (opts.suite ?? 'all') === 'all' ? ['denoise', 'dplm', 'loss', 'threads', 'admm', 'spin-diffusion', 'longtasks'] : opts.suite.split(',');

if ('node' in opts) {
  const args = process.argv.slice(2).filter((a) => a !== '--node');
  const { status } = spawnSync(process.execPath, [new URL('./node/launch.mjs', import.meta.url).pathname, ...args], { stdio: 'inherit' });
  process.exit(status ?? 1);
}


// loaded only here: the Node path needs neither Vite nor a browser
const { createServer } = await import('vite');
const { chromium } = await import('playwright');
const { chromiumArgs, ensureBrowser } = await import('../scripts/browser.mjs');

// No file watching: an edit elsewhere in the tree must not reload the page mid-measurement.
const server = await createServer({ server: { host: '127.0.0.1', port: 0, hmr: false, watch: null }, logLevel: 'warn' });
await server.listen();
const { port } = server.httpServer.address();
const browser = await chromium.launch({ executablePath: ensureBrowser(), args: chromiumArgs({ webgpu: true }) });

/**
 * `keys`: the CLI options the page takes; `fixed`: query values the suite itself sets;
 * `logicalCores`: the navigator.hardwareConcurrency the page sees (Chromium's emulation), if given.
 */
async function runPage(page, keys, fixed = {}, logicalCores = undefined) {
  const query = new URLSearchParams();
  for (const key of keys) if (opts[key]) query.set(key, opts[key]);
  for (const [key, value] of Object.entries(fixed)) query.set(key, value);
  const ctx = await browser.newPage();
  if (logicalCores !== undefined) await (await ctx.context().newCDPSession(ctx)).send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: logicalCores });
  await ctx.exposeFunction('benchLog', (line) => console.log(`[bench] ${line}`));
  await ctx.goto(`http://127.0.0.1:${port}/bench/${page}?${query}`);
  await ctx.waitForFunction(() => window.benchResult !== undefined, null, { timeout: 0, polling: 1000 });
  const result = await ctx.evaluate(() => window.benchResult);
  await ctx.close();
  if (result.error) throw new Error(result.error);
  return result;
}

const print = (lines) => console.log(lines.join('\n'));
const summary = [];
let adapter = 'none (no browser suite ran)';
let longTasks = [];

try {
  if (suites.includes('denoise')) {
    const result = await runPage('denoise.html', ['b', 'l', 'v', 'budgetMs', 'network']);
    adapter = adapterLabel(result.adapter, result.software);
    for (const r of result.steps) summary.push(row('denoise step', `B ${r.B}, L ${r.L}, V ${r.V}, Gumbel`, 'tfjs op chain', r.chainMs, 'fused WGSL', r.fusedMs));
    console.log();
    print(denoiseStepTable(adapterLabel(result.adapter, result.software), result.steps));
    console.log(`\nEnd to end, shipped model, B = 4, Beta(3, 3); network on ${result.network}:`);
    console.log('     T   sampler    NFE        ms   speed-up');
    for (const T of [...new Set(result.endToEnd.map((r) => r.T))]) {
      const rows = result.endToEnd.filter((r) => r.T === T);
      const base = rows.find((r) => r.sampler === 'rdm-k');
      for (const r of rows) console.log(`${String(r.T).padStart(6)}   ${r.sampler.padEnd(8)} ${String(r.nfe).padStart(5)}  ${r.ms.toFixed(0).padStart(8)}   ${(base.ms / r.ms).toFixed(2).padStart(8)}`);
      for (const r of rows.filter((x) => x !== base)) summary.push(row('DNDM sampling', `T ${T}, B 4, network on ${result.network}`, `T-call ${base.sampler}`, base.ms, r.sampler, r.ms));
    }
  }
  if (suites.includes('dplm')) {
    const result = await runPage('dplm.html', []);
    console.log(`\nDPLM sampler end to end, shipped model, B = 4, 100 residues, T = 500 (unchanged K skipped), Gumbel-max + resampling; ${adapterLabel(result.adapter, result.software)}:`);
    console.log('  path                                        NFE  resampling calls        ms');
    for (const r of result.rows) console.log(`  ${r.path.padEnd(42)} ${String(r.nfe).padStart(4)}  ${String(r.resampleCalls).padStart(16)}  ${r.ms.toFixed(0).padStart(8)}`);
    const [gpu, cpu] = result.rows;
    adapter = adapterLabel(result.adapter, result.software);
    summary.push(row('DPLM sampling', 'B 4, 100 residues, T 500', 'CPU path (wasm)', cpu.ms, 'WebGPU, fused step', gpu.ms));
    console.log(`  CPU time / WebGPU time: ${(cpu.ms / gpu.ms).toFixed(2)}${result.software ? ' (software adapter: WebGPU is emulated on the CPU; correctness only)' : ''}`);
  }
  if (suites.includes('spin-diffusion')) {
    const result = await runPage('spin-diffusion.html', []);
    console.log(`\nSPIN-Diffusion training steps (ms per step, mean of 30 after a warm-up); ${adapterLabel(result.adapter, result.software)}:`);
    console.log('  budget    path                     SFT step   SPIN step');
    for (const r of result.rows) console.log(`  ${r.budget.padEnd(9)} ${r.path.padEnd(24)} ${r.sftMs.toFixed(1).padStart(8)}  ${r.spinMs.toFixed(1).padStart(10)}`);
    for (const budget of ['reduced', 'full']) {
      const [gpu, cpu] = result.rows.filter((r) => r.budget === budget);
      summary.push(row('SPIN-Diffusion', `${budget} budget, SFT step`, 'CPU path (wasm)', cpu.sftMs, 'WebGPU', gpu.sftMs), row('SPIN-Diffusion', `${budget} budget, SPIN step`, 'CPU path (wasm)', cpu.spinMs, 'WebGPU', gpu.spinMs));
      console.log(`  ${budget}: CPU time / WebGPU time, SFT ${(cpu.sftMs / gpu.sftMs).toFixed(2)}, SPIN ${(cpu.spinMs / gpu.spinMs).toFixed(2)}${result.software ? ' (software adapter: WebGPU is emulated on the CPU; correctness only)' : ''}`);
    }
  }
  if (suites.includes('loss')) {
    const result = await runPage('loss.html', ['b', 't', 'v', 'budgetMs']);
    adapter = adapterLabel(result.adapter, result.software);
    for (const r of result.rows) summary.push(row('sequence log-prob', `B ${r.B}, T ${r.T}, V ${r.V}, fwd+bwd`, 'tfjs op chain', r.chainMs, 'fused WGSL', r.fusedMs));
    console.log();
    print(lossTable(adapterLabel(result.adapter, result.software), result.rows));
  }
  if (suites.includes('threads')) {
    // one page per thread count: tfjs reads the count once, when its wasm backend starts
    const { availableParallelism } = await import('node:os');
    const logicalCores = Number(opts.logicalCores ?? 2 * availableParallelism());
    const one = await runPage('threads.html', ['budgetMs'], { threads: 1 }, logicalCores);
    const all = await runPage('threads.html', ['budgetMs'], {}, logicalCores);
    // without isolation tfjs loads its single-threaded wasm on both pages, and tfjs never runs more
    // than hardwareConcurrency / 2 threads: either way both pages ran one thread, and their ratio is
    // run-to-run noise, kept out of the summary
    const manyLabel = `${all.threads} thread${all.threads === 1 ? '' : 's'}`;
    const comparable = one.crossOriginIsolated && all.crossOriginIsolated && all.threads > one.threads;
    if (adapter.startsWith('none')) adapter = 'none used (CPU path, tfjs wasm)';
    console.log(`\nCPU path (tfjs ${all.tfBackend}), each demo's network on ${one.threads} thread vs ${all.threads} (tfjs' default); crossOriginIsolated ${all.crossOriginIsolated}; this machine has ${availableParallelism()} CPUs, the page was told of ${all.hardwareConcurrency} logical cores; best ms per call:`);
    if (!all.crossOriginIsolated) console.log('  WARNING: the page is not cross-origin isolated, so tfjs ran its single-threaded wasm on both pages.');
    else if (all.threads <= one.threads) console.log(`  WARNING: tfjs' default here is ${all.threads} thread (it caps its pool at hardwareConcurrency / 2 = ${Math.floor(all.hardwareConcurrency / 2)}).`);
    if (!comparable) console.log('  * both pages ran the same thread count: the speed-up column is run-to-run noise, not a thread speed-up (left out of the summary).');
    console.log(`  ${'network'.padEnd(22)} ${'call'.padEnd(18)} ${'shapes'.padEnd(44)} ${'1 thread'.padStart(9)} ${manyLabel.padStart(10)}  speed-up  outputs identical`);
    one.rows.forEach((r, i) => {
      const n = all.rows[i];
      const same = r.outputHash === n.outputHash ? 'yes' : `no (${r.outputHash} vs ${n.outputHash})`;
      console.log(`  ${r.network.padEnd(22)} ${r.call.padEnd(18)} ${r.what.padEnd(44)} ${r.msPerCall.toFixed(2).padStart(9)} ${n.msPerCall.toFixed(2).padStart(10)}  ${(r.msPerCall / n.msPerCall).toFixed(2).padStart(8)}${comparable ? ' ' : '*'} ${same}`);
      if (comparable) summary.push(row('CPU threads', `${r.network}, ${r.call}`, '1 thread', r.msPerCall, `${manyLabel} (wasm)`, n.msPerCall));
    });
    for (const page of [one, all]) {
      if (page.rows.some((r) => !r.repeatable)) console.log(`  NOTE: on ${page.threads} thread(s) some network gave different bytes from one call to the next.`);
      if (page.leakedTensors !== 0) console.log(`  NOTE: ${page.leakedTensors} tensors were left alive on the ${page.threads}-thread page.`);
    }
  }
  if (suites.includes('admm')) {
    const result = await runPage('index.html', ['p', 'b', 'budgetMs']);
    adapter = adapterLabel(result.adapter, result.software);
    for (const r of result.rows) summary.push(row('ADMM iteration', `p ${r.p}, B ${r.batch}`, 'CPU f64', r.cpuMsPerIteration, 'WGSL', r.gpuMsPerIteration));
    console.log();
    print(admmTable(adapterLabel(result.adapter, result.software), result.rows));
  }
} finally {
  await browser.close();
  await server.close();
}
if (suites.includes('longtasks')) {
  const { printLongTasks, runLongTasks } = await import('./longTasks.mjs');
  longTasks = await runLongTasks(opts);
  printLongTasks(longTasks);
}
print(summaryTable(adapter, summary, longTasks));
