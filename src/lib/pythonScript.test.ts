// The exported program's frame: constants as Python literals, a link that cannot break out of its
// comment, names checked, the output line read back with its non-finite numbers.
import { describe, expect, it } from 'vitest';
import { assembleScript, claimValue, pythonLiteral, rowWhere, type DemoScript } from './pythonScript';
import { agreementGap, parseScriptResults } from './scriptResults';
import { buildScriptDownload, scriptFiles } from './scriptExport';

const script: DemoScript<{ n: number; label: string }, unknown> = {
  frameworks: 'numpy',
  body: 'def main(args):\n    emit_results({"n": N})\n\nif __name__ == "__main__":\n    main(parse_cli())\n',
  constants: (p) => [
    { name: 'N', value: p.n, comment: 'samples' },
    { name: 'LABEL', value: p.label, comment: 'a name\nprint("escaped")' },
  ],
  agreement: [],
  seconds: 1,
};

describe('assembleScript', () => {
  it('puts the header, the constants, the prelude and the method in that order', () => {
    const text = assembleScript(script, { n: 7, label: 'x' }, { slug: 'demo', title: 'A demo', link: 'http://127.0.0.1/#/demo?n=7' });
    expect(text.startsWith('#!/usr/bin/env python3\n# A demo: exported from the WebGPU ML Playground')).toBe(true);
    expect(text).toContain("# The page's configuration: http://127.0.0.1/#/demo?n=7\n");
    const order = ['\nN = 7  # samples', 'class RngStream', 'def main(args)'].map((s) => text.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('keeps comment text on one line and strings as literals, whatever the page passes', () => {
    const text = assembleScript(script, { n: 1, label: '"""\nimport os; os.remove("x")' }, { slug: 'demo', title: 'Evil\ntitle', link: 'http://h/#/d?x=\n__import__("os")' });
    expect(text).not.toMatch(/^print\("escaped"\)/m);
    expect(text).not.toMatch(/^__import__/m);
    expect(text).not.toMatch(/^title/m);
    expect(text).toContain('LABEL = "\\"\\"\\"\\nimport os; os.remove(\\"x\\")"  # a name print("escaped")');
  });

  it('refuses constant names that are not UPPER_SNAKE_CASE or appear twice', () => {
    const bad = { ...script, constants: () => [{ name: 'n', value: 1, comment: '' }] };
    expect(() => assembleScript(bad, { n: 1, label: '' }, { slug: 'd', title: 't' })).toThrow(/UPPER_SNAKE_CASE/);
    const twice = { ...script, constants: () => [{ name: 'N', value: 1, comment: '' }, { name: 'N', value: 2, comment: '' }] };
    expect(() => assembleScript(twice, { n: 1, label: '' }, { slug: 'd', title: 't' })).toThrow(/twice/);
  });

  it('writes Python literals', () => {
    expect([pythonLiteral(true), pythonLiteral(false), pythonLiteral(2.5), pythonLiteral(NaN), pythonLiteral(-Infinity), pythonLiteral([1, 2]), pythonLiteral('é')]).toEqual(['True', 'False', '2.5', 'float("nan")', '-float("inf")', '[1, 2]', '"é"']);
  });
});

describe('reading a script back', () => {
  it('takes the last RESULTS_JSON line, with non-finite numbers', () => {
    const out = 'progress\nRESULTS_JSON {"a": 1}\nmore\nRESULTS_JSON {"a": 2, "b": "NaN", "c": "-Infinity"}\n';
    expect(parseScriptResults(out)).toEqual({ a: 2, b: NaN, c: -Infinity });
    expect(() => parseScriptResults('no line')).toThrow(/RESULTS_JSON/);
  });

  it('holds a number to |script − page| ≤ abs + rel·|page|', () => {
    expect(agreementGap({ tolerance: { rel: 1e-9 } }, 1 + 5e-10, 1).ok).toBe(true);
    expect(agreementGap({ tolerance: { rel: 1e-9 } }, 1 + 2e-9, 1).ok).toBe(false);
    expect(agreementGap({ tolerance: { abs: 0 } }, 0.9, 0.9).ok).toBe(true);
    expect(agreementGap({ tolerance: { abs: 0.1 } }, NaN, 1).ok).toBe(false);
    expect(agreementGap({ tolerance: { abs: 0 } }, NaN, NaN).ok).toBe(true);
    expect(agreementGap({ tolerance: { abs: 0 } }, Infinity, Infinity).ok).toBe(true);
  });

  it('lists the files that travel with a script', () => {
    expect(scriptFiles({ weights: ['weights/a/', 'weights/b'], data: ['data/x.json'] })).toEqual(['weights/a/manifest.json', 'weights/a/weights.bin', 'weights/b/manifest.json', 'weights/b/weights.bin', 'data/x.json']);
  });

  it('hands over the program alone, or a ZIP with its weights and data where it loads them', async () => {
    const header = { slug: 'demo', title: 'A demo', link: 'http://h/#/demo' };
    const alone = await buildScriptDownload(script, { n: 3, label: 'x' }, header, () => Promise.reject(new Error('nothing to fetch')));
    expect(alone.filename).toBe('demo.py');
    expect(await alone.blob.text()).toContain('\nN = 3  # samples');
    const fetched: string[] = [];
    const withFiles = await buildScriptDownload({ ...script, weights: ['weights/net/'], data: ['data/d.json'] }, { n: 3, label: 'x' }, header, async (path) => {
      fetched.push(path);
      return new TextEncoder().encode(path);
    });
    expect(withFiles.filename).toBe('demo-script.zip');
    expect(fetched).toEqual(['weights/net/manifest.json', 'weights/net/weights.bin', 'data/d.json']);
    // the archive's entries (read by their local headers): the program first, then each file at the path the script opens
    const bytes = new Uint8Array(await withFiles.blob.arrayBuffer());
    const view = new DataView(bytes.buffer);
    const entries: [string, string][] = [];
    for (let at = 0; view.getUint32(at, true) === 0x04034b50; ) {
      const size = view.getUint32(at + 18, true);
      const nameEnd = at + 30 + view.getUint16(at + 26, true);
      entries.push([new TextDecoder().decode(bytes.subarray(at + 30, nameEnd)), new TextDecoder().decode(bytes.subarray(nameEnd, nameEnd + size))]);
      at = nameEnd + size;
    }
    expect(entries.map(([name]) => name)).toEqual(['demo/demo.py', 'demo/weights/net/manifest.json', 'demo/weights/net/weights.bin', 'demo/data/d.json']);
    expect(entries[0][1]).toContain('\nN = 3  # samples');
    expect(entries.slice(1).map(([, body]) => body)).toEqual(fetched);
  });
});

describe('rowWhere', () => {
  const rows = [{ C: 0, regret: 1 }, { C: 20, regret: 3 }];
  it('finds the row the check reads, and names the one that is missing', () => {
    expect(rowWhere(rows, (r) => r.C === 20, 'regretVsC row at C = 20')).toEqual({ C: 20, regret: 3 });
    expect(() => rowWhere(rows, (r) => r.C === 40, 'regretVsC row at C = 40')).toThrow('no regretVsC row at C = 40 in the results');
    expect(() => rowWhere(undefined, () => true, 'tuningVsScale row at scale 1')).toThrow('no tuningVsScale row at scale 1 in the results');
  });
  it('serves claimValue', () => {
    const results = { claims: [{ id: 'a', value: 0.5 }] } as unknown as Parameters<typeof claimValue>[0];
    expect(claimValue(results, 'a')).toBe(0.5);
    expect(() => claimValue(results, 'b')).toThrow('no claim b in the results');
  });
});
