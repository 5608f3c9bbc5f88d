import { describe, expect, it } from 'vitest';
import { defaults, editParam, LOG_SLIDER_STEPS, logSliderPosition, logSliderValue, parseParams, toQuery, type NumberSpec, type ParamValues, type Refine, type Schema } from './params';

const schema = {
  seed: { kind: 'int', default: 1, min: 0, max: 100, label: 'Seed', help: '' },
  rate: { kind: 'float', default: 0.5, min: 0, max: 1, label: 'Rate', help: '' },
  mode: { kind: 'enum', default: 'a', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }], label: 'Mode', help: '' },
  extra: { kind: 'toggle', default: 'off', label: 'Extra', help: '' },
} as const satisfies Schema;

/** A cross-field rule for the tests: rate × 100 may not exceed the seed. */
const rateBelowSeed: Refine<ParamValues<typeof schema>> = (v) => (v.rate * 100 > v.seed ? [{ field: 'rate', problem: `Rate ${v.rate} exceeds seed / 100 = ${v.seed / 100}`, fix: { rate: v.seed / 100 } }] : []);

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
    expect(parseParams(schema, { extra: 'yes' }).issues[0].message).toMatch(/Extra \(extra\) must be on or off \(got "yes"\)/);
    expect(issues.find((i) => i.field === 'rate')!.message).toMatch(/out of range/);
  });

  it('reports unknown fields', () => {
    expect(parseParams(schema, { sede: 3 }).issues[0].field).toBe('sede');
  });

  it('round-trips through the query string', () => {
    const values = { seed: 7, rate: 0.125, mode: 'b' as const, extra: 'on' as const };
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

  it('fixes a link that breaks a cross-field rule and names the fix', () => {
    const { values, issues } = parseParams(schema, { seed: '20', rate: '0.5' }, rateBelowSeed);
    expect(values.rate).toBe(0.2);
    expect(issues).toEqual([{ field: 'rate', message: 'Rate 0.5 exceeds seed / 100 = 0.2; using rate = 0.2' }]);
  });
});

describe('a typed edit', () => {
  const values = defaults(schema);
  it('commits a valid value, whatever the keystrokes on the way were', () => {
    expect(editParam(schema, values, 'seed', '16')).toEqual({ values: { ...values, seed: 16 } });
    expect(editParam(schema, values, 'rate', ' 0.75 ')).toEqual({ values: { ...values, rate: 0.75 } });
    expect(editParam(schema, values, 'extra', 'on')).toEqual({ values: { ...values, extra: 'on' } });
  });

  it('refuses an invalid one with the problem in words, and falls back to nothing', () => {
    expect(editParam(schema, values, 'seed', '1000')).toEqual({ error: 'Seed is out of range: 1000 is not an integer from 0 to 100' });
    expect(editParam(schema, values, 'seed', '2.5')).toEqual({ error: 'Seed must be an integer from 0 to 100 (got 2.5)' });
    expect(editParam(schema, values, 'rate', '')).toEqual({ error: 'Rate must be a number from 0 to 1 (the field is empty)' });
    expect(editParam(schema, values, 'nope', '1')).toEqual({ error: '"nope" is not a parameter of this demo' });
  });

  it('refuses a value that breaks a cross-field rule instead of changing another field', () => {
    expect(editParam(schema, { ...values, seed: 20 }, 'rate', '0.5', rateBelowSeed)).toEqual({ error: 'Rate 0.5 exceeds seed / 100 = 0.2' });
    expect(editParam(schema, { ...values, seed: 20 }, 'rate', '0.1', rateBelowSeed)).toEqual({ values: { ...values, seed: 20, rate: 0.1 } });
  });
});

describe('text fields', () => {
  const textSchema = {
    word: { kind: 'text', default: 'AB', maxLength: 5, upperCase: true, check: (v: string) => (/^[AB]*$/.test(v) ? null : `only A and B (found "${v}")`), label: 'Word', help: '' },
  } as const satisfies Schema;
  const start = defaults(textSchema);

  it('trims and upper-cases, then the field’s own check names the problem', () => {
    expect(editParam(textSchema, start, 'word', ' abba ')).toEqual({ values: { word: 'ABBA' } });
    expect(editParam(textSchema, start, 'word', 'abc')).toEqual({ error: 'Word only A and B (found "ABC")' });
    expect(editParam(textSchema, start, 'word', 'ABABAB')).toEqual({ error: 'Word is too long: 6 characters, at most 5' });
  });

  it('a bad value in a link falls back to the default, quoted', () => {
    const parsed = parseParams(textSchema, { word: 'zz' });
    expect(parsed.values.word).toBe('AB');
    expect(parsed.issues[0].message).toBe('Word (word) only A and B (found "ZZ"); using the default "AB"');
    expect(toQuery(textSchema, { word: 'A/B' })).toBe('word=A%2FB');
  });
});
