// Presenter mode shows, large, the chart each tutorial step talks about (its `focus`): every step of
// every ready demo names one, and the name is one its view draws — a chart card (`chart-<name>` for a
// ChartCard named so), an element with that test id or id in the demo's own view files, or the claim list.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../src/registry';
import { readyMetas } from './precomputedFiles';

const root = process.cwd();
const slugs = (await readyMetas(root)).map((m) => m.slug);
const SHARED = new Set(['claims']);

function drawnNames(slug: string): Set<string> {
  const dir = join(root, 'src/demos', slug);
  const names = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.tsx'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/\bname="([\w-]+)"/g)) names.add(`chart-${m[1]}`);
    for (const m of text.matchAll(/\b(?:data-testid|id)="([\w-]+)"/g)) names.add(m[1]);
  }
  return names;
}

describe.each(slugs)('%s tutorial', (slug) => {
  it('names, for every step, a chart or section its view draws', async () => {
    const { tutorial } = await loadDemo(slug);
    const drawn = drawnNames(slug);
    const steps = tutorial.map((step, i) => ({ step: i + 1, focus: step.focus }));
    expect(steps.filter((s) => !s.focus), 'steps without a focus').toEqual([]);
    expect(steps.filter((s) => !SHARED.has(s.focus!) && !drawn.has(s.focus!)), `focus names not in src/demos/${slug}/*.tsx`).toEqual([]);
  });
});
