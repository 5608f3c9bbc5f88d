// Kernel tests in real Chromium (WebGPU through SwiftShader where there is no GPU): every ADMM
// kernel against its plain-TypeScript reference on random inputs, then whole solves GPU vs f64.
//
// Stated tolerances (f32 kernel vs f64 reference):
//   jacobi_eig       eigenvalues ≤ 2e-5·‖A‖_F,  ‖A V − V Λ‖_F ≤ 1e-4·‖A‖_F, ‖VᵀV − I‖_F ≤ 1e-4
//   fantope_theta    weights ≤ 1e-5 (given the same eigenvalues)
//   fantope_rebuild  entries ≤ 1e-6
//   admm_prepare / admm_prox_dual   entries ≤ 1e-6, residuals ≤ 1e-4 relative
//   whole ADMM       ‖Φ_gpu − Φ_cpu‖_F ≤ 1e-3 (MCP, FPS, SCAD)
// (the five ADMM kernels share the declarations of shaders/admm_types.wgsl)
import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { frobeniusDistance, rebuildFromEigen } from '../../lib/linalg';
import { parallelJacobiEigen } from '../../lib/jacobi';
import { fantopeTheta, projectionInput, proxDualUpdate, solveSdp, type Penalty } from './algorithm';
import { AdmmBatch, encodeProblems, runBatchedAdmm, type BatchedProblem } from './gpuAdmm';
import { drawSamples, sampleCovariance, spikedModel } from './data';

import { randomSymmetric } from '../../testing/random';
import { useTestDevice } from '../../testing/gpuDevice';

const testDevice = useTestDevice();

function toF32(a: Float64Array): Float32Array {
  return Float32Array.from(a);
}

function norm(a: ArrayLike<number>): number {
  return frobeniusDistance(a, new Float64Array(a.length));
}

const penalties: Penalty[] = [{ kind: 'l1' }, { kind: 'mcp', b: 1.2 }, { kind: 'scad', a: 3.7 }];

function problemsFor(p: number, batch: number, rng: RngStream): BatchedProblem[] {
  return Array.from({ length: batch }, (_, b) => ({
    sigma: randomSymmetric(p, rng),
    lambda: 0.1 + 0.1 * b,
    rho: 4,
    penalty: penalties[b % 3],
    k: 1 + (b % 2),
  }));
}

/** Runs jacobi_eig on a batch (warm-started from `starts` when given); returns each Λ and V. */
async function gpuEigen(device: GPUDevice, p: number, problems: BatchedProblem[], starts?: Float64Array[]) {
  const batchSize = problems.length;
  const batch = await AdmmBatch.create(device, p, batchSize);
  try {
    const work = new Float32Array(batchSize * p * p);
    problems.forEach((prob, b) => work.set(toF32(prob.sigma), b * p * p));
    batch.write(batch.work, work);
    if (starts) {
      const vectors = new Float32Array(batchSize * p * p);
      starts.forEach((v, b) => vectors.set(toF32(v), b * p * p));
      batch.write(batch.vectors, vectors);
    }
    const ones = problems.map(() => 1);
    batch.write(batch.problems, encodeProblems(problems, problems.map((q) => q.rho), ones, problems.map(() => true), starts !== undefined));
    const encoder = device.createCommandEncoder();
    batch.encodeEig(encoder);
    device.queue.submit([encoder.finish()]);
    const A = await batch.readF32(batch.work);
    const V = await batch.readF32(batch.vectors);
    return problems.map((_, b) => ({
      values: Array.from({ length: p }, (_, i) => A[b * p * p + i * p + i]),
      vectors: Float64Array.from(V.subarray(b * p * p, (b + 1) * p * p)),
    }));
  } finally {
    batch.destroy();
  }
}

/** Λ against the reference's, and ‖AV − VΛ‖_F, ‖VᵀV − I‖_F, at the tolerances stated above. */
function expectEigendecomposition(a: Float64Array, p: number, gpu: { values: number[]; vectors: Float64Array }, refValues: ArrayLike<number>) {
  const scale = norm(a);
  const sortedGpu = [...gpu.values].sort((x, y) => x - y);
  const sortedRef = Array.from(refValues).sort((x, y) => x - y);
  for (let i = 0; i < p; i++) expect(Math.abs(sortedGpu[i] - sortedRef[i])).toBeLessThan(2e-5 * scale);
  const v = gpu.vectors;
  let residual = 0;
  let orth = 0;
  for (let r = 0; r < p; r++) {
    for (let i = 0; i < p; i++) {
      let av = 0;
      let vtv = 0;
      for (let c = 0; c < p; c++) {
        av += a[r * p + c] * v[c * p + i];
        vtv += v[c * p + r] * v[c * p + i];
      }
      residual += (av - v[r * p + i] * gpu.values[i]) ** 2;
      orth += (vtv - (r === i ? 1 : 0)) ** 2;
    }
  }
  expect(Math.sqrt(residual)).toBeLessThan(1e-4 * scale);
  expect(Math.sqrt(orth)).toBeLessThan(1e-4);
}

