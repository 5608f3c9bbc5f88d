// The link fuzzer over every demo's schema: ≥ 200 hostile parameter sets. Parsing never throws,
// every value that comes out is one the schema allows (and the demo's own check and cross-field
// rules accept), and every raw field either went in as given or is named in an issue, with the
// field's label. The page half is e2e/fuzz.spec.ts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseField, parseParams, type ParamSpec, type ParamValues, type Refine, type Schema } from '../src/lib/params';
import { fuzzCases } from '../src/testing/urlFuzz';

type Loaded = { schema: Schema; refine?: Refine<ParamValues<Schema>> };

async function loadSchemas(): Promise<Record<string, Loaded>> {
  const out: Record<string, Loaded> = {};
  for (const slug of readdirSync('src/demos').sort()) {
    const module = (await import(pathToFileURL(join(process.cwd(), 'src/demos', slug, 'params.ts')).href)) as Record<string, unknown>;
    const schema = Object.values(module).find((v): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v) && 'seed' in v && Object.values(v).every((s) => typeof s === 'object' && s !== null && 'kind' in s));
    const refine = Object.entries(module).find(([name, v]) => /^refine/.test(name) && typeof v === 'function')?.[1] as Loaded['refine'];
    if (!schema) throw new Error(`src/demos/${slug}/params.ts exports no schema`);
    out[slug] = { schema, refine };
  }
  return out;
}

function allowed(spec: ParamSpec, value: unknown): boolean {
  if (spec.kind === 'toggle') return value === 'on' || value === 'off';
  if (spec.kind === 'enum') return spec.options.some((o) => o.value === value);
  if (spec.kind === 'text') return typeof value === 'string' && value.length <= spec.maxLength && (spec.check?.(value) ?? null) === null;
  return typeof value === 'number' && Number.isFinite(value) && value >= spec.min && value <= spec.max && (spec.kind === 'float' || Number.isInteger(value));
}

describe('the link fuzzer', () => {
  it('240 hostile parameter sets over every demo: no throw, only allowed values, every bad field named with its label', async () => {
    const demos = await loadSchemas();
    expect(Object.keys(demos).length).toBeGreaterThanOrEqual(10);
    const cases = fuzzCases(Object.fromEntries(Object.entries(demos).map(([slug, d]) => [slug, d.schema])), 240);
    let named = 0;
    for (const { slug, raw } of cases) {
      const { schema, refine } = demos[slug];
      const where = `${slug} ${JSON.stringify(raw).slice(0, 200)}`;
      const { values, issues } = parseParams(schema, raw, refine);
      for (const [name, spec] of Object.entries(schema)) expect(allowed(spec, (values as Record<string, unknown>)[name]), `${where}: ${name} = ${String((values as Record<string, unknown>)[name])}`).toBe(true);
      expect(refine?.(values) ?? []).toEqual([]);
      for (const [name, value] of Object.entries(raw)) {
        const spec = Object.hasOwn(schema, name) ? schema[name] : undefined;
        const accepted = spec !== undefined && !('error' in parseField(spec, value));
        const issue = issues.find((i) => i.field === name);
        if (!accepted) {
          expect(issue, `${where}: "${name}" is not named`).toBeDefined();
          if (spec) expect(issue!.message).toContain(spec.label);
          named++;
        }
      }
      // nothing reached Object.prototype
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    }
    expect(named).toBeGreaterThan(200);
  });
});
