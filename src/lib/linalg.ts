// Dense f64 linear algebra on row-major square matrices (Float64Array of n*n). The
// eigensolver is ml-matrix's; the small loops stay hand-written because they work on the flat
// layout every caller uses (and rebuildFromEigen is the reference of fantope_rebuild.wgsl).

import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';

export type Matrix = Float64Array;

export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Eigenvectors as columns: vectors[r * n + i] is component r of eigenvector i. */
  vectors: Float64Array;
}

/**
 * Symmetric eigendecomposition by ml-matrix's EVD: Householder tridiagonalisation followed by
 * implicit QL (the EISPACK tred2/tql2 pair, as in JAMA), accurate to ~1e-13 residual. Preferred
 * over Jacobi on the CPU because it is several times faster at p ≥ 64; jacobi.ts stays as the
 * reference of the WGSL kernel. `assumeSymmetric` skips ml-matrix's exact symmetry test, which
 * would send a matrix asymmetric by rounding to the general (Hessenberg QR) solver.
 */
export function symmetricEigen(a: Matrix, n: number): SymmetricEigen {
  // ml-matrix refuses an empty matrix; the empty decomposition is still well defined.
  if (n === 0) return { values: new Float64Array(0), vectors: new Float64Array(0) };
  const evd = new EigenvalueDecomposition(MlMatrix.from1DArray(n, n, a), { assumeSymmetric: true });
  // tql2 ends with a selection sort: realEigenvalues ascending, eigenvector columns permuted to
  // match; to1DArray concatenates rows, the row-major layout of SymmetricEigen.vectors.
  return { values: Float64Array.from(evd.realEigenvalues), vectors: Float64Array.from(evd.eigenvectorMatrix.to1DArray()) };
}

/** Frobenius norm of a − b. */
export function frobeniusDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    s += d * d;
  }
  return Math.sqrt(s);
}

/** Σ_i d_i v_i v_iᵀ over the columns i with d_i ≠ 0. */
export function rebuildFromEigen(vectors: Float64Array, weights: ArrayLike<number>, n: number): Matrix {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (w === 0) continue;
    for (let r = 0; r < n; r++) {
      const vr = vectors[r * n + i] * w;
      if (vr === 0) continue;
      for (let c = r; c < n; c++) out[r * n + c] += vr * vectors[c * n + i];
    }
  }
  for (let r = 0; r < n; r++) for (let c = 0; c < r; c++) out[r * n + c] = out[c * n + r];
  return out;
}

export function matVec(a: Matrix, x: Float64Array, n: number): Float64Array {
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let c = 0; c < n; c++) s += a[r * n + c] * x[c];
    y[r] = s;
  }
  return y;
}
