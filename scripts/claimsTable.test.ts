import { describe, expect, it } from 'vitest';
import type { Claim } from '../src/lib/results';
import { claimTable, formatClaimTable, robust, type ClaimRun } from './claimsTable';

const claim = (id: string, kind: Claim['kind'], passed: boolean, value: number): Claim => ({ id, kind, statement: id, passed, value, threshold: 0 });

describe('claims table', () => {
  const runs: ClaimRun[] = [1, 2, 3, 4, 5].flatMap((seed) => [
    { slug: 'demo', setting: 'defaults', seed, claims: [claim('s', 'sanity', true, 0), claim('p', 'paper', seed !== 3, seed)] },
    { slug: 'demo', setting: 'x = 2', seed, claims: [claim('s', 'sanity', true, 0), claim('p', 'paper', seed <= 2, 10 * seed)] },
  ]);

  it('counts passes per setting and over all, paper rows first, values as mean ± s.d.', () => {
    const rows = claimTable(runs);
    expect(rows.map((r) => r.id)).toEqual(['p', 's']);
    const p = rows[0];
    expect(p.cells.map((c) => [c.setting, c.passed, c.runs])).toEqual([
      ['defaults', 4, 5],
      ['x = 2', 2, 5],
    ]);
    expect(p.cells[0].valueMean).toBe(3);
    expect(p.cells[0].valueSd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect([p.passed, p.runs]).toEqual([6, 10]);
    expect(p.low).toBeGreaterThan(0.2);
    expect(p.high).toBeLessThan(0.9);
  });

  it('a claim is robust only when it passes on ≥ 80% of roots at every setting', () => {
    const [p, s] = claimTable(runs);
    expect(robust(p, 2)).toBe(false); // 4/5 at the defaults but 2/5 nearby
    expect(robust(s, 2)).toBe(true);
    expect(robust(s)).toBe(false); // checked at two settings, not the three a demo names
  });

  it('prints one Markdown row per claim with a column per setting', () => {
    const text = formatClaimTable(claimTable(runs));
    expect(text.split('\n')).toHaveLength(4);
    expect(text).toContain('| demo | p | paper | 4/5 · 3 ± 1.58 | x = 2: 2/5 · 30 ± 15.8 | 6/10 = 60% [31, 83] |');
  });
});
