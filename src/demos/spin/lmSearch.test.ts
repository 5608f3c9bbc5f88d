import { describe, expect, it } from 'vitest';
import { meanInterval } from '../../lib/stats';
import { LM_SEARCH, lmSearchBySetting, lmSearchNote } from './lmSearch';

describe('the language-model regime search record', () => {
  it('groups runs by setting with SPIN − SFT continued over their seeds', () => {
    const defaults = lmSearchBySetting().find((s) => s.setting.startsWith('defaults (SPIN rate 1e-4)'))!;
    expect(defaults.runs.map((r) => r.seed)).toEqual([1, 2, 3]);
    const diffs = defaults.runs.map((r) => r.spin - r.sftContinued);
    expect(defaults.advantage).toMatchObject({ replicates: 3, ...meanInterval(diffs) });
  });

  it('the note counts the runs and the wins as recorded', () => {
    const wins = LM_SEARCH.filter((r) => r.spin > r.sftContinued).length;
    expect(lmSearchNote()).toContain(`(${LM_SEARCH.length} runs, three iterations each, held-out exact match): SPIN beat SFT continued in ${wins} of them`);
  });
});
