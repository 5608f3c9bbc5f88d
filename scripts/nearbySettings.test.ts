// Every ready demo names two nearby settings for `npm run claims` (docs/DESIGN.md §8), each a valid
// change of its own parameters: a typo or an out-of-range value would quietly run the defaults.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseParams, type NearbySetting, type Refine, type Schema } from '../src/lib/params';
import { readyMetas } from './precomputedFiles';

const root = process.cwd();
const slugs = (await readyMetas(root)).map((m) => m.slug);

type ParamsModule = Record<string, unknown> & { nearbySettings?: NearbySetting<Record<string, unknown>>[] };
const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && 'seed' in v && typeof (v as Schema).seed?.kind === 'string';

describe.each(slugs)('%s nearby settings', (slug) => {
  it('are two, each changing only known fields to valid values, not the defaults', async () => {
    const module = (await import(pathToFileURL(join(root, 'src/demos', slug, 'params.ts')).href)) as ParamsModule;
    const schema = Object.values(module).find(isSchema);
    const refine = Object.entries(module).find(([name, v]) => name.startsWith('refine') && typeof v === 'function')?.[1] as Refine<Record<string, unknown>> | undefined;
    expect(schema, `${slug}/params.ts exports its schema`).toBeDefined();
    expect(module.nearbySettings).toHaveLength(2);
    for (const setting of module.nearbySettings!) {
      const parsed = parseParams(schema!, setting.params, refine as never);
      expect(parsed.issues, `${slug} “${setting.label}”`).toEqual([]);
      for (const [key, value] of Object.entries(setting.params)) {
        expect(Object.keys(schema!), `${slug} “${setting.label}” names ${key}`).toContain(key);
        expect(parsed.values[key], `${slug} “${setting.label}”: ${key}`).toBe(value);
      }
      const changed = Object.entries(setting.params).filter(([key, value]) => value !== schema![key].default);
      expect(changed.length, `${slug} “${setting.label}” changes at least one default`).toBeGreaterThan(0);
    }
  });
});
