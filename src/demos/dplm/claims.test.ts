import { describe, expect, it } from 'vitest';
import { adapterClaim, compositionDriftClaim, guidanceClaim, lookupClaim, motifPreservedClaim, nfeClaim, probeClaim, repeatClaim } from './claims';
import type { GuidanceRecord, MotifRecord, ProbeRecord, StructureRecord, UnconditionalRecord } from './sections';

const counts = { nfe: 10, expectedNfe: 10, resampleCalls: 0 };
const guidance = (agreementAt: (eta: number, r: number) => number, klAt: (eta: number, r: number) => number = () => 0.1): GuidanceRecord[] =>
  [0, 1, 2, 4].flatMap((eta) => [0, 1, 2, 3, 4].map((replicate) => ({ eta, replicate, sequences: [], scorerAgreement: agreementAt(eta, replicate), guideAgreement: 0, perplexity: 10, compositionKl: klAt(eta, replicate), ...counts })));

describe('DPLM claims: each passes where it should and fails where it should', () => {
  it('guidance: a monotone rise of 0.2 passes; a rise of 0.1, or a dip on the way, fails', () => {
    expect(guidanceClaim(guidance((eta, r) => 0.4 + 0.05 * eta + 0.01 * r)).passed).toBe(true);
    expect(guidanceClaim(guidance((eta, r) => 0.4 + 0.025 * eta + 0.01 * r)).passed).toBe(false);
    const dip = guidanceClaim(guidance((eta, r) => 0.4 + (eta === 2 ? -0.05 : 0.06 * eta) + 0.01 * r));
    expect(dip.passed).toBe(false);
    expect(dip.note).toContain('not monotone');
    // no guidance at all (every η scores alike up to noise): no rise
    expect(guidanceClaim(guidance((_, r) => 0.45 + 0.02 * ((r * 7) % 3))).passed).toBe(false);
  });

  const structure = (gain: (chain: number) => number): StructureRecord[] => {
    const chains = ['a', 'b', 'c', 'd', 'e', 'f'];
    return [
      { model: 'adapter', chains, recovery: chains.map((_, i) => 0.1 + gain(i)), ...counts },
      { model: 'dplm', chains, recovery: chains.map(() => 0.1), ...counts },
    ];
  };
  it('adapter: a steady gain over chains passes; a gain within noise fails', () => {
    expect(adapterClaim(structure((i) => 0.05 + 0.01 * i)).passed).toBe(true);
    expect(adapterClaim(structure((i) => (i % 2 === 0 ? 0.02 : -0.02))).passed).toBe(false);
    expect(adapterClaim(structure(() => 0.05).slice(0, 1)).passed).toBe(false);
  });

  it('limits: composition drift holds when KL rises with η; the lookup row holds until the adapter clears the table', () => {
    expect(compositionDriftClaim(guidance(() => 0.5, (eta, r) => 0.1 + 0.1 * eta + 0.01 * r)).passed).toBe(true);
    expect(compositionDriftClaim(guidance(() => 0.5, (_, r) => 0.1 + 0.01 * ((r * 7) % 3))).passed).toBe(false);
    const records = structure((i) => 0.05 + 0.01 * i);
    const lookup = (at: (i: number) => number) => ({ table: { H: 'A', E: 'V', C: 'G' }, chains: records[0].chains, recovery: records[0].chains.map((_, i) => at(i)) });
    // the adapter (0.15–0.20) against a table at 0.2: not above it, the limit holds
    expect(lookupClaim(records, lookup(() => 0.2)).passed).toBe(true);
    // against a table at 0.1 the adapter clears it on every chain: the limit no longer holds
    const cleared = lookupClaim(records, lookup(() => 0.1));
    expect(cleared.passed).toBe(false);
    expect(cleared.note).toContain('H → A');
  });

  it('probe: reported either way, passing only when DPLM is better on every bootstrap in the mean', () => {
    const probe = (dplm: number): ProbeRecord[] => [0, 1, 2, 3, 4].flatMap((replicate) => [
      { replicate, model: 'dplm' as const, q3: dplm + 0.002 * replicate },
      { replicate, model: 'mlm' as const, q3: 0.55 },
    ]);
    expect(probeClaim(probe(0.6)).passed).toBe(true);
    const worse = probeClaim(probe(0.5));
    expect(worse.passed).toBe(false);
    expect(worse.note).toContain('DPLM 0.50');
  });

  it('repeats: resampling below deterministic ranking passes; equal shares fail', () => {
    const metrics = (repeatShare: number) => ({ compositionKl: 0, repeatShare, meanLongestRun: 2, meanPairwiseIdentity: 0.1, meanMaxTrainingIdentity: 0.3 });
    const runs = (det: number, res: (r: number) => number): UnconditionalRecord[] =>
      [0, 1, 2, 3, 4].flatMap((replicate) => [
        { mode: 'deterministic' as const, replicate, sequences: [], ss: [], metrics: metrics(det), ...counts },
        { mode: 'gumbel-resample' as const, replicate, sequences: [], ss: [], metrics: metrics(res(replicate)), ...counts },
      ]);
    expect(repeatClaim(runs(1, (r) => 0.1 * (r % 2))).passed).toBe(true);
    expect(repeatClaim(runs(0, () => 0)).passed).toBe(false);
  });

  it('sanity rows count what is wrong', () => {
    const motif = (motifMismatches: number): MotifRecord => ({ replicate: 0, sequences: ['A'], starts: [[0]], motifMismatches, motifAgreement: 1, randomMotifAgreement: 1, scaffoldPerplexity: 1, randomScaffoldPerplexity: 1, ...counts });
    expect(motifPreservedClaim([motif(0)]).passed).toBe(true);
    expect(motifPreservedClaim([motif(0), motif(2)]).value).toBe(2);
    expect(nfeClaim([counts, { ...counts, nfe: 11 }], true).passed).toBe(false);
  });
});
