// The raw-kernel benchmarks in Node, on whatever adapter Dawn (the `webgpu` package) finds: a GPU
// where there is a driver, else Chromium's SwiftShader. No Vite, no browser: bench/node/bundle.mjs
// bundles this file into one script that runs next to a copy of the `webgpu` package
// (`npm run bench -- --node` here, `npm run bench:pack` to carry it elsewhere; see the README).
//
//   --suite=denoise|loss|admm|all   the browser bench's suites, minus DNDM end to end (it needs the
//                                   shipped weights); sizes and budgets as in the browser:
//                                   --b --l --v --t --p --budgetMs (defaults: bench/suiteOptions.ts)
//   --json=FILE                     also write the checks and rows as JSON
//   --dawn=FLAG[,FLAG]              Dawn options, e.g. --dawn=backend=vulkan or adapter=<name>
//
// Every kernel's output is first checked once against its plain-TypeScript reference; the exit
// status is 1 when a check fails or there is no adapter.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { acquireDevice } from '../../src/gpu/device';
import { startTfOnDevice } from '../../src/gpu/tfjsInterop';
import { createSequenceLogProbOp } from '../../src/models/sequenceLogProbOp';
import { timeAdmmRows } from '../admmTiming';
import { timeDenoiseSteps } from '../denoiseSteps';
import { timeLossRows } from '../lossRows';
import { ADMM_DEFAULTS, DENOISE_DEFAULTS, LOSS_DEFAULTS, readOptions } from '../suiteOptions';
import { adapterLabel, admmTable, denoiseStepTable, lossTable } from '../tables.mjs';
import { checkAdmm, checkDenoiseStep, checkSequenceLogProb, type KernelCheck } from './checks';
import { dawnDirectory, installDawn } from './dawnGpu';
import { CHROMIUM_DIR, planVulkan } from './vulkan';

/** Where `npm run bench:pack` puts a Vulkan loader, next to the bundle (used only if the system has none). */
const CARRIED_LOADER_DIR = fileURLToPath(new URL('./vulkan-loader', import.meta.url));
/** Set in the re-run that gets LD_LIBRARY_PATH: the first run's notes, so they print once. */
const NOTES_VARIABLE = 'WEBGPU_BENCH_VULKAN_NOTES';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [key, ...value] = a.replace(/^--/, '').split('=');
    return [key, value.join('=')] as const;
  }),
);
const suite = args.get('suite') || 'all';
const SUITES = ['denoise', 'loss', 'admm'];
const suites = suite === 'all' ? SUITES : [suite];
if (!SUITES.includes(suite) && suite !== 'all') {
  console.error(`--suite=${suite}: expected one of ${SUITES.join(', ')} or all`);
  process.exit(2);
}
const print = (lines: readonly string[]) => console.log(lines.join('\n'));
const progress = (line: string): void => console.log(`[bench] ${line}`);

function checkTable(checks: readonly KernelCheck[]): string[] {
  return [
    'Kernel outputs vs the plain-TypeScript references (once, at the first size of each list):',
    '  ok    max |diff|   tolerance   mismatches   kernel (size)',
    ...checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.maxAbsDiff.toExponential(2).padStart(10)}  ${c.tolerance.toExponential(1).padStart(10)}  ${String(c.mismatches).padStart(11)}   ${c.kernel} (${c.size})`),
  ];
}

/** Sets the Vulkan variables; when the library path must change, runs this script again with it and returns its status. */
function prepareVulkan(): { notes: string[]; rerunStatus?: number } {
  if (process.platform !== 'linux') return { notes: [] };
  const inherited = process.env[NOTES_VARIABLE];
  if (inherited) return { notes: JSON.parse(inherited) as string[] };
  const plan = planVulkan(dawnDirectory(), [CARRIED_LOADER_DIR, CHROMIUM_DIR]);
  Object.assign(process.env, plan.env);
  if (Object.keys(plan.restartEnv).length === 0) return { notes: plan.notes };
  const env = { ...process.env, ...plan.restartEnv, [NOTES_VARIABLE]: JSON.stringify(plan.notes) };
  const rerun = spawnSync(process.execPath, process.argv.slice(1), { stdio: 'inherit', env });
  return { notes: plan.notes, rerunStatus: rerun.status ?? 1 };
}

async function main(): Promise<number> {
  const vulkan = prepareVulkan();
  if (vulkan.rerunStatus !== undefined) return vulkan.rerunStatus;
  const dawnFlags = (args.get('dawn') ?? '').split(',').filter(Boolean);
  await installDawn(dawnFlags);
  console.log(`Node ${process.version} (${process.platform}-${process.arch}), WebGPU through Dawn (the webgpu package)${dawnFlags.length ? `, Dawn flags ${dawnFlags.join(' ')}` : ''}`);
  for (const note of vulkan.notes) console.log(`  ${note}`);
  const acquired = await acquireDevice();
  if (!('device' in acquired)) {
    console.log(`No WebGPU adapter: ${acquired.detail}`);
    console.log('  (see the Vulkan notes above: set VK_ICD_FILENAMES to the GPU driver\'s ICD file, or try another Dawn backend, e.g. --dawn=backend=opengles)');
    return 1;
  }
  const { device, adapter, description } = acquired;
  const label = adapterLabel(description.description, description.software);
  console.log(`adapter: ${label}`);
  console.log(`  vendor ${description.vendor || '?'}, architecture ${description.architecture || '?'}, fallback ${adapter.info.isFallbackAdapter === true}`);
  if (!(await startTfOnDevice(device, adapter))) throw new Error('tfjs could not start its webgpu backend on the Dawn device');
  tf.env().set('WEBGPU_CPU_FORWARD', false);

  const lookup = (key: string) => args.get(key);
  const denoiseSizes = readOptions(DENOISE_DEFAULTS, lookup);
  const lossSizes = readOptions(LOSS_DEFAULTS, lookup);
  const admmSizes = readOptions(ADMM_DEFAULTS, lookup);
  const checks: KernelCheck[] = [];
  if (suites.includes('denoise')) checks.push(...(await checkDenoiseStep(device, denoiseSizes.b[0], denoiseSizes.l[0], denoiseSizes.v[0])));
  if (suites.includes('loss')) checks.push(...(await checkSequenceLogProb(device, lossSizes.b[0], lossSizes.t[0], lossSizes.v[0])));
  if (suites.includes('admm')) checks.push(...(await checkAdmm(device, admmSizes.p[0], admmSizes.b[0])));
  console.log();
  print(checkTable(checks));

  const results: Record<string, unknown> = { node: process.version, adapter: description, notes: vulkan.notes, checks };
  if (suites.includes('denoise')) {
    const rows = await timeDenoiseSteps(device, denoiseSizes, progress);
    results.denoise = rows;
    console.log();
    print(denoiseStepTable(label, rows));
  }
  if (suites.includes('loss')) {
    const { op } = await createSequenceLogProbOp(device);
    const rows = await timeLossRows(op, lossSizes, progress);
    results.loss = rows;
    console.log();
    print(lossTable(label, rows));
  }
  if (suites.includes('admm')) {
    const rows = await timeAdmmRows(device, admmSizes, progress);
    results.admm = rows;
    console.log();
    print(admmTable(label, rows));
  }
  const json = args.get('json');
  if (json) writeFileSync(json, JSON.stringify(results, null, 1));
  device.destroy();
  return checks.every((c) => c.ok) ? 0 : 1;
}

main().then(
  (status) => process.exit(status),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
