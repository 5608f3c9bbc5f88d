// Solving a symmetric positive-definite system by Cholesky, on the row-major flat layout of
// linalg.ts (its own file: the demos that import linalg.ts do not depend on it).

import type { Matrix } from './linalg';

/** L with a = L·Lᵀ (lower triangle, row-major) for a symmetric positive-definite a. */
export function choleskyFactor(a: Matrix, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c <= r; c++) {
      let s = a[r * n + c];
      for (let k = 0; k < c; k++) s -= l[r * n + k] * l[c * n + k];
      if (r === c) {
        if (!(s > 0)) throw new Error(`choleskyFactor: the matrix is not positive definite (pivot ${r}: ${s})`);
        l[r * n + r] = Math.sqrt(s);
      } else l[r * n + c] = s / l[c * n + c];
    }
  }
  return l;
}

/** x with L·Lᵀ·x = b, given the factor L: L·y = b, then Lᵀ·x = y. */
export function solveWithCholesky(l: Float64Array, b: ArrayLike<number>, n: number): Float64Array {
  const x = Float64Array.from(b);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < r; k++) x[r] -= l[r * n + k] * x[k];
    x[r] /= l[r * n + r];
  }
  for (let r = n - 1; r >= 0; r--) {
    for (let k = r + 1; k < n; k++) x[r] -= l[k * n + r] * x[k];
    x[r] /= l[r * n + r];
  }
  return x;
}

/**
 * x with a·x = b for a symmetric positive-definite a, by Cholesky (a = L·Lᵀ). For the small systems
 * of the bandit learners (d ≤ 32), where a Newton step solves one per update.
 */
export function choleskySolve(a: Matrix, b: ArrayLike<number>, n: number): Float64Array {
  return solveWithCholesky(choleskyFactor(a, n), b, n);
}
