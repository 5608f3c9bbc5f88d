import { describe, expect, it } from 'vitest';
import { buildClaims, conditionVerdict, magnitudeNote, type ClaimReplicate, type MagnitudeCondition } from './claims';
import type { EstimateScore } from './metrics';

const score = (error: number, equalsOracle = false, toOracle = 0.02): EstimateScore => ({
  error,
  toOracle,
  truePositiveRate: 1,
  falsePositiveRate: 0,
  exactSupport: true,
  rank: 1,
  eigenvalues: [1],
  equalsOracle,
});

/** A data set: the oracle's smallest support entry, whether MCP equals the oracle, FPS(best) and MCP errors. */
function replicate(minEntry: number, equals: boolean, fpsTunedError: number, mcpError: number): ClaimReplicate {
  return {
    oracle: score(mcpError, true, 0),
    mcp: score(mcpError, equals, equals ? 0 : 0.01),
    fps: score(fpsTunedError * 1.2),
    fpsTuned: score(fpsTunedError),
    fpsGridMinToOracle: 0.01,
    oracleMinSupportEntry: minEntry,
  };
}

const condition: MagnitudeCondition = { minSignal: 0.2, bLambda: 0.15, rootSOverN: 0.07, entrywiseError: 0.03, entrySd: 0.012 };
const tuning = { grid: [0.75, 1, 1.5, 2], best: 1, meanErrors: [0.09, 0.08, 0.085, 0.1] };
const claimOf = (replicates: ClaimReplicate[], id: string) => buildClaims({ replicates, condition, tuning, cLambda: 2 }).find((c) => c.id === id)!;

describe('sparse-PCA claim statistics', () => {
  it('MCP = oracle is a pass rate with its Wilson interval, passing at 90%', () => {
    const eighteen = [...Array.from({ length: 18 }, () => replicate(0.18, true, 0.1, 0.08)), replicate(0.14, false, 0.1, 0.08), replicate(0.14, false, 0.1, 0.08)];
    const claim = claimOf(eighteen, 'mcp-equals-oracle');
    expect(claim.value).toBeCloseTo(0.9, 12);
    expect(claim.passed).toBe(true);
    expect(claim.spread).toMatchObject({ replicates: 20, estimate: 0.9 });
    expect(claim.spread!.low).toBeCloseTo(0.699, 3); // Wilson 95% for 18 of 20
    expect(claim.note).toMatch(/On 2 of 20 data sets .* 2 of MCP's 2 misses/);
    const seventeen = [...eighteen.slice(0, 17), ...eighteen.slice(18), replicate(0.17, false, 0.1, 0.08)];
    expect(claimOf(seventeen, 'mcp-equals-oracle').passed).toBe(false);
  });

  it('the magnitude note states the margin min|Π*| − bλ − measured error, with three verdicts at ± one s.d.', () => {
    const reps = [replicate(0.18, true, 0.1, 0.08)];
    expect(magnitudeNote(reps, condition)).toMatch(/condition holds \(margin 0\.020/);
    expect(magnitudeNote(reps, condition)).toMatch(/measured entrywise error 0\.030 .* its order, √\(s\/n\) = 0\.070/);
    // p = 100 in the audit: margin 0.006 beside a failed claim is marginal, not "holds"
    expect(magnitudeNote(reps, { ...condition, bLambda: 0.164 })).toMatch(/condition is marginal \(margin 0\.006/);
    expect(magnitudeNote(reps, { ...condition, bLambda: 0.176 })).toMatch(/condition is marginal \(margin -0\.006/);
    expect(magnitudeNote(reps, { ...condition, bLambda: 0.188 })).toMatch(/condition fails \(margin -0\.018/);
    expect(conditionVerdict({ ...condition, bLambda: 0.159 })).toBe('marginal'); // margin 0.011 < one s.d. 0.012
    expect(conditionVerdict({ ...condition, bLambda: 0.157 })).toBe('holds'); // margin 0.013
  });

  it('FPS bias is the mean over data sets of FPS(best λ) error / MCP error, passing when its 95% interval lies above 1', () => {
    const reps = [0.12, 0.13, 0.11, 0.12, 0.13, 0.11].map((fps) => replicate(0.18, true, fps, 0.1));
    const claim = claimOf(reps, 'fps-biased');
    expect(claim.value).toBeCloseTo(1.2, 12);
    expect(claim.threshold).toBe(1);
    // six ratios 1.2 ± 0.1: s.d. √(0.04/5), t(0.975, 5) = 2.571
    expect(claim.spread!.low).toBeCloseTo(1.2 - 2.570582 * Math.sqrt(0.04 / 5 / 6), 5);
    expect(claim.passed).toBe(true);
    expect(claim.note).toMatch(/best c_λ = 1, mean error 0\.120/);
    expect(claim.note).toMatch(/ratio would be 1\.44/);
    // a mean above 1 whose interval reaches below 1 does not pass: the lower end is the test
    const noisy = [replicate(0.18, true, 0.08, 0.1), replicate(0.18, true, 0.14, 0.1), replicate(0.18, true, 0.12, 0.1)];
    expect(claimOf(noisy, 'fps-biased').value).toBeGreaterThan(1);
    expect(claimOf(noisy, 'fps-biased').spread!.low).toBeLessThan(1);
    expect(claimOf(noisy, 'fps-biased').passed).toBe(false);
    expect(claimOf([replicate(0.18, true, 0.1, 0.1), replicate(0.18, true, 0.1, 0.1)], 'fps-biased').passed).toBe(false);
  });

  it('says when FPS\'s best λ sits at the edge of its grid', () => {
    const reps = [replicate(0.18, true, 0.12, 0.1)];
    const edge = buildClaims({ replicates: reps, condition, tuning: { ...tuning, best: 0.75 }, cLambda: 2 }).find((c) => c.id === 'fps-biased')!;
    expect(edge.note).toMatch(/edge of the grid/);
  });

  it('the limit row is the share of data sets below the condition on which MCP misses, "most" passing', () => {
    const reps = [replicate(0.14, false, 0.1, 0.08), replicate(0.14, true, 0.1, 0.08), replicate(0.14, false, 0.1, 0.08), replicate(0.18, true, 0.1, 0.08)];
    const claim = claimOf(reps, 'mcp-misses-below-magnitude');
    expect(claim.kind).toBe('limit');
    expect(claim.value).toBeCloseTo(2 / 3, 12);
    expect(claim.passed).toBe(true);
    expect(claim.note).toMatch(/missed the oracle on 2 of the 3 data sets/);
    const half = [replicate(0.14, false, 0.1, 0.08), replicate(0.14, true, 0.1, 0.08)];
    expect(claimOf(half, 'mcp-misses-below-magnitude').passed).toBe(false);
  });

  it('the limit row is absent when no data set falls below the condition (it would pass vacuously)', () => {
    const claims = buildClaims({ replicates: [replicate(0.18, true, 0.1, 0.08)], condition, tuning, cLambda: 2 });
    expect(claims.map((c) => c.id)).toEqual(['mcp-equals-oracle', 'fps-biased', 'fps-never-oracle']);
  });
});
