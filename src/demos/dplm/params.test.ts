import { describe, expect, it } from 'vitest';
import { editParam, parseParams, defaults } from '../../lib/params';
import { RngStream } from '../../lib/rng';
import { jitteredStarts, parseMotif, placementProblem } from './motif';
import { dplmSchema, refineDplm } from './params';

const d = defaults(dplmSchema);

describe('DPLM parameters: bad input is named and nothing runs on it', () => {
  it('letters outside the 20 amino acids: each named with its positions', () => {
    const r = editParam(dplmSchema, d, 'motif', 'gsaqxk/sbld', refineDplm);
    expect(r).toEqual({ error: 'Motif segments only the 20 amino-acid letters ACDEFGHIKLMNPQRSTVWY are allowed; found "X" at 5; "B" at 8' });
  });

  it('an empty motif, an empty segment, bad starts', () => {
    expect(editParam(dplmSchema, d, 'motif', '', refineDplm)).toEqual({ error: 'Motif segments is empty: give at least one segment of amino acids' });
    expect(editParam(dplmSchema, d, 'motif', 'GSA//KL', refineDplm)).toMatchObject({ error: expect.stringContaining('segment 2 is empty') });
    expect(editParam(dplmSchema, d, 'motifStarts', '51;81', refineDplm)).toMatchObject({ error: expect.stringContaining('1-based positions separated by commas') });
  });

  it('a motif longer than the scaffold, overlapping segments, a segment past the end', () => {
    expect(placementProblem('AAAAAAAAAA/KKKKKKKKKK', '1,11', 15)).toBe('the motif (20 residues) is longer than the scaffold (15)');
    expect(placementProblem('AAAAA/KKKKK', '10,12', 40)).toMatch(/segments 1 and 2 overlap/);
    expect(placementProblem('AAAAA/KKKKK', '10,38', 40)).toMatch(/segment 2 \(5 residues from 38\) runs past the scaffold's end \(40\)/);
    expect(placementProblem('AAAAA/KKKKK', '10', 40)).toBe('the motif has 2 segment(s) but 1 start position(s)');
    const edit = editParam(dplmSchema, d, 'scaffoldLength', '60', refineDplm);
    expect(edit).toMatchObject({ error: expect.stringContaining("runs past the scaffold's end (60)") });
  });

  it('an empty typed target is refused; a link with one falls back to a template and says so', () => {
    const typed = editParam(dplmSchema, d, 'target', 'typed', refineDplm);
    expect(typed).toMatchObject({ error: expect.stringContaining('Typed target: is empty') });
    const parsed = parseParams(dplmSchema, { target: 'typed', targetSs: '' }, refineDplm);
    expect(parsed.values.target).toBe('all-alpha');
    expect(parsed.issues[0].message).toContain('Typed target: is empty');
    expect(editParam(dplmSchema, d, 'targetSs', 'hhhxee', refineDplm)).toMatchObject({ error: expect.stringContaining('"X" at 4') });
  });

  it('jittered starts keep order, gaps and the scaffold', () => {
    const motif = parseMotif('AAAAA/KKKKK/GGG', '1,6,37');
    const rng = RngStream.fromSeed(9);
    for (let i = 0; i < 200; i++) {
      const s = jitteredStarts(motif, 40, 4, rng);
      expect(s[0]).toBeGreaterThanOrEqual(0);
      expect(s[1]).toBeGreaterThanOrEqual(s[0] + 5);
      expect(s[2]).toBeGreaterThanOrEqual(s[1] + 5);
      expect(s[2] + 3).toBeLessThanOrEqual(40);
    }
  });
});
