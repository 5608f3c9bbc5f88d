// The shipped first screens can never go stale silently: each ready demo's precomputed run must
// have been made by the code that is here (its code version) at the parameters that are the
// defaults now, and the gallery's pictures must be what those runs give.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../src/registry';
import { CLAIMS_TABLE_PATH, claimsMarkdown } from './claimsFiles';
import { codeVersion } from './codeVersion';
import { GALLERY_PATH, galleryFromFiles, precomputedStepsPath, readPrecomputed, readPrecomputedSteps, readyMetas } from './precomputedFiles';
import { defaults } from '../src/lib/params';
import { tutorialRuns } from '../src/lib/precomputed';

const root = process.cwd();
const slugs = (await readyMetas(root)).map((m) => m.slug);
const regenerate = (slug: string) => `run \`npm run precompute -- ${slug}\` and commit the file`;

describe.each(slugs)('public/precomputed/%s.json', (slug) => {
  const file = readPrecomputed(root, slug);

  it('was made by the code that is here', () => {
    const now = codeVersion(root, slug);
    expect(file.provenance.codeVersion, `the run depends on ${now.modules.length} modules, ${now.assets.length} data files and ${now.packages.join(', ')}: one changed since; ${regenerate(slug)}`).toBe(now.hash);
  });

  it('is the run of the default parameters, with its claims', async () => {
    const module = await loadDemo(slug);
    expect(file.results.params, `the defaults changed; ${regenerate(slug)}`).toEqual(module.parse({}).values);
    expect(file.results.claims.length).toBeGreaterThan(0);
    expect(file.results.claims.every((c) => ['paper', 'sanity', 'limit'].includes(c.kind))).toBe(true);
  });

  it('states each paper claim as a statistic over replicates with its spread (docs/DESIGN.md §8)', () => {
    for (const claim of file.results.claims.filter((c) => c.kind === 'paper')) {
      expect(claim.spread, `${slug}/${claim.id} has no spread`).toBeDefined();
      const { replicates, estimate, low, high } = claim.spread!;
      // ≥ 5 (DESIGN §8), except a comparison that trains a model per replicate: SPIN's language
      // model, 3 seeds (the minimum issue 11 set for it)
      expect(replicates, `${slug}/${claim.id}`).toBeGreaterThanOrEqual(claim.id === 'lm-spin-beats-sft' ? 3 : 5);
      // (rounding: a Wilson interval's end at k = n lands within an ulp of 1)
      expect(low <= estimate + 1e-12 && estimate <= high + 1e-12, `${slug}/${claim.id}: ${low} ≤ ${estimate} ≤ ${high}`).toBe(true);
    }
  });
});

// The tutorial's shipped runs: each step shows one at once, so each must be the run of the step's
// configuration by the code that is here.
describe.each(slugs)('public/precomputed/%s.steps.json', (slug) => {
  it('holds a run of every configuration the tutorial sets, made by the code that is here', async () => {
    const module = await loadDemo(slug);
    const wanted = tutorialRuns(defaults(module.schema), module.tutorial);
    const file = readPrecomputedSteps(root, slug);
    const remake = `run \`npm run precompute -- --steps-only ${slug}\` and commit ${precomputedStepsPath(slug)}`;
    if (wanted.length === 0) {
      expect(file, `the tutorial runs only the defaults: delete ${precomputedStepsPath(slug)}`).toBeNull();
      return;
    }
    expect(file, remake).not.toBeNull();
    expect(file!.provenance.codeVersion, `the code changed; ${remake}`).toBe(codeVersion(root, slug).hash);
    expect(file!.steps.map((r) => r.params), `the tutorial's steps changed; ${remake}`).toEqual(wanted);
  });
});

// The README quotes docs/claims.md: it must be the table the saved complete runs make with the code
// that is here, so a run made before a demo's code changed shows as stale and a demo not run as such.
describe('docs/claims.md', () => {
  it('is what the saved `npm run claims` runs give now', () => {
    expect(existsSync(CLAIMS_TABLE_PATH), 'run `npm run claims -- --table`').toBe(true);
    expect(readFileSync(CLAIMS_TABLE_PATH, 'utf8'), 'run `npm run claims -- --table` (or a complete `npm run claims -- <slug>`) and commit docs/claims.md').toBe(claimsMarkdown(root, slugs).text);
  });
});

describe('public/precomputed/gallery.json', () => {
  it('is what the precomputed runs and the headlines give', async () => {
    expect(JSON.parse(readFileSync(GALLERY_PATH, 'utf8')), 'run `npm run precompute` (it rewrites the gallery file)').toEqual(await galleryFromFiles(root));
  });
});

describe('README.md', () => {
  it('quotes docs/claims.md’s table as it stands', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readFileSync(CLAIMS_TABLE_PATH, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('|') || line.startsWith('Paper claims below the bar'));
    for (const line of table) expect(readme, `README.md lacks this line of ${CLAIMS_TABLE_PATH}; copy the table again`).toContain(line);
  });
});
