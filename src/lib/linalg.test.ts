import { describe, expect, it } from 'vitest';
import { frobeniusDistance, matVec, rebuildFromEigen, symmetricEigen } from './linalg';
import { parallelJacobiEigen, roundRobinPair } from './jacobi';
import { RngStream } from './rng';
import { randomSymmetric as randomSymmetricFrom } from '../testing/random';

const randomSymmetric = (p: number, seed: number) => randomSymmetricFrom(p, RngStream.fromSeed(seed));

/** Q = H₁H₂H₃ (Householder reflections of random normal vectors): orthogonal by construction. */
function randomOrthogonal(p: number, seed: number): Float64Array {
  const rng = RngStream.fromSeed(seed);
  let q = new Float64Array(p * p);
  for (let i = 0; i < p; i++) q[i * p + i] = 1;
  for (let h = 0; h < 3; h++) {
    const u = Float64Array.from({ length: p }, () => rng.normal());
    const uu = u.reduce((s, x) => s + x * x, 0);
    const next = new Float64Array(p * p);
    // Q ← Q (I − 2uuᵀ/uᵀu)
    for (let r = 0; r < p; r++) {
      let qu = 0;
      for (let k = 0; k < p; k++) qu += q[r * p + k] * u[k];
      for (let c = 0; c < p; c++) next[r * p + c] = q[r * p + c] - (2 * qu * u[c]) / uu;
    }
    q = next;
  }
  return q;
}

/** Q diag(λ) Qᵀ: a symmetric matrix with the spectrum λ and eigenvectors the columns of Q. */
function withSpectrum(q: Float64Array, lambda: number[]): Float64Array {
  return rebuildFromEigen(q, lambda, lambda.length);
}

/** max |(A V − V Λ)ᵢⱼ| and max |(VᵀV − I)ᵢⱼ|. */
function residuals(a: Float64Array, p: number, values: Float64Array, vectors: Float64Array) {
  let eigen = 0;
  let ortho = 0;
  for (let i = 0; i < p; i++) {
    const v = Float64Array.from({ length: p }, (_, r) => vectors[r * p + i]);
    const av = matVec(a, v, p);
    for (let r = 0; r < p; r++) eigen = Math.max(eigen, Math.abs(av[r] - values[i] * v[r]));
    for (let j = 0; j < p; j++) {
      let dot = 0;
      for (let r = 0; r < p; r++) dot += v[r] * vectors[r * p + j];
      ortho = Math.max(ortho, Math.abs(dot - (i === j ? 1 : 0)));
    }
  }
  return { eigen, ortho };
}

/** Projector onto the span of columns [from, to) of a p×p column basis. */
function spanProjector(vectors: Float64Array, p: number, from: number, to: number): Float64Array {
  const w = new Float64Array(p);
  w.fill(1, from, to);
  return rebuildFromEigen(vectors, w, p);
}

describe('symmetricEigen (ml-matrix EVD)', () => {
  for (const p of [1, 2, 7, 50]) {
    it(`decomposes a random ${p}×${p} matrix: A V = V Λ, VᵀV = I, ascending values`, () => {
      const a = randomSymmetric(p, p);
      const { values, vectors } = symmetricEigen(a, p);
      for (let i = 1; i < p; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
      const { eigen, ortho } = residuals(a, p, values, vectors);
      expect(eigen).toBeLessThan(1e-12 * p);
      expect(ortho).toBeLessThan(1e-13 * p);
      expect(frobeniusDistance(rebuildFromEigen(vectors, values, p), a)).toBeLessThan(1e-10);
    });
  }

  it('solves the 2×2 case in closed form', () => {
    const { values, vectors } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
    // Eigenvector of 3 is ±(1, 1)/√2: its projector is all ½.
    for (const x of spanProjector(vectors, 2, 1, 2)) expect(x).toBeCloseTo(0.5, 14);
  });

  it('sorts a diagonal matrix, the eigenvectors a permutation of the axes', () => {
    const { values, vectors } = symmetricEigen(Float64Array.of(3, 0, 0, 0, -1, 0, 0, 0, 2), 3);
    expect(Array.from(values)).toEqual([-1, 2, 3]);
    expect(Array.from(vectors, Math.abs)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
  });

  it('recovers a known spectrum to 1e-12 and its eigenprojectors, degenerate eigenvalues included', () => {
    const p = 20;
    const q = randomOrthogonal(p, 5);
    // Eigenvalues 4 (×3), 1 (×5), 0 (×10), −2 (×2), given in descending order.
    const lambda = [...Array(3).fill(4), ...Array(5).fill(1), ...Array(10).fill(0), ...Array(2).fill(-2)];
    const { values, vectors } = symmetricEigen(withSpectrum(q, lambda), p);
    const sorted = [...lambda].sort((x, y) => x - y);
    for (let i = 0; i < p; i++) expect(Math.abs(values[i] - sorted[i])).toBeLessThan(1e-12 * 4);
    // Eigenvectors inside a repeated eigenvalue are arbitrary; the eigenspace projector is not.
    const clusters: [number, number, number, number][] = [[0, 2, 18, 20], [2, 12, 8, 18], [12, 17, 3, 8], [17, 20, 0, 3]];
    for (const [from, to, qFrom, qTo] of clusters) {
      expect(frobeniusDistance(spanProjector(vectors, p, from, to), spanProjector(q, p, qFrom, qTo))).toBeLessThan(1e-12);
    }
  });

  it('decomposes a rank-2 projector (the Fantope iterates) into eigenvalues 0 and 1', () => {
    const p = 30;
    const q = randomOrthogonal(p, 9);
    const pi = spanProjector(q, p, 0, 2);
    const { values, vectors } = symmetricEigen(pi, p);
    for (let i = 0; i < p; i++) expect(values[i]).toBeCloseTo(i >= p - 2 ? 1 : 0, 13);
    expect(frobeniusDistance(spanProjector(vectors, p, p - 2, p), pi)).toBeLessThan(1e-13);
  });

  it('keeps the symmetric solver on input asymmetric by rounding', () => {
    const p = 12;
    const a = randomSymmetric(p, 31);
    a[1] += 1e-15; // a[0][1] ≠ a[1][0] in the last bits, as a sum of rounded products leaves it
    const { values, vectors } = symmetricEigen(a, p);
    // The general (Hessenberg QR) path would leave the eigenvalues unsorted.
    for (let i = 1; i < p; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
    expect(residuals(a, p, values, vectors).ortho).toBeLessThan(1e-13 * p);
  });

  it('returns the empty decomposition for p = 0', () => {
    const { values, vectors } = symmetricEigen(new Float64Array(0), 0);
    expect(values).toHaveLength(0);
    expect(vectors).toHaveLength(0);
  });
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
    it(`matches symmetricEigen on a random ${p}×${p} matrix`, () => {
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
