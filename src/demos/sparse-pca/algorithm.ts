// The math of the sparse-PCA demo (Gu, Wang, Liu, NeurIPS 2014), f64, no React, no GPU.
//
//   min_{Π ∈ F^k}  −⟨Σ̂, Π⟩ + Σ_ij p_λ(Π_ij),     F^k = {0 ⪯ Π ⪯ I, tr Π = k}  (the Fantope)
//
// solved by ADMM on the split Π = Φ (Vu et al. 2013's FPS ADMM with the ℓ1 prox swapped for the
// penalty's prox), plus the baselines the demo sets beside it.

import { frobeniusDistance, matVec, rebuildFromEigen, symmetricEigen, type Matrix } from '../../lib/linalg';

export type Penalty = { kind: 'l1' } | { kind: 'mcp'; b: number } | { kind: 'scad'; a: number };

/** p_λ(x): ℓ1, MCP (flat beyond bλ) or SCAD (flat beyond aλ). */
export function penaltyValue(x: number, lambda: number, penalty: Penalty): number {
  const ax = Math.abs(x);
  switch (penalty.kind) {
    case 'l1':
      return lambda * ax;
    case 'mcp':
      return ax <= penalty.b * lambda ? lambda * ax - (ax * ax) / (2 * penalty.b) : (penalty.b * lambda * lambda) / 2;
    case 'scad': {
      const a = penalty.a;
      if (ax <= lambda) return lambda * ax;
      if (ax <= a * lambda) return (2 * a * lambda * ax - ax * ax - lambda * lambda) / (2 * (a - 1));
      return ((a + 1) * lambda * lambda) / 2;
    }
  }
}

/**
 * prox_{t·p_λ}(v) = argmin_x ½(x − v)² + t·p_λ(x). For MCP this is firm thresholding and needs
 * b > t; for SCAD it needs a > 1 + t (otherwise the prox problem is not convex).
 */
export function proxPenalty(v: number, lambda: number, t: number, penalty: Penalty): number {
  const av = Math.abs(v);
  const sign = v < 0 ? -1 : 1;
  const tl = t * lambda;
  switch (penalty.kind) {
    case 'l1':
      return av <= tl ? 0 : sign * (av - tl);
    case 'mcp': {
      const b = penalty.b;
      if (av <= tl) return 0;
      if (av <= b * lambda) return (sign * (av - tl)) / (1 - t / b);
      return v;
    }
    case 'scad': {
      const a = penalty.a;
      if (av <= (1 + t) * lambda) return av <= tl ? 0 : sign * (av - tl);
      if (av <= a * lambda) return ((a - 1) * v - sign * a * tl) / (a - 1 - t);
      return v;
    }
  }
}

/** Whether prox_{t·p} is well defined (single-valued) for this step t = 1/ρ. */
export function proxIsConvex(t: number, penalty: Penalty): boolean {
  if (penalty.kind === 'mcp') return penalty.b > t;
  if (penalty.kind === 'scad') return penalty.a > 1 + t;
  return true;
}

/** Σ_i clip(γ_i − θ, 0, 1): decreasing and piecewise linear in θ. */
function fantopeMass(gamma: ArrayLike<number>, theta: number): number {
  let s = 0;
  for (let i = 0; i < gamma.length; i++) s += Math.min(1, Math.max(0, gamma[i] - theta));
  return s;
}

/**
 * The θ with Σ clip(γ_i − θ, 0, 1) = k, exactly: the mass is linear between consecutive knots
 * {γ_i, γ_i − 1}, so find the bracketing knots and interpolate (Vu et al. 2013, Lemma 4.1).
 */
export function fantopeTheta(gamma: ArrayLike<number>, k: number): number {
  const knots: number[] = [];
  for (let i = 0; i < gamma.length; i++) knots.push(gamma[i], gamma[i] - 1);
  knots.sort((x, y) => x - y);
  let hi = knots.length - 1; // mass(knots[hi]) = 0 ≤ k
  let lo = 0; // mass(knots[0]) = p ≥ k
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fantopeMass(gamma, knots[mid]) >= k) lo = mid;
    else hi = mid;
  }
  const fLo = fantopeMass(gamma, knots[lo]);
  const fHi = fantopeMass(gamma, knots[hi]);
  if (fLo === fHi) return knots[lo];
  return knots[lo] + ((fLo - k) / (fLo - fHi)) * (knots[hi] - knots[lo]);
}

