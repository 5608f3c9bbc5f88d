// The Python prelude of every exported script draws exactly the numbers of src/lib/rng.ts: the same
// seed gives the same data in the tab and in the script. Compared word for word (u32) and to the last
// bit (uniforms), and to 1e-15 where libm's log, sin and cos may differ by an ulp (normals, Gumbel).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPython } from '../../../scripts/python';
import { deriveKey, gumbelFromHash, hashU32, hashUniform01, RngStream } from '../rng';
import { studentCdf, studentQuantile } from '../studentT';
import { meanInterval } from '../stats';

const python = findPython();
const here = join(process.cwd(), 'src/lib/python');

function draws(seed: number) {
  const root = RngStream.fromSeed(seed);
  const a = root.split('data');
  const b = root.split(3).split('init');
  const p = [0.1, 0.2, 0.3, 0.4];
  return {
    keys: [root.key, a.key, b.key, deriveKey(seed, 'héllo'), deriveKey(seed, 0xffffffff)],
    u32: [0, 1, 2, 1000, 4294967295].map((c) => hashU32(a.key, c)),
    uniform01: [0, 5, 77].map((c) => hashUniform01(b.key, c)),
    gumbel: [0, 5, 77].map((c) => gumbelFromHash(b.key, c)),
    stream: [a.nextU32(), a.uniform(), a.normal(), a.normal(), a.normal(), a.int(7), a.categorical(p), a.categorical(p, 1, 3)],
    uniforms: Array.from({ length: 9 }, () => b.uniform()),
    normals: Array.from({ length: 11 }, () => b.normal()),
  };
}

/** Runs `code` in python3 after `from playground import *` (and json, math, sys), `args` as sys.argv[1:]: the JSON it prints. */
function runPrelude<T>(code: string, ...args: string[]): T {
  const header = `import json, math, sys\nsys.path.insert(0, ${JSON.stringify(here)})\nfrom playground import *\n`;
  return JSON.parse(execFileSync(python!, ['-c', header + code, ...args], { encoding: 'utf8' })) as T;
}

const PY = `
seed = int(sys.argv[1])
root = RngStream.from_seed(seed)
a = root.split("data")
b = root.split(3).split("init")
p = [0.1, 0.2, 0.3, 0.4]
out = {
  "keys": [root.key, a.key, b.key, derive_key(seed, "héllo"), derive_key(seed, 0xFFFFFFFF)],
  "u32": [hash_u32(a.key, c) for c in [0, 1, 2, 1000, 4294967295]],
  "uniform01": list(hash_uniform01_array(b.key, [0, 5, 77])),
  "gumbel": list(gumbel_from_hash_array(b.key, [0, 5, 77])),
  "stream": [a.next_u32(), a.uniform(), a.normal(), a.normal(), a.normal(), a.int(7), a.categorical(p), a.categorical(p, 1, 3)],
  "uniforms": list(b.uniforms(4)) + [b.uniform() for _ in range(5)],
  "normals": list(b.normals(3)) + [b.normal()] + list(b.normals(4)) + list(b.normals(3)),
}
print(json.dumps(out, default=float))
`;

describe.skipIf(!python)('the exported scripts\u2019 random streams (src/lib/python/playground.py)', () => {
  it.each([1, 7, 123456789])('seed %i: the same keys, words and draws as rng.ts', (seed) => {
    const got = runPrelude<ReturnType<typeof draws>>(PY, String(seed));
    const want = draws(seed);
    expect(got.keys).toEqual(want.keys);
    expect(got.u32).toEqual(want.u32);
    expect(got.uniform01).toEqual(want.uniform01);
    expect(got.uniforms).toEqual(want.uniforms);
    expect(got.stream.slice(0, 2)).toEqual(want.stream.slice(0, 2));
    expect(got.stream.slice(5)).toEqual(want.stream.slice(5));
    for (const [g, w] of [
      [got.gumbel, want.gumbel],
      [got.normals, want.normals],
      [got.stream.slice(2, 5), want.stream.slice(2, 5)],
    ] as const) {
      expect(g.length).toBe(w.length);
      g.forEach((x, i) => expect(Math.abs(x - w[i])).toBeLessThan(1e-15 * Math.max(1, Math.abs(w[i]))));
    }
  });
});

