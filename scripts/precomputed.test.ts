// The shipped first screens can never go stale silently: each ready demo's precomputed run must
// have been made by the code that is here (its code version) at the parameters that are the
// defaults now, and the gallery's pictures must be what those runs give.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../src/registry';
import { codeVersion } from './codeVersion';
import { GALLERY_PATH, galleryFromFiles, readPrecomputed, readyMetas } from './precomputedFiles';

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
});

describe('public/precomputed/gallery.json', () => {
  it('is what the precomputed runs and the headlines give', async () => {
    expect(JSON.parse(readFileSync(GALLERY_PATH, 'utf8')), 'run `npm run precompute` (it rewrites the gallery file)').toEqual(await galleryFromFiles(root));
  });
});
