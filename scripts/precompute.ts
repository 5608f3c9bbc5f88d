// `npm run precompute [-- slug …] [--steps-only]`: runs each ready demo's default parameters with the
// same run() the page uses, in headless Chromium on the CPU path (what a visitor without WebGPU
// computes), and writes public/precomputed/<slug>.json (the results, with the date, the code version
// and the machine) and public/precomputed/gallery.json; then its tutorial's other configurations,
// into public/precomputed/<slug>.steps.json (`--steps-only`: only these). A demo's page shows its file at once, labelled
// "precomputed", while the live run computes; scripts/precomputed.test.ts fails when a file no
// longer matches the code or the defaults.
import { mkdirSync, writeFileSync } from 'node:fs';
import { withAppPage } from './appPage';
import { codeVersion } from './codeVersion';
import { existsSync, rmSync } from 'node:fs';
import { GALLERY_PATH, galleryFromFiles, PRECOMPUTED_DIR, precomputedPath, precomputedStepsPath, readyMetas } from './precomputedFiles';
import { encodeResultsJson, PRECOMPUTED_FORMAT, PRECOMPUTED_STEPS_FORMAT, type PrecomputedFile, type PrecomputedStepsFile } from '../src/lib/precomputed';
import type { DemoResults } from '../src/lib/results';

const root = process.cwd();
const ready = (await readyMetas(root)).map((m) => m.slug);
const asked = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const unknown = asked.filter((s) => !ready.includes(s));
if (unknown.length > 0) throw new Error(`not a ready demo: ${unknown.join(', ')} (ready: ${ready.join(', ')})`);
const slugs = asked.length > 0 ? asked : ready;
const stepsOnly = process.argv.includes('--steps-only');

mkdirSync(PRECOMPUTED_DIR, { recursive: true });
await withAppPage(async (page, browser) => {
  const provenance = (slug: string, results: DemoResults) => {
    const backend = results.backend.path === 'cpu' ? `CPU path, tfjs ${results.backend.tfBackend}` : `${results.backend.path}, ${results.backend.adapter}`;
    return { createdAt: new Date().toISOString(), codeVersion: codeVersion(root, slug).hash, machine: `headless Chromium ${browser.version()}, ${backend}` };
  };
  const run = (slug: string, params: Record<string, unknown>) => page.evaluate(([s, p]) => window.playground.run(s, p), [slug, params] as const) as Promise<DemoResults>;
  for (const slug of slugs) {
    if (!stepsOnly) {
      const started = Date.now();
      const results = await run(slug, {});
      const file: PrecomputedFile = { format: PRECOMPUTED_FORMAT, version: 1, slug, provenance: provenance(slug, results), results };
      writeFileSync(precomputedPath(slug), `${encodeResultsJson(file)}\n`);
      const paper = results.claims.filter((c) => c.kind === 'paper');
      console.log(`[precompute] ${slug}: ${((Date.now() - started) / 1000).toFixed(1)} s, paper claims ${paper.filter((c) => c.passed).length}/${paper.length} pass → ${precomputedPath(slug)}`);
    }
    const configurations = await page.evaluate((s) => window.playground.tutorialRuns(s), slug);
    if (configurations.length === 0) {
      if (existsSync(precomputedStepsPath(slug))) rmSync(precomputedStepsPath(slug));
      continue;
    }
    const started = Date.now();
    const steps: DemoResults[] = [];
    for (const params of configurations) {
      const results = await run(slug, params);
      // the page finds a shipped run by its parameters: they must come back as the tutorial set them
      if (JSON.stringify(results.params) !== JSON.stringify(params)) throw new Error(`${slug}: a tutorial step's parameters came back changed (${JSON.stringify(params)} → ${JSON.stringify(results.params)})`);
      steps.push(results);
    }
    const file: PrecomputedStepsFile = { format: PRECOMPUTED_STEPS_FORMAT, version: 1, slug, provenance: provenance(slug, steps[0]), steps };
    writeFileSync(precomputedStepsPath(slug), `${encodeResultsJson(file)}\n`);
    console.log(`[precompute] ${slug} tutorial: ${steps.length} runs, ${((Date.now() - started) / 1000).toFixed(1)} s → ${precomputedStepsPath(slug)}`);
  }
  writeFileSync(GALLERY_PATH, `${JSON.stringify(await galleryFromFiles(root))}\n`);
  console.log(`[precompute] wrote ${GALLERY_PATH}`);
});
