// `npm test`: every test of the project, in order, with one summary line at the end.
//   1. a browser (found, or installed: scripts/browser.mjs)   2. type check and import rules
//   3. unit tests (Node) and kernel tests (real Chromium, WebGPU via SwiftShader) — Vitest
//   4. production build   5. end-to-end tests against the built app, with and without WebGPU — Playwright
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureBrowser } from './browser.mjs';

const out = 'test-results/summary';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const browser = ensureBrowser();
console.log(`[test] browser: ${browser}`);
process.env.CHROMIUM_PATH ??= browser;

function step(name, command, args, env = {}) {
  console.log(`\n[test] ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

let passed = 0;
let failed = 0;
const count = (file, read) => {
  try {
    const [p, f] = read(JSON.parse(readFileSync(file, 'utf8')));
    passed += p;
    failed += f;
  } catch {
    failed += 1; // a stage that wrote no report did not run its tests
  }
};

let ok = step('type check', 'npx', ['tsc', '--noEmit', '-p', '.']);
if (!ok) failed += 1;
const importsOk = step('import rules (docs/DESIGN.md §3)', 'npx', ['tsx', 'scripts/importRules.ts']);
if (!importsOk) failed += 1;
ok = ok && importsOk;
const vitestOk = step('unit + kernel tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}/vitest.json`]);
count(`${out}/vitest.json`, (r) => [r.numPassedTests, r.numFailedTests]);
ok = step('build', 'npx', ['vite', 'build']) && ok;
if (!ok) failed += 1;
const e2eOk = ok && step('end-to-end tests', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/playwright.json` });
count(`${out}/playwright.json`, (r) => [r.stats.expected, r.stats.unexpected + r.stats.flaky]);

const green = ok && vitestOk && e2eOk && failed === 0;
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(green ? 0 : 1);
