import { describe, expect, it } from 'vitest';
import { frobeniusDistance, rebuildFromEigen, symmetricEigen } from './linalg';
import { parallelJacobiEigen, roundRobinPair } from './jacobi';
import { RngStream } from './rng';
import { randomSymmetric as randomSymmetricFrom } from '../testing/random';

const randomSymmetric = (p: number, seed: number) => randomSymmetricFrom(p, RngStream.fromSeed(seed));

describe('symmetricEigen (tred2 + tql2)', () => {
  for (const p of [1, 2, 7, 50]) {
    it(`reconstructs a random ${p}×${p} matrix with orthonormal vectors, ascending values`, () => {
      const a = randomSymmetric(p, p);
      const { values, vectors } = symmetricEigen(a, p);
      for (let i = 1; i < p; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
      expect(frobeniusDistance(rebuildFromEigen(vectors, values, p), a)).toBeLessThan(1e-10);
      const identity = rebuildFromEigen(vectors, new Float64Array(p).fill(1), p);
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) expect(identity[i * p + j]).toBeCloseTo(i === j ? 1 : 0, 10);
    });
  }
});

describe('parallelJacobiEigen (reference of jacobi_eig.wgsl)', () => {
  it('pairs every index with every other exactly once per sweep', () => {
    for (const m of [2, 6, 10]) {
      const seen = new Set<string>();
      for (let round = 0; round < m - 1; round++) {
        const used = new Set<number>();
        for (let q = 0; q < m / 2; q++) {
          const [i, j] = roundRobinPair(round, q, m);
          expect(used.has(i) || used.has(j)).toBe(false);
          used.add(i);
          used.add(j);
          seen.add(`${i},${j}`);
        }
      }
      expect(seen.size).toBe((m * (m - 1)) / 2);
    }
  });

  for (const p of [5, 33]) {
    it(`matches tred2/tql2 on a random ${p}×${p} matrix`, () => {
      const a = randomSymmetric(p, 100 + p);
      const jac = parallelJacobiEigen(a, p, 30, 1e-14);
      const ref = symmetricEigen(a, p);
      const sorted = Array.from(jac.values).sort((x, y) => x - y);
      for (let i = 0; i < p; i++) expect(sorted[i]).toBeCloseTo(ref.values[i], 10);
      expect(frobeniusDistance(rebuildFromEigen(jac.vectors, jac.values, p), a)).toBeLessThan(1e-10);
      expect(jac.sweeps).toBeLessThan(15);
    });
  }

  it('warm-started from a nearby basis, needs fewer sweeps for the same answer', () => {
    const p = 30;
    const a = randomSymmetric(p, 77);
    const nearby = a.map((v, i) => v + 1e-3 * Math.cos(i));
    for (let r = 0; r < p; r++) for (let c = 0; c < r; c++) nearby[r * p + c] = nearby[c * p + r];
    const start = symmetricEigen(nearby, p).vectors;
    const cold = parallelJacobiEigen(a, p, 30, 1e-12);
    const warm = parallelJacobiEigen(a, p, 30, 1e-12, start);
    expect(warm.sweeps).toBeLessThan(cold.sweeps);
    expect(frobeniusDistance(rebuildFromEigen(warm.vectors, warm.values, p), a)).toBeLessThan(1e-10);
    const sorted = Array.from(warm.values).sort((x, y) => x - y);
    for (let i = 0; i < p; i++) expect(sorted[i]).toBeCloseTo(symmetricEigen(a, p).values[i], 10);
  });
});
