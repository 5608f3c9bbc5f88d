// Parallel-order cyclic Jacobi for symmetric matrices: the plain-TypeScript reference of
// shaders/jacobi_eig.wgsl. Same round-robin (Brent–Luk "circle") ordering, same rotation formula,
// same stopping rule, so kernel and reference can be compared sweep for sweep.

/** The q-th disjoint pair of round r for m (even) indices: the circle method, m−1 rounds a sweep. */
export function roundRobinPair(round: number, q: number, m: number): [number, number] {
  let a: number;
  let b: number;
  if (q === 0) {
    a = round;
    b = m - 1;
  } else {
    a = (round + q) % (m - 1);
    b = (round - q + (m - 1)) % (m - 1);
  }
  return a < b ? [a, b] : [b, a];
}

/** (c, s) of the rotation that zeroes a_ij (Golub & Van Loan, Alg. 8.4.1, stable form). */
export function jacobiRotation(aii: number, ajj: number, aij: number): [number, number] {
  if (Math.abs(aij) < 1e-30) return [1, 0];
  const tau = (ajj - aii) / (2 * aij);
  const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
  const c = 1 / Math.sqrt(1 + t * t);
  return [c, t * c];
}

export interface JacobiResult {
  /** Eigenvalues in the diagonal's order (unsorted), as the kernel leaves them. */
  values: Float64Array;
  /** Eigenvectors as columns (row-major p×p). */
  vectors: Float64Array;
  sweeps: number;
}

/**
 * Starts from the identity, or from `initialVectors` (warm start).
 * Stops when the off-diagonal Frobenius norm is ≤ `relTol` × the whole norm, or after maxSweeps.
 * Rotations of one round touch disjoint row/column pairs, which is what lets the kernel run them
 * at once: all row rotations (JᵀA), then all column rotations (·J).
 */
export function parallelJacobiEigen(a: ArrayLike<number>, p: number, maxSweeps = 12, relTol = 1e-6, initialVectors?: ArrayLike<number>): JacobiResult {
  let A = Float64Array.from(a);
  const V = new Float64Array(p * p);
  if (initialVectors) {
    // Warm start: rotate A into the given (near-eigen)basis, A ← VᵀAV, and accumulate onto V.
    V.set(initialVectors);
    const av = new Float64Array(p * p);
    for (let r = 0; r < p; r++) for (let c = 0; c < p; c++) for (let k = 0; k < p; k++) av[r * p + c] += A[r * p + k] * V[k * p + c];
    const rotated = new Float64Array(p * p);
    for (let r = 0; r < p; r++) {
      for (let c = r; c < p; c++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += V[k * p + r] * av[k * p + c];
        rotated[r * p + c] = s;
        rotated[c * p + r] = s;
      }
    }
    A = rotated;
  } else {
    for (let i = 0; i < p; i++) V[i * p + i] = 1;
  }
  const m = p + (p % 2);
  const half = m / 2;
  const cs = new Float64Array(half);
  const sn = new Float64Array(half);
  const pi = new Int32Array(half);
  const pj = new Int32Array(half);
  let sweeps = 0;
  for (; sweeps < maxSweeps; sweeps++) {
    let off = 0;
    let total = 0;
    for (let r = 0; r < p; r++) {
      for (let c = 0; c < p; c++) {
        const v = A[r * p + c] * A[r * p + c];
        total += v;
        if (r !== c) off += v;
      }
    }
    if (off <= relTol * relTol * total) break;
    for (let round = 0; round < m - 1; round++) {
      for (let q = 0; q < half; q++) {
        const [i, j] = roundRobinPair(round, q, m);
        pi[q] = i;
        pj[q] = j;
        [cs[q], sn[q]] = j < p ? jacobiRotation(A[i * p + i], A[j * p + j], A[i * p + j]) : [1, 0];
      }
      for (let q = 0; q < half; q++) {
        const i = pi[q];
        const j = pj[q];
        if (j >= p) continue;
        const c = cs[q];
        const s = sn[q];
        for (let col = 0; col < p; col++) {
          const ai = A[i * p + col];
          const aj = A[j * p + col];
          A[i * p + col] = c * ai - s * aj;
          A[j * p + col] = s * ai + c * aj;
        }
      }
      for (let q = 0; q < half; q++) {
        const i = pi[q];
        const j = pj[q];
        if (j >= p) continue;
        const c = cs[q];
        const s = sn[q];
        for (let row = 0; row < p; row++) {
          const ai = A[row * p + i];
          const aj = A[row * p + j];
          A[row * p + i] = c * ai - s * aj;
          A[row * p + j] = s * ai + c * aj;
          const vi = V[row * p + i];
          const vj = V[row * p + j];
          V[row * p + i] = c * vi - s * vj;
          V[row * p + j] = s * vi + c * vj;
        }
      }
    }
  }
  const values = new Float64Array(p);
  for (let i = 0; i < p; i++) values[i] = A[i * p + i];
  return { values, vectors: V, sweeps };
}