/** Euclidean projection of a symmetric matrix onto the Fantope F^k. */
export function fantopeProjection(a: Matrix, p: number, k: number): { projection: Matrix; weights: Float64Array } {
  const { values, vectors } = symmetricEigen(a, p);
  const theta = fantopeTheta(values, k);
  const weights = new Float64Array(p);
  for (let i = 0; i < p; i++) weights[i] = Math.min(1, Math.max(0, values[i] - theta));
  return { projection: rebuildFromEigen(vectors, weights, p), weights };
}

export interface AdmmOptions {
  lambda: number;
  /** Initial penalty parameter ρ; doubled when the iteration stalls (see `stallCheck`). */
  rho: number;
  penalty: Penalty;
  k: number;
  /** Per-entry tolerance: see `admmConverged`. */
  tol: number;
  maxIter: number;
  /** Start from another solve's end (a neighbouring λ on a path) instead of Φ = U = 0. */
  warmStart?: Pick<AdmmSolver, 'phi' | 'dual' | 'rho'>;
}

/** Iterations between stall checks, and the residual decrease that counts as progress. */
export const STALL_WINDOW = 50;
const STALL_FACTOR = 0.5;

/**
 * ADMM on a nonconvex penalty can settle into a cycle at a fixed ρ; a larger ρ makes the
 * augmented Lagrangian "more convex" and breaks it. So: if the primal residual did not halve over
 * the last STALL_WINDOW iterations, double ρ and halve the scaled dual U = y/ρ (y is unchanged).
 * Shared by the CPU solver and the batched GPU driver so both follow the same ρ path.
 */
export function stallCheck(iteration: number, residualNow: number, residualWindowAgo: number): boolean {
  return iteration % STALL_WINDOW === 0 && residualNow > STALL_FACTOR * residualWindowAgo;
}

export interface AdmmTracePoint {
  iteration: number;
  rho: number;
  primalResidual: number;
  dualResidual: number;
  objective: number;
}

/** −⟨Σ̂, Π⟩ + Σ_ij p_λ(Π_ij). */
export function sdpObjective(sigma: Matrix, pi: Matrix, lambda: number, penalty: Penalty): number {
  let obj = 0;
  for (let i = 0; i < pi.length; i++) obj += -sigma[i] * pi[i] + penaltyValue(pi[i], lambda, penalty);
  return obj;
}

/**
 * ADMM for the penalised Fantope SDP as an explicit state machine, so that a caller can run it
 * to completion (`solveSdp`) or step it between UI yields.
 *   Π ← Proj_F(Φ − U + Σ̂/ρ);  Φ ← prox_{p_λ/ρ}(Π + U);  U ← U + Π − Φ
 * Φ is the estimate reported: the prox gives it exact zeros, hence an exact support.
 */
export class AdmmSolver {
  readonly p: number;
  readonly phi: Matrix;
  readonly dual: Matrix;
  pi: Matrix;
  iteration = 0;
  converged = false;
  rho: number;
  readonly trace: AdmmTracePoint[] = [];
  private readonly input: Matrix;

  constructor(
    private readonly sigma: Matrix,
    p: number,
    private readonly options: AdmmOptions,
  ) {
    if (!proxIsConvex(1 / options.rho, options.penalty)) {
      throw new Error(`ρ = ${options.rho} is too small for this penalty's prox (MCP needs ρ·b > 1, SCAD ρ(a−1) > 1)`);
    }
    this.p = p;
    const start = options.warmStart;
    this.rho = start ? Math.max(start.rho, options.rho) : options.rho;
    this.phi = start ? Float64Array.from(start.phi) : new Float64Array(p * p);
    // The scaled dual U = y/ρ: keep y when ρ differs from the start's.
    this.dual = start ? start.dual.map((u) => (u * start.rho) / this.rho) : new Float64Array(p * p);
    this.pi = new Float64Array(p * p);
    this.input = new Float64Array(p * p);
  }

