// One typed schema per demo: at once the defaults, the validation, the URL state and the controls.

export interface NumberSpec {
  kind: 'int' | 'float';
  default: number;
  min: number;
  max: number;
  step?: number;
  /** 'log': the control is a slider whose position is log(value) (for ranges over decades). */
  scale?: 'log';
  label: string;
  help: string;
  /** Hidden in presenter mode. */
  advanced?: boolean;
}

export interface EnumSpec<T extends string = string> {
  kind: 'enum';
  default: T;
  options: readonly { value: T; label: string }[];
  label: string;
  help: string;
  advanced?: boolean;
}

/** A part of the run that is on or off; 'on' / 'off' in the URL, a switch on the page. */
export interface ToggleSpec {
  kind: 'toggle';
  default: 'on' | 'off';
  label: string;
  help: string;
  advanced?: boolean;
}

/**
 * A short string typed by the user (a sequence, a motif, a secondary-structure target): trimmed,
 * upper-cased when asked, at most `maxLength` characters, then the demo's own check, which names
 * what is wrong (the letters allowed, the form).
 */
export interface TextSpec {
  kind: 'text';
  default: string;
  maxLength: number;
  upperCase?: boolean;
  /** The problem with a value in words (without the field's label), or null. */
  check?: (value: string) => string | null;
  label: string;
  help: string;
  advanced?: boolean;
}

export type ParamSpec = NumberSpec | EnumSpec | ToggleSpec | TextSpec;
export type Schema = Record<string, ParamSpec>;

export type ParamValues<S extends Schema> = {
  [K in keyof S]: S[K] extends EnumSpec<infer T> ? T : S[K] extends ToggleSpec ? 'on' | 'off' : S[K] extends TextSpec ? string : number;
};

export interface ParamIssue {
  field: string;
  message: string;
}

/**
 * A rule across fields (s ≤ p, Δ < δ): what is wrong, and the values that make it right. A link
 * gets the fix, with the issue named; a typed edit that breaks the rule is refused with the problem.
 */
export interface CrossFieldIssue<P> {
  field: keyof P & string;
  problem: string;
  fix: Partial<P>;
}

export type Refine<P> = (values: P) => CrossFieldIssue<P>[];

export interface ParsedParams<S extends Schema> {
  values: ParamValues<S>;
  /** One entry per field that was malformed or out of range and fell back to its default. */
  issues: ParamIssue[];
}

/**
 * A setting near the defaults that nobody tuned the claims for (docs/DESIGN.md §8): `npm run claims`
 * checks every claim there too, at each seed root. Chosen before looking at the outcome; not edited
 * to make a claim pass.
 */
export interface NearbySetting<P> {
  label: string;
  params: Partial<P>;
}

/** Every schema carries the seed; demos add their own fields. */
export const seedSpec: NumberSpec = {
  kind: 'int',
  default: 1,
  min: 0,
  max: 4294967295,
  label: 'Seed',
  help: 'Every random number of the run derives from this one seed: same seed, same numbers.',
};

/** Where a demo's tfjs network runs (src/gpu/backend.ts, onChosenTfBackend); shared by the demos that train or run one. */
export function networkSpec(label: string): EnumSpec<'auto' | 'webgpu' | 'cpu'> {
  return {
    kind: 'enum',
    default: 'auto',
    options: [
      { value: 'auto', label: 'WebGPU on a hardware GPU, else the CPU' },
      { value: 'webgpu', label: 'WebGPU (tfjs webgpu backend)' },
      { value: 'cpu', label: 'CPU (tfjs wasm backend)' },
    ],
    label,
    help: 'A software WebGPU adapter emulates the GPU on the CPU, slower than running on the CPU directly: auto then uses the CPU.',
    advanced: true,
  };
}

/** Where a masked-diffusion demo's denoising step runs after each network call (shaders/denoise_step.wgsl or TypeScript). */
export function decodeSpec(help: string): EnumSpec<'auto' | 'fused' | 'readback'> {
  return {
    kind: 'enum',
    default: 'auto',
    options: [
      { value: 'auto', label: 'Fused WGSL kernel on WebGPU, else TypeScript' },
      { value: 'fused', label: 'Fused WGSL kernel (WebGPU only)' },
      { value: 'readback', label: 'Read logits back, step in TypeScript' },
    ],
    label: 'Denoising step',
    help,
    advanced: true,
  };
}

