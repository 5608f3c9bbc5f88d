// `npm run precompute [-- slug …]`: runs each ready demo's default parameters with the same run()
// the page uses, in headless Chromium on the CPU path (what a visitor without WebGPU computes), and
// writes public/precomputed/<slug>.json (the results, with the date, the code version and the
// machine) and public/precomputed/gallery.json. A demo's page shows its file at once, labelled
// "precomputed", while the live run computes; scripts/precomputed.test.ts fails when a file no
// longer matches the code or the defaults.
import { mkdirSync, writeFileSync } from 'node:fs';
import { withAppPage } from './appPage';
import { codeVersion } from './codeVersion';
import { GALLERY_PATH, galleryFromFiles, PRECOMPUTED_DIR, precomputedPath, readyMetas } from './precomputedFiles';
import { PRECOMPUTED_FORMAT, type PrecomputedFile } from '../src/lib/precomputed';
import type { DemoResults } from '../src/lib/results';

const root = process.cwd();
const ready = (await readyMetas(root)).map((m) => m.slug);
const asked = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const unknown = asked.filter((s) => !ready.includes(s));
if (unknown.length > 0) throw new Error(`not a ready demo: ${unknown.join(', ')} (ready: ${ready.join(', ')})`);
const slugs = asked.length > 0 ? asked : ready;

mkdirSync(PRECOMPUTED_DIR, { recursive: true });
await withAppPage(async (page, browser) => {
  for (const slug of slugs) {
    const started = Date.now();
    const results = (await page.evaluate((s) => window.playground.run(s, {}), slug)) as DemoResults;
    const backend = results.backend.path === 'cpu' ? `CPU path, tfjs ${results.backend.tfBackend}` : `${results.backend.path}, ${results.backend.adapter}`;
    const file: PrecomputedFile = {
      format: PRECOMPUTED_FORMAT,
      version: 1,
      slug,
      provenance: { createdAt: new Date().toISOString(), codeVersion: codeVersion(root, slug).hash, machine: `headless Chromium ${browser.version()}, ${backend}` },
      results,
    };
    writeFileSync(precomputedPath(slug), `${JSON.stringify(file)}\n`);
    const paper = results.claims.filter((c) => c.kind === 'paper');
    console.log(`[precompute] ${slug}: ${((Date.now() - started) / 1000).toFixed(1)} s, paper claims ${paper.filter((c) => c.passed).length}/${paper.length} pass → ${precomputedPath(slug)}`);
  }
  writeFileSync(GALLERY_PATH, `${JSON.stringify(await galleryFromFiles(root))}\n`);
  console.log(`[precompute] wrote ${GALLERY_PATH}`);
});