describe.skipIf(!python)('the exported scripts\u2019 many streams at once', () => {
  it('derive_keys, uniforms_of and normals_of give what rng.ts gives stream by stream', () => {
    const keys = [1, 7, 123456789, 4294967295].map((seed) => RngStream.fromSeed(seed).key);
    const code = `keys = json.loads(sys.argv[1])\nprint(json.dumps({"byLabel": derive_keys(keys, "scene").tolist(), "byIndex": derive_keys(keys[0], [0, 1, 2, 4294967295]).tolist(), "uniforms": uniforms_of(keys, 5).tolist(), "normals": normals_of(keys, 3).tolist()}))`;
    const got = runPrelude<{ byLabel: number[]; byIndex: number[]; uniforms: number[][]; normals: number[][] }>(code, JSON.stringify(keys));
    expect(got.byLabel).toEqual(keys.map((k) => deriveKey(k, 'scene')));
    expect(got.byIndex).toEqual([0, 1, 2, 4294967295].map((i) => deriveKey(keys[0], i)));
    expect(got.uniforms).toEqual(keys.map((k) => Array.from({ length: 5 }, ((s) => () => s.uniform())(new RngStream(k)))));
    keys.forEach((k, row) => {
      const s = new RngStream(k);
      for (const z of got.normals[row]) expect(Math.abs(z - s.normal())).toBeLessThan(1e-15 * Math.max(1, Math.abs(z)));
    });
  });
});

describe.skipIf(!python)('the exported scripts\u2019 Student t (the claims\u2019 intervals)', () => {
  it('gives studentT.ts\u2019s CDF and quantiles', () => {
    const dfs = [1, 2, 4, 7, 19];
    const code = `print(json.dumps([[student_cdf(1.3, df), student_quantile(0.975, df)] for df in ${JSON.stringify(dfs)}]))`;
    const got = runPrelude<[number, number][]>(code);
    dfs.forEach((df, i) => {
      expect(Math.abs(got[i][0] - studentCdf(1.3, df))).toBeLessThan(1e-14);
      expect(Math.abs(got[i][1] - studentQuantile(0.975, df))).toBeLessThan(1e-12 * studentQuantile(0.975, df));
    });
  });
});

describe.skipIf(!python)('the exported scripts\u2019 mean intervals (every demo\u2019s claim spreads)', () => {
  it('gives stats.ts meanInterval\u2019s estimate and ends, at 95% and 90%, unbounded below two values and NaN for none', () => {
    const samples = [[0.31, -0.07, 0.12, 0.5, 0.02], [1e-3, 2e-3], [4.2], [], Array.from({ length: 30 }, (_, i) => Math.cos(i * 1.7) * 3)];
    const code = `plain = lambda d: {k: (v if math.isfinite(v) else str(v)) for k, v in d.items()}\nprint(json.dumps([[plain(mean_interval(xs)), plain(mean_interval(xs, 0.9))] for xs in json.loads(sys.argv[1])]))`;
    const got = runPrelude<{ estimate: number | string; low: number | string; high: number | string }[][]>(code, JSON.stringify(samples));
    samples.forEach((xs, i) => {
      for (const [j, level] of [0.95, 0.9].entries()) {
        const want = meanInterval(xs, level);
        const { estimate, low, high } = got[i][j];
        if (xs.length === 0) {
          expect([estimate, low, high]).toEqual(['nan', 'nan', 'nan']);
          expect([want.estimate, want.low, want.high]).toEqual([NaN, NaN, NaN]);
        } else if (xs.length < 2) {
          expect(estimate).toBe(want.estimate);
          expect([low, high]).toEqual(['-inf', 'inf']);
          expect([want.low, want.high]).toEqual([-Infinity, Infinity]);
        } else {
          expect(estimate).toBe(want.estimate);
          // the quantile's bisection agrees with studentT.ts to 1e-12 relative (above)
          expect(Math.abs((low as number) - want.low)).toBeLessThan(1e-12 * Math.max(1, Math.abs(want.low)));
          expect(Math.abs((high as number) - want.high)).toBeLessThan(1e-12 * Math.max(1, Math.abs(want.high)));
        }
      }
    });
  });
});

describe.skipIf(!python)('the exported scripts\u2019 JavaScript arithmetic', () => {
  it('sums left to right as reduce does, and takes Math.hypot\u2019s and division\u2019s answers', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 10 ** ((i % 7) - 3));
    const pairs = [[3, 4], [1e-200, 1e-200], [0.1, 0.7, 2.3], [-5, 12, 84], [0, 0]];
    const code = `xs = json.loads(sys.argv[1])\nprint(json.dumps([js_sum(xs), js_sum(np.array(xs)), js_mean(xs), [js_hypot(p) for p in ${JSON.stringify(pairs)}], str(js_div(1.0, -0.0)), str(js_div(0.0, 0.0))]))`;
    const [sum, arraySum, mean, hypots, negInf, nan] = runPrelude<[number, number, number, number[], string, string]>(code, JSON.stringify(xs));
    const reduced = xs.reduce((a, b) => a + b, 0);
    expect([sum, arraySum, mean]).toEqual([reduced, reduced, reduced / xs.length]);
    expect(hypots).toEqual(pairs.map((p) => Math.hypot(...p)));
    expect([negInf, nan]).toEqual(['-inf', 'nan']);
  });
});