/** How a language model's sequence log-probabilities (and their gradient) are computed (src/models/sequenceLogProbOp.ts). */
export function logProbSpec(help: string): EnumSpec<'auto' | 'chain'> {
  return {
    kind: 'enum',
    default: 'auto',
    options: [
      { value: 'auto', label: 'Fused WGSL kernel on WebGPU, else the tfjs op chain' },
      { value: 'chain', label: 'tfjs op chain (log-softmax, gather, sum)' },
    ],
    label: 'Sequence log-probabilities',
    help,
    advanced: true,
  };
}

/** Whether a demo's independent seeds run on Web Workers or in the page's thread (src/lib/workerPool.ts). */
export function parallelSpec(help: string): EnumSpec<'workers' | 'main'> {
  return {
    kind: 'enum',
    default: 'workers',
    options: [
      { value: 'workers', label: 'Web Workers (one per core)' },
      { value: 'main', label: 'This page’s thread' },
    ],
    label: 'Seeds run on',
    help,
    advanced: true,
  };
}

/** Whether a demo's CPU-side run goes to a Web Worker or stays in the page's thread (src/lib/workerRun.ts). */
export function threadSpec(help: string): EnumSpec<'worker' | 'main'> {
  return {
    kind: 'enum',
    default: 'worker',
    options: [
      { value: 'worker', label: 'A Web Worker (the page stays responsive)' },
      { value: 'main', label: 'This page’s thread' },
    ],
    label: 'CPU work runs on',
    help,
    advanced: true,
  };
}

export function defaults<S extends Schema>(schema: S): ParamValues<S> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) out[name] = spec.default;
  return out as ParamValues<S>;
}

function describeRange(spec: NumberSpec): string {
  return `${spec.kind === 'int' ? 'an integer' : 'a number'} from ${spec.min} to ${spec.max}`;
}

/** Validates one raw value (a URL string or a JS value); returns the value or an issue message. */
export function parseField(spec: ParamSpec, raw: unknown): { value: number | string } | { error: string } {
  if (spec.kind === 'toggle') {
    if (raw === 'on' || raw === 'off') return { value: raw };
    return { error: `must be on or off (got "${String(raw)}")` };
  }
  if (spec.kind === 'text') {
    if (typeof raw !== 'string') return { error: `must be text (got ${String(raw)})` };
    const value = spec.upperCase ? raw.trim().toUpperCase() : raw.trim();
    if (value.length > spec.maxLength) return { error: `is too long: ${value.length} characters, at most ${spec.maxLength}` };
    const problem = spec.check?.(value) ?? null;
    return problem ? { error: problem } : { value };
  }
  if (spec.kind === 'enum') {
    const match = spec.options.find((o) => o.value === raw);
    if (match) return { value: match.value };
    return { error: `must be one of ${spec.options.map((o) => o.value).join(', ')} (got "${String(raw)}")` };
  }
  if (raw === '' || raw === null) return { error: `must be ${describeRange(spec)} (the field is empty)` };
  const num = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(num)) return { error: `must be ${describeRange(spec)} (got "${String(raw)}")` };
  if (spec.kind === 'int' && !Number.isInteger(num)) return { error: `must be ${describeRange(spec)} (got ${num})` };
  if (num < spec.min || num > spec.max) return { error: `is out of range: ${num} is not ${describeRange(spec)}` };
  return { value: num };
}

const describeFix = (fix: Record<string, unknown>): string =>
  Object.entries(fix)
    .map(([name, value]) => `${name} = ${String(value)}`)
    .join(', ');

/**
 * Reads parameters from any record (URLSearchParams entries or a partial object). Missing fields
 * take defaults silently; bad ones take defaults *and* produce an issue naming the field.
 * Unknown fields are reported too, so a typo in a shared link does not pass unnoticed. Then the
 * cross-field rules: each broken one is fixed and named.
 */
