// "Export as a script" holds: each demo's exported Python program, run by the machine's python3 at
// the demo's defaults, prints the numbers the page computed (the shipped precomputed run of the same
// parameters) within each check's stated tolerance. Scripts with PyTorch parts are also compiled and
// dry-run (their models' shapes against the shipped weights), with or without torch installed.
// The exported files are left in exported-scripts/<slug>/ (git-ignored) to read or rerun.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { assembleScript } from '../src/lib/pythonScript';
import { agreementGap, parseScriptResults } from '../src/lib/scriptResults';
import { loadDemo } from '../src/registry';
import { readPrecomputed, readyMetas } from './precomputedFiles';
import { findPython } from './python';

const run = promisify(execFile);
// One BLAS thread per script: the matrices here are small, and BLAS threads spinning beside the rest
// of the suite on two cores doubled the scripts' CPU time for nothing (the numbers are the same).
const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
const root = process.cwd();
const out = join(root, 'exported-scripts'); // not under test-results/: Playwright empties that folder when it starts
const slugs = (await readyMetas(root)).map((m) => m.slug);
const python = findPython();
const only = process.env.EXPORT_ONLY?.split(',');

const exports = new Map<string, ReturnType<typeof writeExport>>();
const exportAtDefaults = (slug: string) => {
  if (!exports.has(slug)) exports.set(slug, writeExport(slug));
  return exports.get(slug)!;
};

/** Writes the script (and its weights) as the page's export lays them out; returns its path. */
async function writeExport(slug: string) {
  const module = await loadDemo(slug);
  const script = module.script;
  if (!script) return null;
  const file = readPrecomputed(root, slug);
  const dir = join(out, slug);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${slug}.py`);
  writeFileSync(path, assembleScript(script, module.parse(file.results.params).values, { slug, title: module.meta.title }));
  for (const folder of script.weights ?? []) {
    const name = folder.replace(/^weights\//, '').replace(/\/$/, '');
    cpSync(join(root, 'public', folder, 'manifest.json'), join(dir, 'weights', name, 'manifest.json'));
    cpSync(join(root, 'public', folder, 'weights.bin'), join(dir, 'weights', name, 'weights.bin'));
  }
  for (const file of script.data ?? []) cpSync(join(root, 'public', file), join(dir, file));
  return { script, results: file.results, path };
}

describe('Export as a script', () => {
  it('every ready demo has one', async () => {
    const missing: string[] = [];
    for (const slug of slugs) if (!(await loadDemo(slug)).script) missing.push(slug);
    expect(missing, 'demos without a script (src/demos/<slug>/script.ts)').toEqual([]);
  });

  it('finds a python3 with NumPy (.ci/run installs python3-numpy where it is missing)', () => {
    expect(python, 'no python3 that can import numpy: install NumPy (apt-get install python3-numpy)').not.toBeNull();
  });
});

describe.each(slugs.filter((s) => !only || only.includes(s)))('%s.py', (slug) => {
  it.concurrent('agrees with the page at the defaults', async () => {
    const exported = await exportAtDefaults(slug);
    if (!exported || !python) return; // reported by the tests above
    const { script, results, path } = exported;
    const started = Date.now();
    const { stdout } = await run(python, [path, '--only-numpy'], { timeout: script.seconds * 3000 + 10_000, maxBuffer: 64 << 20, env });
    const seconds = (Date.now() - started) / 1000;
    const values = parseScriptResults(stdout);
    const rows = script.agreement.map((check) => {
      const page = check.page(results as never);
      const mine = values[check.key];
      return { key: check.key, page, script: mine, ...agreementGap(check, mine ?? NaN, page), present: mine !== undefined };
    });
    writeFileSync(join(out, slug, 'agreement.json'), `${JSON.stringify({ slug, seconds, rows, tolerances: script.agreement.map((c) => ({ key: c.key, ...c.tolerance, why: c.why })) }, null, 2)}\n`);
    expect(script.agreement.length, 'a script compares at least one number with the page').toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.present, `${slug}.py printed no ${row.key}`).toBe(true);
      expect(row.ok, `${slug}.py ${row.key}: script ${row.script}, page ${row.page}, gap ${row.gap} > ${row.allowed}`).toBe(true);
    }
  });

  it.concurrent('compiles, and its PyTorch parts pass a dry run', async () => {
    const exported = await exportAtDefaults(slug);
    if (!exported || !python) return;
    await run(python, ['-m', 'py_compile', exported.path], { env });
    if (exported.script.frameworks !== 'numpy+pytorch') return;
    const { stdout } = await run(python, [exported.path, '--dry-run'], { timeout: 120_000, env });
    expect(stdout).toMatch(/\[dry run\]/);
  });
});
