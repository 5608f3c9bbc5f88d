import { describe, expect, it } from 'vitest';
import { deriveKey, hashUniform01, pcg2d, RngStream } from './rng';

describe('counter-based RNG streams', () => {
  it('is a pure function of (seed, labels, position)', () => {
    const a = RngStream.fromSeed(42).split('data').split(3);
    const b = RngStream.fromSeed(42).split('data').split(3);
    const xs = Array.from({ length: 100 }, () => a.uniform());
    expect(Array.from({ length: 100 }, () => b.uniform())).toEqual(xs);
  });

  it('gives different streams for different seeds and labels', () => {
    const first = (s: RngStream) => Array.from({ length: 8 }, () => s.nextU32());
    const root = RngStream.fromSeed(1);
    expect(first(root.split('data'))).not.toEqual(first(root.split('init')));
    expect(first(root.split(0))).not.toEqual(first(root.split(1)));
    expect(first(RngStream.fromSeed(1))).not.toEqual(first(RngStream.fromSeed(2)));
    expect(deriveKey(7, 'a')).not.toBe(deriveKey(7, 'b'));
  });

  it('draws uniforms and normals with the right moments', () => {
    const rng = RngStream.fromSeed(9);
    const n = 100_000;
    let su = 0;
    let sz = 0;
    let szz = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      su += u;
      const z = rng.normal();
      sz += z;
      szz += z * z;
    }
    expect(outside).toBe(0);
    expect(Math.abs(su / n - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sz / n)).toBeLessThan(0.01);
    expect(Math.abs(szz / n - 1)).toBeLessThan(0.02);
  });

  it('pcg2d is a u32 mix and hashUniform01 has 24-bit resolution', () => {
    const [x, y] = pcg2d(0, 0);
    expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
    expect(Number.isInteger(y) && y >= 0 && y < 2 ** 32).toBe(true);
    const u = hashUniform01(123, 456);
    expect(Number.isInteger(u * 2 ** 24)).toBe(true);
  });

  it('categorical draws by inverse CDF from one uniform, over a slice of a longer array', () => {
    const p = [9, 9, 0.2, 0.3, 0.5, 9];
    const a = RngStream.fromSeed(11);
    const b = RngStream.fromSeed(11);
    for (let i = 0; i < 200; i++) {
      const u = b.uniform();
      expect(a.categorical(p, 2, 3)).toBe(u < 0.2 ? 0 : u < 0.5 ? 1 : 2);
    }
    // rounding that leaves mass uncovered lands on the last index
    expect(RngStream.fromSeed(1).categorical([0, 0, 0])).toBe(2);
  });
});