  get done(): boolean {
    return this.converged || this.iteration >= this.options.maxIter;
  }

  step(): AdmmTracePoint {
    const { lambda, penalty, k, tol } = this.options;
    const rho = this.rho;
    projectionInput(this.phi, this.dual, this.sigma, rho, this.input);
    this.pi = fantopeProjection(this.input, this.p, k).projection;
    const { primalSq, phiChangeSq } = proxDualUpdate(this.pi, this.phi, this.dual, lambda, rho, penalty);
    this.iteration++;
    const point: AdmmTracePoint = {
      iteration: this.iteration,
      rho,
      primalResidual: Math.sqrt(primalSq),
      dualResidual: rho * Math.sqrt(phiChangeSq),
      objective: sdpObjective(this.sigma, this.phi, lambda, penalty),
    };
    this.trace.push(point);
    this.converged = admmConverged(point.primalResidual, point.dualResidual, tol, this.p);
    if (this.converged) return point;
    const windowAgo = this.trace[this.trace.length - 1 - STALL_WINDOW];
    if (windowAgo && stallCheck(this.iteration, point.primalResidual, windowAgo.primalResidual)) this.rescaleRho(2);
    return point;
  }

  /** ρ ← factor·ρ keeping the unscaled dual y = ρU. */
  private rescaleRho(factor: number): void {
    this.rho *= factor;
    for (let i = 0; i < this.dual.length; i++) this.dual[i] /= factor;
  }
}

/**
 * Boyd et al.'s absolute criterion ε·√(#entries) = ε·p: on a face of the Fantope the primal
 * residual can creep down by ~1e-6 per iteration, so a per-matrix 1e-7 would never be met.
 */
export function admmConverged(primal: number, dual: number, tol: number, p: number): boolean {
  return primal < tol * p && dual < tol * p;
}

/** The Fantope step's input Φ − U + Σ̂/ρ (reference of shaders/admm_prepare.wgsl). */
export function projectionInput(phi: Matrix, dual: Matrix, sigma: Matrix, rho: number, out: Matrix): Matrix {
  for (let i = 0; i < out.length; i++) out[i] = phi[i] - dual[i] + sigma[i] / rho;
  return out;
}

/**
 * Φ ← prox_{p_λ/ρ}(Π + U), U ← U + Π − Φ, in place; returns ‖Π − Φ‖² and ‖ΔΦ‖²
 * (reference of shaders/admm_prox_dual.wgsl).
 */
export function proxDualUpdate(
  pi: Matrix,
  phi: Matrix,
  dual: Matrix,
  lambda: number,
  rho: number,
  penalty: Penalty,
): { primalSq: number; phiChangeSq: number } {
  const t = 1 / rho;
  let primalSq = 0;
  let phiChangeSq = 0;
  for (let i = 0; i < phi.length; i++) {
    const next = proxPenalty(pi[i] + dual[i], lambda, t, penalty);
    const dPhi = next - phi[i];
    phiChangeSq += dPhi * dPhi;
    phi[i] = next;
    const r = pi[i] - next;
    dual[i] += r;
    primalSq += r * r;
  }
  return { primalSq, phiChangeSq };
}

export function solveSdp(sigma: Matrix, p: number, options: AdmmOptions): AdmmSolver {
  const solver = new AdmmSolver(sigma, p, options);
  while (!solver.done) solver.step();
  return solver;
}

/** Top-k eigenvectors (as columns of a p×k row-major array) of a symmetric matrix. */
export function topEigenvectors(a: Matrix, p: number, k: number): Float64Array {
  const { vectors } = symmetricEigen(a, p);
  const out = new Float64Array(p * k);
  for (let j = 0; j < k; j++) for (let r = 0; r < p; r++) out[r * k + j] = vectors[r * p + (p - 1 - j)];
  return out;
}

