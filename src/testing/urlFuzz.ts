// Hostile link parameters for the fuzz tests (scripts/urlFuzz.test.ts over every schema, and
// e2e/fuzz.spec.ts through the page): malformed, out-of-range, huge, NaN, unicode and script text,
// and names that are no parameter (some of them Object.prototype's). Seeded: same seed, same cases.

import type { Schema } from '../lib/params';
import { hashU32 } from '../lib/rng';

export const HOSTILE_VALUES: readonly string[] = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '9'.repeat(400),
  '0x10',
  '1,5',
  '3.5',
  '-0.0000001',
  '1e-320',
  '<script>window.__fuzzed=1</script>',
  '"><img src=x onerror="window.__fuzzed=1">',
  '\u202e\u0000\u200b',
  '🙂🙂🙂',
  'ｏｎ',
  'ON',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '__proto__',
  '%E0%A4%A',
  'x'.repeat(5000),
];

export const HOSTILE_NAMES: readonly string[] = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '<b>x</b>', 'seed ', 'SEED', '🙂'];

export interface FuzzCase {
  slug: string;
  raw: Record<string, string>;
}

/** `count` cases spread over the demos: each sets one to four fields, or a name that is no parameter, to hostile values. */
export function fuzzCases(schemas: Record<string, Schema>, count: number, seed = 1): FuzzCase[] {
  const slugs = Object.keys(schemas).sort();
  let counter = 0;
  const pick = <T>(list: readonly T[]) => list[hashU32(seed, counter++) % list.length];
  return Array.from({ length: count }, (_, i) => {
    const slug = slugs[i % slugs.length];
    const names = Object.keys(schemas[slug]);
    const fields = 1 + (hashU32(seed, counter++) % 4);
    const raw: Record<string, string> = {};
    for (let f = 0; f < fields; f++) {
      const name = hashU32(seed, counter++) % 5 === 0 ? pick(HOSTILE_NAMES) : pick(names);
      // Object.fromEntries, as the page reads a link: "__proto__" becomes an own key, not the prototype
      Object.assign(raw, Object.fromEntries([[name, pick(HOSTILE_VALUES)]]));
    }
    return { slug, raw };
  });
}
