import { describe, expect, it } from 'vitest';
import { choleskySolve } from './cholesky';
import { matVec } from './linalg';
import { RngStream } from './rng';

describe('choleskySolve', () => {
  it('solves a random positive-definite system to 1e-12', () => {
    const rng = RngStream.fromSeed(12);
    const n = 7;
    const g = Float64Array.from({ length: n * n }, () => rng.normal());
    // a = gᵀg + I is positive definite
    const a = new Float64Array(n * n);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) for (let k = 0; k < n; k++) a[r * n + c] += g[k * n + r] * g[k * n + c] + (r === c && k === 0 ? 1 : 0);
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const solved = choleskySolve(a, matVec(a, x, n), n);
    for (let i = 0; i < n; i++) expect(solved[i]).toBeCloseTo(x[i], 12);
  });

  it('refuses a matrix that is not positive definite, naming the pivot', () => {
    expect(() => choleskySolve(Float64Array.from([1, 2, 2, 1]), [1, 1], 2)).toThrow(/not positive definite \(pivot 1/);
  });
});