/** Π = W Wᵀ for W p×k (row-major). */
export function projectorFromBasis(w: Float64Array, p: number, k: number): Matrix {
  const out = new Float64Array(p * p);
  for (let r = 0; r < p; r++) {
    for (let c = 0; c < p; c++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += w[r * k + j] * w[c * k + j];
      out[r * p + c] = s;
    }
  }
  return out;
}

/** PCA restricted to a coordinate subset: top-k eigenprojector of Σ̂_SS, zero elsewhere. */
export function restrictedPca(sigma: Matrix, p: number, k: number, support: readonly number[]): Matrix {
  const m = support.length;
  const sub = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) sub[i * m + j] = sigma[support[i] * p + support[j]];
  const kk = Math.min(k, m);
  const w = topEigenvectors(sub, m, kk);
  const full = new Float64Array(p * kk);
  for (let i = 0; i < m; i++) for (let j = 0; j < kk; j++) full[support[i] * kk + j] = w[i * kk + j];
  return projectorFromBasis(full, p, kk);
}

/** The oracle estimator Π̂_O: what an analyst who knew the true support S would compute. */
export function oracleEstimator(sigma: Matrix, p: number, k: number, trueSupport: readonly number[]): Matrix {
  return restrictedPca(sigma, p, k, trueSupport);
}

export function pcaEstimator(sigma: Matrix, p: number, k: number): Matrix {
  return projectorFromBasis(topEigenvectors(sigma, p, k), p, k);
}

/**
 * Diagonal thresholding (Johnstone & Lu 2009): keep the coordinates whose sample variance exceeds
 * the noise level 1 by more than the largest null fluctuation, ≈ 2√(log p / n), then PCA on them.
 */
export function diagonalThresholding(sigma: Matrix, p: number, k: number, n: number): Matrix {
  const cut = 1 + 2 * Math.sqrt(Math.log(p) / n);
  let support: number[] = [];
  for (let i = 0; i < p; i++) if (sigma[i * p + i] > cut) support.push(i);
  if (support.length < k) {
    support = Array.from({ length: p }, (_, i) => i)
      .sort((x, y) => sigma[y * p + y] - sigma[x * p + x])
      .slice(0, k);
  }
  return restrictedPca(sigma, p, k, support);
}

/**
 * Truncated power method (Yuan & Zhang 2013) with cardinality s, one component at a time with
 * projection deflation; started from the top eigenvector of Σ̂.
 */
export function truncatedPowerMethod(sigma: Matrix, p: number, k: number, s: number, maxIter = 200): Matrix {
  const deflated = Float64Array.from(sigma);
  const basis = new Float64Array(p * k);
  for (let j = 0; j < k; j++) {
    let x = topEigenvectors(deflated, p, 1);
    for (let it = 0; it < maxIter; it++) {
      const y = matVec(deflated, x, p);
      const keep = Array.from({ length: p }, (_, i) => i)
        .sort((a, b) => Math.abs(y[b]) - Math.abs(y[a]))
        .slice(0, s);
      const next = new Float64Array(p);
      let norm = 0;
      for (const i of keep) {
        next[i] = y[i];
        norm += y[i] * y[i];
      }
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < p; i++) next[i] /= norm;
      const change = frobeniusDistance(next, x);
      x = next;
      if (change < 1e-12) break;
    }
    for (let r = 0; r < p; r++) basis[r * k + j] = x[r];
    // Projection deflation: Σ ← (I − xxᵀ) Σ (I − xxᵀ).
    const sx = matVec(deflated, x, p);
    let xsx = 0;
    for (let i = 0; i < p; i++) xsx += x[i] * sx[i];
    for (let r = 0; r < p; r++) {
      for (let c = 0; c < p; c++) {
        deflated[r * p + c] += -x[r] * sx[c] - sx[r] * x[c] + xsx * x[r] * x[c];
      }
    }
  }
  return projectorFromBasis(basis, p, k);
}
