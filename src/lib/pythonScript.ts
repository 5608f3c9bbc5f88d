// "Export as a script": a demo's configuration as a self-contained Python program (NumPy; PyTorch
// for the parts that train or run a network), for users who outgrow the tab. A demo declares its
// method in `src/demos/<slug>/script.py` and here only how its parameters become the script's
// constants and which of the script's numbers must agree with the page's (scripts/exportScripts.test.ts
// runs each script at the demo's defaults and holds it to those tolerances).

import prelude from './python/playground.py?raw';
import type { Claim, DemoResults } from './results';

export type ScriptConstant = number | string | boolean | readonly number[];

/** One constant at the top of the script: the page's parameter, named in Python's style. */
export interface ScriptConstantLine {
  name: string;
  value: ScriptConstant;
  /** What it is and what changing it does (one line). */
  comment: string;
}

/** One number the script prints that must match the page's within a stated tolerance. */
export interface AgreementCheck<R> {
  /** Its key in the script's RESULTS_JSON line. */
  key: string;
  /** The page's value of the same quantity, from the demo's results. */
  page: (results: R) => number;
  /** Passes when |script − page| ≤ abs + rel·|page|. */
  tolerance: { abs?: number; rel?: number };
  /** Why this tolerance (float64 against float64 agrees to rounding; float32 networks do not). */
  why: string;
}

export interface DemoScript<P, R> {
  /** 'numpy': runs with NumPy alone. 'numpy+pytorch': its network parts import torch when run. */
  frameworks: 'numpy' | 'numpy+pytorch';
  /** The method in Python (src/demos/<slug>/script.py): reads the constants and the prelude's helpers. */
  body: string;
  constants: (params: P) => ScriptConstantLine[];
  /** Weight folders under public/ the script loads (`weights/<name>/`); the export puts them beside it in weights/<name>/. */
  weights?: readonly string[];
  /** Data files under public/ the script reads (`data/…`); the export puts them beside it at the same path. */
  data?: readonly string[];
  agreement: readonly AgreementCheck<R>[];
  /** Seconds the agreement run (--only-numpy at the defaults) takes on a 2-core machine. */
  seconds: number;
}

/**
 * The row of a results series that `match` picks. A check whose row is not there is an error that
 * names it (`what`), not an undefined compared with the script's number.
 */
export function rowWhere<T>(rows: readonly T[] | undefined, match: (row: T) => boolean, what: string): T {
  const row = rows?.find(match);
  if (row === undefined) throw new Error(`no ${what} in the results`);
  return row;
}

/** A claim's measured value, by id (a script check reads claims as the page shows them). */
export function claimValue(results: DemoResults, id: string): number {
  return rowWhere<Claim>(results.claims, (c) => c.id === id, `claim ${id}`).value;
}

/** A Python literal for a constant (JSON's strings and numbers are Python's too). */
export function pythonLiteral(value: ScriptConstant): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'float("nan")';
    if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : '-float("inf")';
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  return `[${value.map((v) => pythonLiteral(v)).join(', ')}]`;
}

/** One line of comment text: no line breaks or control characters can end the comment early. */
const commentText = (text: string) => text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');

export interface ScriptHeader {
  slug: string;
  title: string;
  /** The page's link to this configuration (a comment; absent where there is no page). */
  link?: string;
}

/** The whole program: a header, the constants, the shared prelude, then the demo's method. */
export function assembleScript<P, R>(script: DemoScript<P, R>, params: P, header: ScriptHeader): string {
  const constants = script.constants(params);
  const names = new Set<string>();
  for (const c of constants) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(c.name)) throw new Error(`script constant ${c.name}: names are UPPER_SNAKE_CASE`);
    if (names.has(c.name)) throw new Error(`script constant ${c.name} is declared twice`);
    names.add(c.name);
  }
  const torch = script.frameworks === 'numpy+pytorch';
  const lines = [
    '#!/usr/bin/env python3',
    `# ${commentText(header.title)}: exported from the WebGPU ML Playground (demo "${header.slug}").`,
    ...(header.link ? [`# The page's configuration: ${commentText(header.link)}`] : []),
    '#',
    `# Run:      python3 ${header.slug}.py${torch ? '            (the network parts need PyTorch; --only-numpy skips them)' : ''}`,
    '# Scale up: change the constants below; the same seed draws the same numbers as the page.',
    `# Needs:    Python 3.9+ and NumPy${torch ? '; PyTorch for the network parts (--dry-run checks their shapes without training)' : ''}.`,
    '# The last line printed is RESULTS_JSON {...}: the numbers the playground compares with its own.',
    '',
    '# ---- the configuration (the page\'s parameters) ----------------------------------------------',
    ...constants.map((c) => `${c.name} = ${pythonLiteral(c.value)}  # ${commentText(c.comment)}`),
    '',
    prelude.trim(),
    '',
    '',
    '# ---- the method -------------------------------------------------------------------------------',
    script.body.trim(),
    '',
  ];
  return lines.join('\n');
}