describe('jacobi_eig vs parallelJacobiEigen', () => {
  for (const p of [7, 32, 65]) {
    it(`diagonalises a batch of random symmetric ${p}×${p} matrices`, async () => {
      const problems = problemsFor(p, 3, RngStream.fromSeed(11).split(p));
      const gpu = await gpuEigen(testDevice(), p, problems);
      problems.forEach((prob, b) => expectEigendecomposition(prob.sigma, p, gpu[b], parallelJacobiEigen(prob.sigma, p).values));
    });
  }

  it('warm-started from a nearby basis (as the previous ADMM iteration leaves it), agrees with the reference', async () => {
    const p = 40;
    const problems = problemsFor(p, 2, RngStream.fromSeed(21));
    const starts = problems.map((prob) => {
      const nearby = prob.sigma.map((v, i) => v + 0.01 * Math.sin(i));
      for (let r = 0; r < p; r++) for (let c = 0; c < r; c++) nearby[r * p + c] = nearby[c * p + r];
      return parallelJacobiEigen(nearby, p, 30, 1e-12).vectors;
    });
    const gpu = await gpuEigen(testDevice(), p, problems, starts);
    problems.forEach((prob, b) => expectEigendecomposition(prob.sigma, p, gpu[b], parallelJacobiEigen(prob.sigma, p, 12, 1e-6, starts[b]).values));
  });
});

describe('fantope_theta and fantope_rebuild vs fantopeTheta / rebuildFromEigen', () => {
  it('thresholds eigenvalues and rebuilds Π for k = 1 and k = 2', async () => {
    const device = testDevice();
    const p = 24;
    const batchSize = 4;
    const rng = RngStream.fromSeed(5);
    const problems = problemsFor(p, batchSize, rng);
    const batch = await AdmmBatch.create(device, p, batchSize);
    try {
      // Diagonal "work" matrices carry the eigenvalues; random orthonormal-ish V from a reference eig.
      const work = new Float32Array(batchSize * p * p);
      const vectors = new Float32Array(batchSize * p * p);
      const refs = problems.map((prob) => parallelJacobiEigen(prob.sigma, p, 30, 1e-12));
      refs.forEach((ref, b) => {
        for (let i = 0; i < p; i++) work[b * p * p + i * p + i] = ref.values[i] * (0.3 + 0.4 * b);
        vectors.set(toF32(ref.vectors), b * p * p);
      });
      batch.write(batch.work, work);
      batch.write(batch.vectors, vectors);
      batch.write(batch.problems, encodeProblems(problems, problems.map((q) => q.rho), [1, 1, 1, 1], [true, true, true, true]));
      const encoder = device.createCommandEncoder();
      batch.encodeTheta(encoder);
      batch.encodeRebuild(encoder);
      device.queue.submit([encoder.finish()]);
      const weights = await batch.readF32(batch.weights);
      const pi = await batch.readF32(batch.pi);
      for (let b = 0; b < batchSize; b++) {
        const gamma = Array.from({ length: p }, (_, i) => work[b * p * p + i * p + i]);
        const theta = fantopeTheta(gamma, problems[b].k);
        const refWeights = gamma.map((g) => Math.min(1, Math.max(0, g - theta)));
        const sum = refWeights.reduce((x, y) => x + y, 0);
        expect(Math.abs(sum - problems[b].k)).toBeLessThan(1e-9);
        for (let i = 0; i < p; i++) expect(Math.abs(weights[b * p + i] - refWeights[i])).toBeLessThan(1e-5);
        const gpuWeights = Array.from(weights.subarray(b * p, (b + 1) * p));
        const v = Float64Array.from(vectors.subarray(b * p * p, (b + 1) * p * p));
        const refPi = rebuildFromEigen(v, gpuWeights, p);
        for (let i = 0; i < p * p; i++) expect(Math.abs(pi[b * p * p + i] - refPi[i])).toBeLessThan(1e-6);
      }
    } finally {
      batch.destroy();
    }
  });
});

