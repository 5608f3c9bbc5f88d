import { describe, expect, it } from 'vitest';
import { bandColumns } from './results';

describe('bandColumns', () => {
  it('names the mean, min and max after the key, in that order (the CSV columns follow it)', () => {
    const band = bandColumns('cr-omle', [3, 1, 2]);
    expect(Object.entries(band)).toEqual([
      ['cr-omleMean', 2],
      ['cr-omleMin', 1],
      ['cr-omleMax', 3],
    ]);
  });
});
