import { describe, expect, it } from 'vitest';
import { agreement, composition, identity, klDivergence, longestRun, sequenceMetrics, topResidueShare } from './metrics';

describe('DPLM sequence metrics', () => {
  it('composition KL is zero against itself and positive against another', () => {
    const p = composition(['ACDEFGHIKLMNPQRSTVWY']);
    expect(klDivergence(p, p)).toBe(0);
    expect(klDivergence(composition(['AAAAAAAAAA']), p)).toBeGreaterThan(0.5);
  });

  it('repeats: the commonest residue share and the longest run, counted by hand', () => {
    expect(topResidueShare('AAGAAKLA')).toBeCloseTo(5 / 8);
    expect(longestRun('MKKKLLGGGGA')).toBe(4);
    expect(longestRun('')).toBe(0);
  });

  it('identity finds a shifted copy and is matches over the shorter length', () => {
    expect(identity('MKTAYIAKQR', 'MKTAYIAKQR')).toBe(1);
    expect(identity('MKTAYIAKQR', 'GGMKTAYIAKQR')).toBe(1); // shifted by two
    expect(identity('AAAA', 'CCCC')).toBe(0);
    expect(identity('ACGT', 'ACCC')).toBeCloseTo(2 / 4);
  });

  it('collects the batch metrics', () => {
    const m = sequenceMetrics(['AAAAAAAAKL', 'MKTAYIAKQR'], composition(['MKTAYIAKQRQISFVKSHFSRQ']), ['MKTAYIAKQRQISF']);
    expect(m.repeatShare).toBe(0.5);
    expect(m.meanMaxTrainingIdentity).toBeGreaterThan(0.5);
    expect(m.meanPairwiseIdentity).toBeLessThan(0.5);
  });

  it('agreement skips untargeted positions', () => {
    expect(agreement('HHHEEC', 'HHH EC')).toBe(1);
    expect(agreement('HHHH', 'EEEE')).toBe(0);
    expect(agreement('HH', '  ')).toBeNaN();
  });
});
