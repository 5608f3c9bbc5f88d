// The WGSL path of the penalised Fantope SDP: B problems (seeds × λ × n) advance together, one
// ADMM iteration = five kernels (prepare → Jacobi eig → θ → rebuild → prox/dual); the eig is
// warm-started from the previous iteration's eigenvectors within a chunk. The CPU reads
// back only the 2·B residuals every CHECK_EVERY iterations to stop converged problems and to apply
// the same ρ-doubling rule as the f64 solver (`stallCheck`).

import { BufferPool, ComputeKernel, checkLimits, grid1d, readBuffer } from '../../gpu/kernel';
import { shaders } from '../../gpu/shaders';
import { admmConverged, proxIsConvex, stallCheck, STALL_WINDOW, type Penalty } from './algorithm';

export const CHECK_EVERY = 10;
/** f32 Jacobi stops when ‖offdiag‖_F ≤ JACOBI_REL_TOL·‖A‖_F (f32 cannot resolve much below 1e-6). */
export const JACOBI_REL_TOL = 1e-6;
export const JACOBI_MAX_SWEEPS = 15;
export const MAX_P = 256;

export interface BatchedProblem {
  sigma: Float64Array;
  lambda: number;
  rho: number;
  penalty: Penalty;
  k: number;
}

export interface BatchedAdmmOptions {
  p: number;
  tol: number;
  maxIter: number;
  signal?: AbortSignal;
  /** Called between chunks with the iteration reached; awaiting it lets the UI breathe. */
  onChunk?: (iteration: number, activeCount: number) => Promise<void> | void;
}

export interface BatchedAdmmResult {
  /** Φ of each problem (f32 values widened to f64). */
  estimates: Float64Array[];
  iterations: number[];
  converged: boolean[];
  finalRho: number[];
}

const PROBLEM_STRIDE = 8; // Problem struct: 8 × 4 bytes
const PENALTY_KIND: Record<Penalty['kind'], number> = { l1: 0, mcp: 1, scad: 2 };

/** `warmStart`: Jacobi starts from the eigenvectors left in `vectors` by the previous iteration. */
export function encodeProblems(
  problems: readonly BatchedProblem[],
  rho: readonly number[],
  dualScale: readonly number[],
  active: readonly boolean[],
  warmStart = false,
): ArrayBuffer {
  const buffer = new ArrayBuffer(problems.length * PROBLEM_STRIDE * 4);
  const f = new Float32Array(buffer);
  const u = new Uint32Array(buffer);
  problems.forEach((prob, b) => {
    const o = b * PROBLEM_STRIDE;
    f[o] = prob.lambda;
    f[o + 1] = rho[b];
    f[o + 2] = prob.penalty.kind === 'mcp' ? prob.penalty.b : prob.penalty.kind === 'scad' ? prob.penalty.a : 0;
    u[o + 3] = PENALTY_KIND[prob.penalty.kind];
    f[o + 4] = prob.k;
    f[o + 5] = dualScale[b];
    u[o + 6] = active[b] ? 1 : 0;
    u[o + 7] = warmStart ? 1 : 0;
  });
  return buffer;
}

/** The buffers and kernels of one batch; each `encode*` records one kernel for the whole batch. */
export class AdmmBatch {
  readonly pool: BufferPool;
  readonly dims: GPUBuffer;
  readonly problems: GPUBuffer;
  readonly sigma: GPUBuffer;
  readonly phi: GPUBuffer;
  readonly dual: GPUBuffer;
  /** Fantope input, diagonalised in place by jacobi_eig. */
  readonly work: GPUBuffer;
  readonly vectors: GPUBuffer;
  /** A·V during a warm-started eigendecomposition. */
  readonly scratch: GPUBuffer;
  readonly weights: GPUBuffer;
  readonly pi: GPUBuffer;
  readonly residuals: GPUBuffer;
  private constructor(
    readonly device: GPUDevice,
    readonly p: number,
    readonly batch: number,
    private readonly kernels: Record<'prepare' | 'eig' | 'theta' | 'rebuild' | 'prox', ComputeKernel>,
  ) {
    const matrixBytes = batch * p * p * 4;
    this.pool = new BufferPool(device);
    const dims = new ArrayBuffer(16);
    new Uint32Array(dims, 0, 3).set([p, batch, JACOBI_MAX_SWEEPS]);
    new Float32Array(dims, 12, 1)[0] = JACOBI_REL_TOL;
    this.dims = this.pool.uniform('dims', new Uint8Array(dims));
    this.problems = this.pool.storage('problems', batch * PROBLEM_STRIDE * 4);
    this.sigma = this.pool.storage('sigma', matrixBytes);
    this.phi = this.pool.storage('phi', matrixBytes);
    this.dual = this.pool.storage('dual', matrixBytes);
    this.work = this.pool.storage('work', matrixBytes);
    this.vectors = this.pool.storage('vectors', matrixBytes);
    this.scratch = this.pool.storage('scratch', matrixBytes);
    this.weights = this.pool.storage('weights', batch * p * 4);
    this.pi = this.pool.storage('pi', matrixBytes);
    this.residuals = this.pool.storage('residuals', batch * 2 * 4);
  }

  static async create(device: GPUDevice, p: number, batch: number): Promise<AdmmBatch> {
    if (p > MAX_P) throw new RangeError(`p: the GPU eigensolver handles p ≤ ${MAX_P} (got ${p})`);
    checkLimits(device, 'batch × p²', { bufferBytes: batch * p * p * 4, workgroups: batch });
    const [prepare, eig, theta, rebuild, prox] = await Promise.all([
      ComputeKernel.create(device, 'admm_prepare', shaders.admm_prepare),
      ComputeKernel.create(device, 'jacobi_eig', shaders.jacobi_eig),
      ComputeKernel.create(device, 'fantope_theta', shaders.fantope_theta),
      ComputeKernel.create(device, 'fantope_rebuild', shaders.fantope_rebuild),
      ComputeKernel.create(device, 'admm_prox_dual', shaders.admm_prox_dual),
    ]);
    return new AdmmBatch(device, p, batch, { prepare, eig, theta, rebuild, prox });
  }

