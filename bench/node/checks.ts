// Each raw kernel's output against its plain-TypeScript reference, once per run, so that a timing
// from a machine nobody here has seen comes with evidence that the kernels computed the right thing
// there. Tolerances are those of the browser kernel tests (src/**/*.browser.test.ts).

import { RngStream } from '../../src/lib/rng';
import { denoiseStepKey, denoiseStepReference, selectLowestConfidence, type DenoiseStepInput } from '../../src/models/diffusion/denoiseStep';
import { DenoiseStepKernels } from '../../src/models/diffusion/denoiseStepGpu';
import { sequenceLogProbGradReference, sequenceLogProbReference, type SequenceBatch } from '../../src/models/sequenceLogProb';
import { SequenceLogProbKernels } from '../../src/models/sequenceLogProbGpu';
import { solveSdp } from '../../src/demos/sparse-pca/algorithm';
import { CHECK_EVERY, runBatchedAdmm } from '../../src/demos/sparse-pca/gpuAdmm';
import { benchCovariances, benchProblems } from '../admmTiming';

export interface KernelCheck {
  kernel: string;
  size: string;
  /** Largest |kernel − reference| over the compared real-valued outputs. */
  maxAbsDiff: number;
  tolerance: number;
  /** Outputs that must match exactly (tokens, mask entries) and did not. */
  mismatches: number;
  ok: boolean;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

function countMismatches(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) count++;
  return count;
}

const check = (kernel: string, size: string, diff: number, tolerance: number, mismatches = 0): KernelCheck => ({ kernel, size, maxAbsDiff: diff, tolerance, mismatches, ok: diff <= tolerance && mismatches === 0 });

/** denoise_step (Gumbel-max sampling) then select_masked, as one sampler step runs them. */
export async function checkDenoiseStep(device: GPUDevice, B: number, L: number, V: number): Promise<KernelCheck[]> {
  const rng = RngStream.fromSeed(11);
  const input: DenoiseStepInput = {
    logits: Float32Array.from({ length: B * L * V }, () => 3 * rng.normal()),
    positions: B * L,
    vocab: V,
    forbidden: Array.from({ length: V }, (_, v) => v === V - 1),
    temperature: 0.7,
    noiseScale: 1,
    stepKey: denoiseStepKey(rng.split('sampling').key, 3),
  };
  const eligible = Array.from({ length: B * L }, () => rng.uniform() < 0.8);
  const keepCount = Array.from({ length: B }, (_, b) => (b * 7) % (L + 1));
  const kernels = await DenoiseStepKernels.create(device);
  try {
    const gpu = await kernels.run(input, { eligible, keepCount, batch: B, length: L });
    const reference = denoiseStepReference(input);
    // select_masked's reference ranks the kernel's own confidences: ties then break the same way
    const selected = selectLowestConfidence(gpu.confidence, eligible, keepCount, B, L);
    const size = `B=${B} L=${L} V=${V}`;
    return [
      check('denoise_step: confidences (tokens exact)', size, maxAbsDiff(gpu.confidence, reference.confidence), 1e-4, countMismatches(gpu.tokens, reference.tokens)),
      check('select_masked: mask (exact)', size, 0, 0, countMismatches(gpu.masked!, selected)),
    ];
  } finally {
    kernels.dispose();
  }
}

/** sequence_logprob (forward sums) and sequence_logprob_grad (∂/∂logits), a quarter of the rows masked. */
export async function checkSequenceLogProb(device: GPUDevice, B: number, T: number, V: number): Promise<KernelCheck[]> {
  const rng = RngStream.fromSeed(12);
  const input: SequenceBatch = {
    logits: Float32Array.from({ length: B * T * V }, () => 3 * rng.normal()),
    targets: Int32Array.from({ length: B * T }, () => rng.int(V)),
    mask: Float32Array.from({ length: B * T }, () => (rng.uniform() < 0.75 ? 1 : 0)),
    batch: B,
    length: T,
    vocab: V,
  };
  const upstream = Array.from({ length: B }, (_, b) => (b % 2 === 0 ? 1 : -0.5) * (1 + b));
  const kernels = await SequenceLogProbKernels.create(device);
  const gpu = await kernels.run(input, upstream);
  const sums = sequenceLogProbReference(input);
  const grad = sequenceLogProbGradReference(input, upstream);
  const size = `B=${B} T=${T} V=${V}`;
  // f32 accumulation over T rows: the error scales with Σ_t |log p| (= |sum|, every term is ≤ 0)
  const sumScale = 1 + Math.max(...Array.from(sums, Math.abs));
  return [
    check('sequence_logprob: sums', size, maxAbsDiff(gpu.sums, sums), 1e-5 * sumScale),
    check('sequence_logprob_grad: gradient', size, maxAbsDiff(gpu.grad!, grad), 1e-5 * Math.max(...upstream.map(Math.abs))),
  ];
}

/**
 * One chunk of the batched ADMM driver (CHECK_EVERY iterations of the five kernels: the first
 * cold-started, the rest warm-started) against as many f64 iterations of the CPU solver.
 */
export async function checkAdmm(device: GPUDevice, p: number, B: number): Promise<KernelCheck[]> {
  const problems = benchProblems(p, B, benchCovariances(p, Math.min(B, 4)));
  const gpu = await runBatchedAdmm(device, problems, { p, tol: 0, maxIter: CHECK_EVERY });
  let worst = 0;
  problems.forEach((prob, b) => {
    const cpu = solveSdp(prob.sigma, p, { lambda: prob.lambda, rho: prob.rho, penalty: prob.penalty, k: prob.k, tol: 0, maxIter: CHECK_EVERY });
    worst = Math.max(worst, maxAbsDiff(gpu.estimates[b], cpu.phi));
  });
  // the whole-solve kernel test allows ‖Φ_gpu − Φ_cpu‖_F ≤ 1e-3; one entry can differ no more
  return [check(`ADMM: Φ after ${CHECK_EVERY} iterations (5 kernels each)`, `p=${p} B=${B}`, worst, 1e-3)];
}