export function parseParams<S extends Schema>(schema: S, raw: Record<string, unknown>, refine?: Refine<ParamValues<S>>): ParsedParams<S> {
  const parsed = parseFields(schema, raw);
  if (!refine) return parsed;
  let values = parsed.values;
  const issues = [...parsed.issues];
  // a fix may break a later rule (a smaller s, then k > s): apply rounds until every rule holds
  for (let round = 0; round < Object.keys(schema).length; round++) {
    const broken = refine(values);
    if (broken.length === 0) break;
    for (const issue of broken) {
      values = { ...values, ...issue.fix };
      issues.push({ field: issue.field, message: `${issue.problem}; using ${describeFix(issue.fix)}` });
    }
  }
  return { values, issues };
}

/**
 * One field typed on the page, committed on Enter or blur: the new parameter set, or the problem
 * in words (the value is not committed then, and nothing falls back silently).
 */
export function editParam<S extends Schema>(schema: S, values: ParamValues<S>, name: string, raw: unknown, refine?: Refine<ParamValues<S>>): { values: ParamValues<S> } | { error: string } {
  const spec = fieldSpec(schema, name);
  if (!spec) return { error: `"${name}" is not a parameter of this demo` };
  const result = parseField(spec, typeof raw === 'string' ? raw.trim() : raw);
  if ('error' in result) return { error: `${spec.label} ${result.error}` };
  const next = { ...values, [name]: result.value } as ParamValues<S>;
  const broken = refine?.(next) ?? [];
  if (broken.length > 0) return { error: broken.map((b) => b.problem).join('; ') };
  return { values: next };
}

/** The schema's own field of that name: a link's "toString" or "__proto__" is no parameter, whatever Object.prototype holds. */
const fieldSpec = (schema: Schema, name: string): ParamSpec | undefined => (Object.hasOwn(schema, name) ? schema[name] : undefined);

function parseFields<S extends Schema>(schema: S, raw: Record<string, unknown>): ParsedParams<S> {
  const values = defaults(schema) as Record<string, unknown>;
  const issues: ParamIssue[] = [];
  for (const [name, rawValue] of Object.entries(raw)) {
    const spec = fieldSpec(schema, name);
    if (!spec) {
      issues.push({ field: name, message: `"${name}" is not a parameter of this demo and was ignored` });
      continue;
    }
    if (rawValue === undefined) continue;
    const result = parseField(spec, rawValue);
    if ('error' in result) {
      issues.push({ field: name, message: `${spec.label} (${name}) ${result.error}; using the default ${spec.kind === 'text' ? JSON.stringify(spec.default) : spec.default}` });
    } else {
      values[name] = result.value;
    }
  }
  return { values: values as ParamValues<S>, issues };
}

/** Query-string form of a parameter set: every field, in schema order, so links are complete. */
export function toQuery<S extends Schema>(schema: S, values: ParamValues<S>): string {
  const q = new URLSearchParams();
  for (const name of Object.keys(schema)) q.set(name, String(values[name]));
  return q.toString();
}

/** Steps of a log-scale slider. */
export const LOG_SLIDER_STEPS = 1000;

/** Slider position (0 … LOG_SLIDER_STEPS) of `value` on a log-scale control. */
export function logSliderPosition(spec: NumberSpec, value: number): number {
  const clamped = Math.min(spec.max, Math.max(spec.min, value));
  return Math.round((LOG_SLIDER_STEPS * Math.log(clamped / spec.min)) / Math.log(spec.max / spec.min));
}

/** The value at a slider position, rounded to two significant digits (0.05, 0.31, 2.2, …) and kept in range. */
export function logSliderValue(spec: NumberSpec, position: number): number {
  const raw = spec.min * (spec.max / spec.min) ** (position / LOG_SLIDER_STEPS);
  const digits = Math.floor(Math.log10(raw)) - 1;
  const rounded = Math.round(raw / 10 ** digits) * 10 ** digits;
  return Math.min(spec.max, Math.max(spec.min, Number(rounded.toPrecision(2))));
}
