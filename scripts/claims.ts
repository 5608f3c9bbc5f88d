// `npm run claims [-- slug …] [--seeds=1-5] [--defaults-only]`: every ready demo's claims at seed roots
// 1–5, at its defaults and at the two nearby settings its params.ts names (nearbySettings, fixed
// before looking), with the same run() the page uses, in headless Chromium on the CPU path (one
// harness for all demos: three of them need the browser's tfjs and WGSL imports). Prints one table
// (scripts/claimsTable.ts) and, for a full run, writes it to docs/claims.md, which the README quotes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { chromiumArgs, ensureBrowser } from './browser.mjs';
import { claimTable, formatClaimTable, robust, type ClaimRun } from './claimsTable';
import { readyMetas } from './precomputedFiles';
import type { NearbySetting } from '../src/lib/params';
import type { DemoResults } from '../src/lib/results';

const root = process.cwd();
const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const seedRange = (option('seeds') ?? '1-5').split('-').map(Number);
const seeds = Array.from({ length: (seedRange[1] ?? seedRange[0]) - seedRange[0] + 1 }, (_, i) => seedRange[0] + i);
const defaultsOnly = args.includes('--defaults-only');
const ready = (await readyMetas(root)).map((m) => m.slug);
const asked = args.filter((a) => !a.startsWith('--'));
const unknown = asked.filter((s) => !ready.includes(s));
if (unknown.length > 0) throw new Error(`not a ready demo: ${unknown.join(', ')} (ready: ${ready.join(', ')})`);
const slugs = asked.length > 0 ? asked : ready;
const full = asked.length === 0 && !defaultsOnly && seeds.join() === '1,2,3,4,5';

async function settingsOf(slug: string): Promise<NearbySetting<Record<string, unknown>>[]> {
  const module = (await import(pathToFileURL(join(root, 'src/demos', slug, 'params.ts')).href)) as { nearbySettings?: NearbySetting<Record<string, unknown>>[] };
  if (!module.nearbySettings || module.nearbySettings.length !== 2) throw new Error(`src/demos/${slug}/params.ts must export two nearbySettings`);
  return [{ label: 'defaults', params: {} }, ...(defaultsOnly ? [] : module.nearbySettings)];
}

const server = await createServer({ server: { host: '127.0.0.1', port: 0, hmr: false, watch: null }, logLevel: 'warn' });
await server.listen();
const address = server.httpServer!.address();
const port = typeof address === 'object' && address ? address.port : 0;
const browser = await chromium.launch({ executablePath: ensureBrowser(), args: chromiumArgs({ webgpu: false }) });
const runs: ClaimRun[] = [];
const machine = `headless Chromium ${browser.version()}, CPU path`;
const started = Date.now();
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
  await page.goto(`http://127.0.0.1:${port}/`);
  for (const slug of slugs) {
    for (const setting of await settingsOf(slug)) {
      for (const seed of seeds) {
        const t0 = Date.now();
        const results = (await page.evaluate(([s, p]) => window.playground.run(s, p), [slug, { ...setting.params, seed }] as const)) as DemoResults;
        runs.push({ slug, setting: setting.label, seed, claims: results.claims });
        const paper = results.claims.filter((c) => c.kind === 'paper');
        console.log(`[claims] ${slug} · ${setting.label} · seed ${seed}: ${((Date.now() - t0) / 1000).toFixed(1)} s, paper ${paper.filter((c) => c.passed).length}/${paper.length}`);
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const rows = claimTable(runs);
const table = formatClaimTable(rows);
const fragile = rows.filter((r) => r.kind === 'paper' && !robust(r)).map((r) => `${r.slug}/${r.id}`);
const summary =
  `Seed roots ${seeds[0]}–${seeds[seeds.length - 1]}; each cell: passes/runs · the claim's measured value, mean ± s.d. over the roots. ` +
  `Paper claims below the bar (≥ 80% of roots at every setting): ${fragile.length === 0 ? 'none' : fragile.join(', ')}.`;
console.log(`\n${table}\n\n${summary}\n[claims] ${runs.length} runs in ${((Date.now() - started) / 60000).toFixed(1)} min`);
if (full) {
  writeFileSync(
    join(root, 'docs/claims.md'),
    `# Claims over seed roots and nearby settings\n\nWritten by \`npm run claims\` on ${new Date().toISOString().slice(0, 10)} (${machine}, ${runs.length} runs, ${((Date.now() - started) / 60000).toFixed(0)} min). ` +
      `Nearby settings are each demo's \`nearbySettings\` in its params.ts. See docs/DESIGN.md §8.\n\n${table}\n\n${summary}\n`,
  );
  console.log('[claims] wrote docs/claims.md');
}