describe('admm_prepare and admm_prox_dual vs projectionInput / proxDualUpdate', () => {
  it('applies the three proxes, the dual update and the residuals', async () => {
    const device = testDevice();
    const p = 20;
    const batchSize = 6;
    const rng = RngStream.fromSeed(9);
    const problems = problemsFor(p, batchSize, rng);
    const batch = await AdmmBatch.create(device, p, batchSize);
    try {
      const fill = (scale: number) => Float64Array.from({ length: batchSize * p * p }, () => Math.fround(scale * rng.normal()));
      const phi = fill(0.3);
      const dual = fill(0.2);
      const pi = fill(0.4);
      const sigma = Float64Array.from(problems.flatMap((q) => Array.from(q.sigma, (x) => Math.fround(x))));
      const dualScale = [1, 0.5, 1, 0.5, 1, 1];
      batch.write(batch.phi, toF32(phi));
      batch.write(batch.dual, toF32(dual));
      batch.write(batch.sigma, toF32(sigma));
      batch.write(batch.problems, encodeProblems(problems, problems.map((q) => q.rho), dualScale, problems.map(() => true)));
      let encoder = device.createCommandEncoder();
      batch.encodePrepare(encoder);
      device.queue.submit([encoder.finish()]);
      const work = await batch.readF32(batch.work);
      batch.write(batch.pi, toF32(pi));
      batch.write(batch.problems, encodeProblems(problems, problems.map((q) => q.rho), problems.map(() => 1), problems.map(() => true)));
      encoder = device.createCommandEncoder();
      batch.encodeProx(encoder);
      device.queue.submit([encoder.finish()]);
      const gpuPhi = await batch.readF32(batch.phi);
      const gpuDual = await batch.readF32(batch.dual);
      const residuals = await batch.readF32(batch.residuals);
      for (let b = 0; b < batchSize; b++) {
        const sl = (a: Float64Array) => a.slice(b * p * p, (b + 1) * p * p);
        const refDual = sl(dual).map((u) => u * dualScale[b]);
        const refWork = projectionInput(sl(phi), refDual, sl(sigma), problems[b].rho, new Float64Array(p * p));
        for (let i = 0; i < p * p; i++) expect(Math.abs(work[b * p * p + i] - refWork[i])).toBeLessThan(1e-6);
        const refPhi = sl(phi);
        const { primalSq, phiChangeSq } = proxDualUpdate(sl(pi), refPhi, refDual, problems[b].lambda, problems[b].rho, problems[b].penalty);
        for (let i = 0; i < p * p; i++) {
          expect(Math.abs(gpuPhi[b * p * p + i] - refPhi[i])).toBeLessThan(1e-6);
          expect(Math.abs(gpuDual[b * p * p + i] - refDual[i])).toBeLessThan(1e-6);
        }
        expect(residuals[2 * b]).toBeCloseTo(Math.sqrt(primalSq), 4);
        expect(residuals[2 * b + 1]).toBeCloseTo(problems[b].rho * Math.sqrt(phiChangeSq), 4);
      }
    } finally {
      batch.destroy();
    }
  });
});

describe('whole ADMM: batched WGSL vs f64 CPU solver', () => {
  it('agrees within 1e-3 on sparse-PCA problems for FPS, MCP and SCAD', async () => {
    const device = testDevice();
    const p = 30;
    const n = 800;
    const root = RngStream.fromSeed(3);
    const model = spikedModel(p, 5, 1, 2, root.split('model'));
    const lambda = 2 * Math.sqrt(Math.log(p) / n);
    const problems: BatchedProblem[] = [];
    for (let r = 0; r < 2; r++) {
      const sigma = sampleCovariance(drawSamples(model, n, root.split('data').split(r)), n, p);
      problems.push({ sigma, lambda, rho: 1, penalty: { kind: 'l1' }, k: 1 });
      problems.push({ sigma, lambda, rho: 4 / 1.2, penalty: { kind: 'mcp', b: 1.2 }, k: 1 });
      problems.push({ sigma, lambda, rho: 4 / 2.7, penalty: { kind: 'scad', a: 3.7 }, k: 1 });
    }
    const gpu = await runBatchedAdmm(device, problems, { p, tol: 2e-6, maxIter: 400 });
    problems.forEach((prob, b) => {
      const cpu = solveSdp(prob.sigma, p, { lambda: prob.lambda, rho: prob.rho, penalty: prob.penalty, k: 1, tol: 1e-7, maxIter: 400 });
      expect(cpu.converged).toBe(true);
      expect(gpu.converged[b]).toBe(true);
      expect(frobeniusDistance(gpu.estimates[b], cpu.phi)).toBeLessThan(1e-3);
    });
  });
});
