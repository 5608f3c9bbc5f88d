import { describe, expect, it } from 'vitest';
import { decodeResultsJson, encodeResultsJson, tutorialRuns } from './precomputed';

describe('precomputed files', () => {
  it('keep NaN and ±Infinity through JSON (JSON.stringify alone writes null)', () => {
    const value = { spread: { low: NaN, high: Infinity, method: 'NaN' }, list: [-Infinity, 1, null], text: 'nonFinite' };
    expect(JSON.parse(JSON.stringify(value)).spread.low).toBeNull();
    expect(decodeResultsJson(encodeResultsJson(value))).toEqual(value);
    // an object that merely has such a key among others stays an object
    expect(decodeResultsJson('{"a":{"nonFinite":"NaN","b":1},"c":{"nonFinite":"x"}}')).toEqual({ a: { nonFinite: 'NaN', b: 1 }, c: { nonFinite: 'x' } });
  });

  it('list a tutorial’s configurations once each, without the defaults’ own', () => {
    const defaults = { seed: 1, n: 10, mode: 'a' };
    const steps = [{ params: {} }, { params: { n: 20 } }, { params: { mode: 'b' } }, { params: { n: 20 } }, { params: { n: 10 } }];
    expect(tutorialRuns(defaults, steps)).toEqual([
      { seed: 1, n: 20, mode: 'a' },
      { seed: 1, n: 10, mode: 'b' },
    ]);
  });
});
