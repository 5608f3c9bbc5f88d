import { describe, expect, it } from 'vitest';
import { defaults, LOG_SLIDER_STEPS, logSliderPosition, logSliderValue, parseParams, toQuery, type NumberSpec, type Schema } from './params';

const schema = {
  seed: { kind: 'int', default: 1, min: 0, max: 100, label: 'Seed', help: '' },
  rate: { kind: 'float', default: 0.5, min: 0, max: 1, label: 'Rate', help: '' },
  mode: { kind: 'enum', default: 'a', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }], label: 'Mode', help: '' },
} as const satisfies Schema;

describe('parameter schema', () => {
  it('fills missing fields with defaults, silently', () => {
    expect(parseParams(schema, {})).toEqual({ values: defaults(schema), issues: [] });
    expect(parseParams(schema, { rate: '0.25' }).values.rate).toBe(0.25);
  });

  it('names a malformed field and falls back to its default', () => {
    const { values, issues } = parseParams(schema, { seed: 'abc', rate: '0.3' });
    expect(values.seed).toBe(1);
    expect(values.rate).toBe(0.3);
    expect(issues).toHaveLength(1);
    expect(issues[0].field).toBe('seed');
    expect(issues[0].message).toMatch(/Seed \(seed\).*"abc".*default 1/);
  });

  it('does not clamp out-of-range values silently', () => {
    const { values, issues } = parseParams(schema, { rate: 7, seed: 2.5, mode: 'z' });
    expect(values).toEqual(defaults(schema));
    expect(issues.map((i) => i.field).sort()).toEqual(['mode', 'rate', 'seed']);
    expect(issues.find((i) => i.field === 'rate')!.message).toMatch(/out of range/);
  });

  it('reports unknown fields', () => {
    expect(parseParams(schema, { sede: 3 }).issues[0].field).toBe('sede');
  });

  it('round-trips through the query string', () => {
    const values = { seed: 7, rate: 0.125, mode: 'b' as const };
    const q = Object.fromEntries(new URLSearchParams(toQuery(schema, values)));
    expect(parseParams(schema, q)).toEqual({ values, issues: [] });
  });

  it('a log-scale slider spans the range by decades, lands on round values, and round-trips them', () => {
    const beta: NumberSpec = { kind: 'float', default: 2, min: 0.05, max: 5, scale: 'log', label: 'β', help: '' };
    expect(logSliderValue(beta, 0)).toBe(0.05);
    expect(logSliderValue(beta, LOG_SLIDER_STEPS)).toBe(5);
    expect(logSliderValue(beta, LOG_SLIDER_STEPS / 2)).toBe(0.5);
    expect(logSliderPosition(beta, 0.5)).toBe(LOG_SLIDER_STEPS / 2);
    for (const v of [0.05, 0.1, 0.3, 1, 2, 5]) expect(logSliderValue(beta, logSliderPosition(beta, v))).toBe(v);
    expect(logSliderPosition(beta, 100)).toBe(LOG_SLIDER_STEPS);
  });
});
