import { describe, expect, it } from 'vitest';
import { expectedNfe } from '../../models/diffusion/transitionTimes';
import { buildClaims, fusedStepClaim, SPEEDUP_MIN } from './claims';
import type { RunRecord } from './records';

const schedule = { kind: 'beta', alpha: 3, beta: 3 } as const;

function record(T: number, role: 'baseline' | 'dndm', seed: number, nfe: number, wallMs: number, nll: number[]): RunRecord {
  return { T, role, sampler: role === 'dndm' ? 'dndm-k' : 'rdm-k', seed, nfe, wallMs, judgeNll: nll[0], realWordShare: 0, unigramKl: 0, bigramKl: 0, sequenceNll: nll, texts: [] };
}

/** Three seeds at T = 1000 with chosen DNDM NFEs, times and per-sequence NLLs. */
function runs(dndmNfe: number[], dndmMs: number, dndmNll: number[]): RunRecord[] {
  return [0, 1, 2].flatMap((seed) => [
    record(1000, 'baseline', seed, 1000, 1000, [4.2, 4.3, 4.1, 4.25]),
    record(1000, 'dndm', seed, dndmNfe[seed], dndmMs, dndmNll),
  ]);
}

const claim = (records: RunRecord[], id: string) => buildClaims({ records, grid: [1000], schedule, length: 64, seeds: 3 }).find((c) => c.id === id)!;

describe('DNDM claim checks', () => {
  it('pass on numbers like the paper’s, and each fails when its number is off', () => {
    const good = runs([61, 60, 62], 60, [4.15, 4.3, 4.2, 4.2]);
    expect(expectedNfe(schedule, 64, 1000)).toBeCloseTo(61.2, 1);
    expect(claim(good, 'nfe-matches-formula').passed).toBe(true);
    expect(claim(good, 'speedup-at-1000').passed).toBe(true);
    expect(claim(good, 'quality-within-noise').passed).toBe(true);

    // NFE far from E[NFE] (sd of one draw ≈ 1.6 at T = 1000)
    expect(claim(runs([52, 53, 52], 60, [4.2, 4.2, 4.2, 4.2]), 'nfe-matches-formula').passed).toBe(false);
    // a DNDM that is only 5× faster
    const slow = claim(runs([61, 60, 62], 1000 / 5, [4.2, 4.2, 4.2, 4.2]), 'speedup-at-1000');
    expect(slow.value).toBeCloseTo(5, 6);
    expect(slow.threshold).toBe(SPEEDUP_MIN);
    expect(slow.passed).toBe(false);
    // clearly worse text
    expect(claim(runs([61, 60, 62], 60, [5.1, 5.3, 5.2, 5.0]), 'quality-within-noise').passed).toBe(false);
  });

  it('the fused-step check fails on one differing token or a confidence off by more than 1e-4', () => {
    const a = { tokens: Int32Array.from([1, 2, 3]), confidence: Float64Array.from([-0.1, -0.2, -0.3]) };
    expect(fusedStepClaim(a, a).passed).toBe(true);
    expect(fusedStepClaim(a, { ...a, tokens: Int32Array.from([1, 2, 4]) }).passed).toBe(false);
    expect(fusedStepClaim(a, { ...a, confidence: Float64Array.from([-0.1, -0.2, -0.3002]) }).passed).toBe(false);
  });
});
