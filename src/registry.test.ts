import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demos, findDemo, loadDemo, readySlugs } from './registry';

const folders = readdirSync('src/demos', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('the registry', () => {
  it('finds every demo folder by itself, in gallery order', () => {
    expect(demos.map((d) => d.slug).sort()).toEqual(folders);
    const orders = demos.map((d) => d.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(new Set(orders).size).toBe(orders.length);
  });

  it('loads a ready demo’s module, built by defineDemo, and names what it cannot load', async () => {
    const slug = readySlugs()[0];
    const module = await loadDemo(slug);
    expect(module.meta).toBe(findDemo(slug));
    expect(module.parse({}).issues).toEqual([]);
    expect(typeof module.useStore.getState().run).toBe('function');
    const waiting = demos.find((d) => d.status === 'in-preparation');
    if (waiting) await expect(loadDemo(waiting.slug)).rejects.toThrow(/in preparation/);
    await expect(loadDemo('no-such-demo')).rejects.toThrow(/No demo is called "no-such-demo"/);
  });

  it('gives every ready demo a headline chart for its gallery card', () => {
    for (const meta of demos.filter((d) => d.status === 'ready')) expect(meta.headline, meta.slug).toBeDefined();
  });
});
