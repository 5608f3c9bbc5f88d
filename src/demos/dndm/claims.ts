// The paper's claims as checks computed on every run (docs/DESIGN.md §5.2, docs/research/discrete_diffusion.md §2.4), on the
// run's own numbers. At the defaults (Beta(3, 3), N = L = 64, T ∈ {25, 50, 100, 1000, ∞}, 3 seeds
// of 4 sequences) they are the checks.

import type { Claim } from '../../lib/results';
import { mean, welchZ } from '../../lib/stats';
import type { DenoiseStepOutput } from '../../models/diffusion/denoiseStep';
import { expectedNfe, nfeVariance, type TransitionSchedule } from '../../models/diffusion/transitionTimes';
import type { RunRecord } from './records';

/** Measured mean NFE within this many standard errors (exact Var[NFE]) of E[NFE], plus a rounding allowance. */
export const NFE_SE_LIMIT = 4;
export const NFE_ALLOWANCE = 0.05;
export const SPEEDUP_T = 1000;
export const SPEEDUP_MIN = 8;
/** "Within noise": the two samplers' mean judge NLL per sequence differ by at most 2 standard errors. */
export const QUALITY_Z_LIMIT = 2;
export const FUSED_CONFIDENCE_TOL = 1e-4;

interface ClaimInputs {
  records: readonly RunRecord[];
  grid: readonly number[];
  schedule: TransitionSchedule;
  length: number;
  seeds: number;
}

/** The gap of each T's mean NFE to E[NFE], as a share of its allowance (≤ 1 passes). */
export function nfeGaps({ records, grid, schedule, length, seeds }: ClaimInputs): { T: number; measured: number; expected: number; share: number }[] {
  return grid
    .filter((T) => Number.isFinite(T))
    .flatMap((T) => {
      const runs = records.filter((r) => r.T === T && r.role === 'dndm');
      if (runs.length === 0) return [];
      const measured = mean(runs.map((r) => r.nfe));
      const expected = expectedNfe(schedule, length, T);
      const allowance = NFE_SE_LIMIT * Math.sqrt(nfeVariance(schedule, length, T) / seeds) + NFE_ALLOWANCE;
      return [{ T, measured, expected, share: Math.abs(measured - expected) / allowance }];
    });
}

export function buildClaims(inputs: ClaimInputs): Claim[] {
  const { records } = inputs;
  const claims: Claim[] = [];
  const gaps = nfeGaps(inputs);
  if (gaps.length > 0) {
    const worst = Math.max(...gaps.map((g) => g.share));
    claims.push({
      id: 'nfe-matches-formula',
      kind: 'sanity',
      statement:
        `Measured NFE of DNDM agrees with E[NFE] = Σ_t 1 − (1 − p_t)^N at every T: |mean − E| ≤ ${NFE_SE_LIMIT} standard errors (exact Var[NFE], ${inputs.seeds} seeds) + ${NFE_ALLOWANCE}. ` +
        gaps.map((g) => `T=${g.T}: ${g.measured.toFixed(1)} vs ${g.expected.toFixed(1)}`).join('; '),
      passed: worst <= 1,
      value: worst,
      threshold: 1,
    });
  }
  const atT = (role: 'baseline' | 'dndm') => records.filter((r) => r.T === SPEEDUP_T && r.role === role);
  const baseline = atT('baseline');
  const dndm = atT('dndm');
  if (baseline.length > 0 && dndm.length > 0) {
    const speedup = mean(baseline.map((r) => r.wallMs)) / mean(dndm.map((r) => r.wallMs));
    claims.push({
      id: 'speedup-at-1000',
      kind: 'paper',
      statement: `At T = ${SPEEDUP_T}, DNDM samples ≥ ${SPEEDUP_MIN}× faster (wall time, same run, same batch) than the T-call sampler (NFE ${mean(baseline.map((r) => r.nfe)).toFixed(0)} vs ${mean(dndm.map((r) => r.nfe)).toFixed(1)})`,
      passed: speedup >= SPEEDUP_MIN,
      value: speedup,
      threshold: SPEEDUP_MIN,
    });
    const a = dndm.flatMap((r) => r.sequenceNll);
    const b = baseline.flatMap((r) => r.sequenceNll);
    if (a.length >= 2 && b.length >= 2) {
      const z = Math.abs(welchZ(a, b));
      claims.push({
        id: 'quality-within-noise',
        kind: 'paper',
        statement: `At T = ${SPEEDUP_T}, DNDM’s quality is within noise of the T-call sampler’s: judge perplexity ${Math.exp(mean(a)).toFixed(1)} vs ${Math.exp(mean(b)).toFixed(1)}, |z| of the per-sequence NLL difference ≤ ${QUALITY_Z_LIMIT} (${a.length} vs ${b.length} sequences)`,
        passed: z <= QUALITY_Z_LIMIT,
        value: z,
        threshold: QUALITY_Z_LIMIT,
      });
    }
  }
  return claims;
}

/** On the fused path: the WGSL step and the TypeScript step on the same network output. */
export function fusedStepClaim(fused: DenoiseStepOutput, reference: DenoiseStepOutput): Claim {
  let mismatched = 0;
  let worst = 0;
  for (let i = 0; i < fused.tokens.length; i++) {
    if (fused.tokens[i] !== reference.tokens[i]) mismatched++;
    worst = Math.max(worst, Math.abs(fused.confidence[i] - reference.confidence[i]));
  }
  return {
    id: 'fused-step-matches-reference',
    kind: 'sanity',
    statement: `The fused WGSL denoising step gives the TypeScript step’s tokens on this model’s logits (${mismatched} of ${fused.tokens.length} differ) and confidences within ${FUSED_CONFIDENCE_TOL} (worst ${worst.toExponential(1)})`,
    passed: mismatched === 0 && worst <= FUSED_CONFIDENCE_TOL,
    value: worst,
    threshold: FUSED_CONFIDENCE_TOL,
  };
}
