// How an estimate Π̂ is scored against the truth Π* and the oracle Π̂_O.

import { frobeniusDistance, symmetricEigen, type Matrix } from '../../lib/linalg';

/** Below this an eigenvalue of Π̂ counts as zero when reading off its rank. */
export const RANK_EPS = 1e-3;
/** ‖Π̂ − Π̂_O‖_F below this counts as "equals the oracle" (f64 path). */
export const ORACLE_EQUAL_TOL = 1e-4;

export interface EstimateScore {
  error: number;
  toOracle: number;
  truePositiveRate: number;
  falsePositiveRate: number;
  exactSupport: boolean;
  rank: number;
  /** Eigenvalues of Π̂, largest first. */
  eigenvalues: number[];
  equalsOracle: boolean;
}

/** Estimated support: the coordinates whose diagonal entry is nonzero. */
export function estimatedSupport(pi: Matrix, p: number, eps = 1e-10): boolean[] {
  return Array.from({ length: p }, (_, i) => Math.abs(pi[i * p + i]) > eps);
}

export function scoreEstimate(pi: Matrix, p: number, k: number, truth: Matrix, oracle: Matrix, trueSupport: readonly number[]): EstimateScore {
  const onSupport = new Set(trueSupport);
  const support = estimatedSupport(pi, p);
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < p; i++) {
    if (!support[i]) continue;
    if (onSupport.has(i)) tp++;
    else fp++;
  }
  const eigenvalues = Array.from(symmetricEigen(pi, p).values).reverse();
  const rank = eigenvalues.filter((v) => v > RANK_EPS).length;
  const toOracle = frobeniusDistance(pi, oracle);
  const exactSupport = tp === trueSupport.length && fp === 0;
  return {
    error: frobeniusDistance(pi, truth),
    toOracle,
    truePositiveRate: tp / trueSupport.length,
    falsePositiveRate: p > trueSupport.length ? fp / (p - trueSupport.length) : 0,
    exactSupport,
    rank,
    eigenvalues,
    equalsOracle: toOracle < ORACLE_EQUAL_TOL && exactSupport && rank === k,
  };
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** min_{i,j∈S} |Π_ij|: for the oracle, min|Π*ᵢⱼ| less its estimation error (the magnitude condition's left side in the data). */
export function minSupportEntry(pi: Matrix, p: number, support: readonly number[]): number {
  let m = Infinity;
  for (const i of support) for (const j of support) m = Math.min(m, Math.abs(pi[i * p + j]));
  return m;
}

/** max_{i,j∈S} |Π̂ − Π*|ᵢⱼ: the entrywise estimation error on the support. */
export function maxSupportEntryError(pi: Matrix, truth: Matrix, p: number, support: readonly number[]): number {
  let m = 0;
  for (const i of support) for (const j of support) m = Math.max(m, Math.abs(pi[i * p + j] - truth[i * p + j]));
  return m;
}

/** (Π̂ − Π*)ᵢⱼ for i ≤ j in S: the scatter of the on-support entries around the truth. */
export function supportEntryErrors(pi: Matrix, truth: Matrix, p: number, support: readonly number[]): number[] {
  const errors: number[] = [];
  for (const i of support) for (const j of support) if (i <= j) errors.push(pi[i * p + j] - truth[i * p + j]);
  return errors;
}

