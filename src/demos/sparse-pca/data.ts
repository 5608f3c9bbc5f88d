// The spiked covariance model Σ = I + ω·U Uᵀ with U supported on S = {0, …, s−1}.

import type { RngStream } from '../../lib/rng';
import type { Matrix } from '../../lib/linalg';
import { projectorFromBasis } from './algorithm';

export interface SpikedModel {
  p: number;
  k: number;
  omega: number;
  support: number[];
  /** U, p×k row-major, orthonormal columns supported on `support`. */
  basis: Float64Array;
  /** Π* = U Uᵀ. */
  truth: Matrix;
}

/**
 * k = 1: u = 1_S/√s, so every on-support entry of Π* is 1/s (the magnitude condition's min|Π*_ij|).
 * k > 1: Gram–Schmidt on Gaussian columns restricted to S, drawn from `rng`.
 */
export function spikedModel(p: number, s: number, k: number, omega: number, rng: RngStream): SpikedModel {
  if (s > p) throw new Error(`support size s = ${s} exceeds dimension p = ${p}`);
  if (k > s) throw new Error(`rank k = ${k} exceeds support size s = ${s}`);
  const support = Array.from({ length: s }, (_, i) => i);
  const basis = new Float64Array(p * k);
  if (k === 1) {
    for (const i of support) basis[i] = 1 / Math.sqrt(s);
  } else {
    for (let j = 0; j < k; j++) {
      const col = new Float64Array(s);
      for (let i = 0; i < s; i++) col[i] = rng.normal();
      for (let q = 0; q < j; q++) {
        let dot = 0;
        for (let i = 0; i < s; i++) dot += col[i] * basis[i * k + q];
        for (let i = 0; i < s; i++) col[i] -= dot * basis[i * k + q];
      }
      const norm = Math.hypot(...col);
      for (let i = 0; i < s; i++) basis[i * k + j] = col[i] / norm;
    }
  }
  return { p, k, omega, support, basis, truth: projectorFromBasis(basis, p, k) };
}

/** The smallest nonzero |Π*_ij|: MCP's flat region bλ must sit below it for the oracle property. */
export function minSignal(model: SpikedModel): number {
  let m = Infinity;
  for (const v of model.truth) if (Math.abs(v) > 1e-12) m = Math.min(m, Math.abs(v));
  return m;
}

/**
 * Draws x_i = z_i + √ω·U g_i (z ~ N(0, I_p), g ~ N(0, I_k)) so that Cov(x) = I + ω U Uᵀ.
 * Rows are drawn in order from `rng`, so the first n rows of a longer draw are the same: error-vs-n
 * curves for one seed then use nested samples.
 */
export function drawSamples(model: SpikedModel, n: number, rng: RngStream): Float64Array {
  const { p, k, omega, basis } = model;
  const x = new Float64Array(n * p);
  const g = new Float64Array(k);
  const scale = Math.sqrt(omega);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < k; j++) g[j] = rng.normal() * scale;
    for (let i = 0; i < p; i++) {
      let v = rng.normal();
      for (let j = 0; j < k; j++) v += basis[i * k + j] * g[j];
      x[r * p + i] = v;
    }
  }
  return x;
}

/** Centred sample covariance (1/n) Σ (x − x̄)(x − x̄)ᵀ of the first n rows. */
export function sampleCovariance(x: Float64Array, n: number, p: number): Matrix {
  const mean = new Float64Array(p);
  for (let r = 0; r < n; r++) for (let i = 0; i < p; i++) mean[i] += x[r * p + i];
  for (let i = 0; i < p; i++) mean[i] /= n;
  const cov = new Float64Array(p * p);
  const row = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < p; i++) row[i] = x[r * p + i] - mean[i];
    for (let i = 0; i < p; i++) {
      const xi = row[i];
      for (let j = i; j < p; j++) cov[i * p + j] += xi * row[j];
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      cov[i * p + j] /= n;
      cov[j * p + i] = cov[i * p + j];
    }
  }
  return cov;
}