  write(buffer: GPUBuffer, data: ArrayBuffer | Float32Array): void {
    if (data instanceof Float32Array) this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    else this.device.queue.writeBuffer(buffer, 0, data);
  }

  async readF32(buffer: GPUBuffer): Promise<Float32Array> {
    return new Float32Array(await readBuffer(this.device, this.pool, buffer));
  }

  encodePrepare(encoder: GPUCommandEncoder): void {
    const grid = grid1d(this.device, this.batch * this.p * this.p);
    this.kernels.prepare.encode(encoder, [this.dims, this.problems, this.sigma, this.phi, this.dual, this.work], grid);
  }

  encodeEig(encoder: GPUCommandEncoder): void {
    this.kernels.eig.encode(encoder, [this.dims, this.problems, this.work, this.vectors, this.scratch], [this.batch]);
  }

  encodeTheta(encoder: GPUCommandEncoder): void {
    this.kernels.theta.encode(encoder, [this.dims, this.problems, this.work, this.weights], [Math.ceil(this.batch / 64)]);
  }

  encodeRebuild(encoder: GPUCommandEncoder): void {
    const grid = grid1d(this.device, this.batch * this.p * this.p);
    this.kernels.rebuild.encode(encoder, [this.dims, this.problems, this.vectors, this.weights, this.pi], grid);
  }

  encodeProx(encoder: GPUCommandEncoder): void {
    this.kernels.prox.encode(encoder, [this.dims, this.problems, this.pi, this.phi, this.dual, this.residuals], [this.batch]);
  }

  encodeIteration(encoder: GPUCommandEncoder): void {
    this.encodePrepare(encoder);
    this.encodeEig(encoder);
    this.encodeTheta(encoder);
    this.encodeRebuild(encoder);
    this.encodeProx(encoder);
  }

  submitIterations(count: number): void {
    if (count <= 0) return;
    const encoder = this.device.createCommandEncoder({ label: 'admm iterations' });
    for (let i = 0; i < count; i++) this.encodeIteration(encoder);
    this.device.queue.submit([encoder.finish()]);
  }

  destroy(): void {
    this.pool.destroyAll();
  }
}

/** Runs B ADMM problems to convergence (or maxIter) on the GPU. */
export async function runBatchedAdmm(device: GPUDevice, problems: readonly BatchedProblem[], options: BatchedAdmmOptions): Promise<BatchedAdmmResult> {
  const { p, tol, maxIter, signal } = options;
  const B = problems.length;
  for (const prob of problems) {
    if (!proxIsConvex(1 / prob.rho, prob.penalty)) throw new Error(`ρ = ${prob.rho} is too small for the ${prob.penalty.kind} prox`);
  }
  const batch = await AdmmBatch.create(device, p, B);
  try {
    const sigma = new Float32Array(B * p * p);
    problems.forEach((prob, b) => sigma.set(prob.sigma, b * p * p));
    batch.write(batch.sigma, sigma);
    const zeroing = device.createCommandEncoder({ label: 'admm init' });
    zeroing.clearBuffer(batch.phi);
    zeroing.clearBuffer(batch.dual);
    device.queue.submit([zeroing.finish()]);

    const rho = problems.map((prob) => prob.rho);
    const active = problems.map(() => true);
    const iterations = problems.map(() => 0);
    const converged = problems.map(() => false);
    const dualScale = problems.map(() => 1);
    // primal residual at each check, per problem (index = iteration / CHECK_EVERY)
    const history: number[][] = problems.map(() => []);

    let iteration = 0;
    while (iteration < maxIter && active.some(Boolean)) {
      signal?.throwIfAborted();
      const steps = Math.min(CHECK_EVERY, maxIter - iteration);
      // The first iteration of each chunk starts Jacobi from the identity (so f32 rounding in the
      // accumulated eigenvectors never builds up over more than CHECK_EVERY iterations) and applies
      // a pending dual rescale; the others warm-start from the previous eigenvectors.
      batch.write(batch.problems, encodeProblems(problems, rho, dualScale, active, false));
      batch.submitIterations(1);
      dualScale.fill(1);
      batch.write(batch.problems, encodeProblems(problems, rho, dualScale, active, true));
      batch.submitIterations(steps - 1);
      iteration += steps;
      const residuals = await batch.readF32(batch.residuals);
      for (let b = 0; b < B; b++) {
        if (!active[b]) continue;
        iterations[b] = iteration;
        const primal = residuals[2 * b];
        const dual = residuals[2 * b + 1];
        history[b].push(primal);
        if (admmConverged(primal, dual, tol, p)) {
          converged[b] = true;
          active[b] = false;
          continue;
        }
        const back = STALL_WINDOW / CHECK_EVERY;
        const windowAgo = history[b].length > back + 1 ? history[b][history[b].length - 1 - back] : undefined;
        if (windowAgo !== undefined && stallCheck(iteration, primal, windowAgo)) {
          rho[b] *= 2;
          dualScale[b] = 0.5;
        }
      }
      await options.onChunk?.(iteration, active.filter(Boolean).length);
    }
    const phi = await batch.readF32(batch.phi);
    const estimates = problems.map((_, b) => Float64Array.from(phi.subarray(b * p * p, (b + 1) * p * p)));
    return { estimates, iterations, converged, finalRho: rho };
  } finally {
    batch.destroy();
  }
}
