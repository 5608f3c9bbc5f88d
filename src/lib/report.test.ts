import { describe, expect, it } from 'vitest';
import { backendLabel, demoLink, formatNumber, scoreRows, tally, type ReportEntry } from './report';
import type { Claim, DemoResults } from './results';

const claim = (id: string, kind: Claim['kind'], passed: boolean, extra: Partial<Claim> = {}): Claim => ({ id, kind, statement: `${id} holds`, passed, value: 1.23456, threshold: 1, ...extra });

function entry(slug: string, claims: Claim[], live = false): ReportEntry {
  const results = {
    slug,
    params: { seed: 1 },
    backend: { path: 'webgpu-software', tfBackend: 'webgpu', adapter: 'SwiftShader', software: true, reason: '' },
    metrics: {},
    series: {},
    claims,
    matrices: {},
    notes: [],
    timing: { startedAt: '', totalMs: 0, stages: {}, label: '' },
  } as DemoResults;
  return { slug, title: slug, results, source: live ? { kind: 'live', finishedAt: '2026-11-30T10:11:12.000Z' } : { kind: 'precomputed', provenance: { createdAt: '2026-11-29T00:00:00Z', codeVersion: 'x', machine: 'headless Chromium' } } };
}

describe('the scoreboard', () => {
  it('has a row per claim, paper claims first within a demo, with backend and source', () => {
    const rows = scoreRows([entry('a', [claim('s', 'sanity', true), claim('p', 'paper', false, { spread: { replicates: 5, estimate: 1, low: 0.5, high: 1.5, method: 'Wilson 95%' } }), claim('l', 'limit', true)]), entry('b', [claim('q', 'paper', true)], true)]);
    expect(rows.map((r) => `${r.demo}/${r.claim}`)).toEqual(['a/p', 'a/l', 'a/s', 'b/q']);
    expect(rows[0].spread).toBe('[0.5, 1.5] Wilson 95%, 5 replicates');
    expect(rows[0].backend).toBe('webgpu · SwiftShader (software)');
    expect(rows[0].source).toBe('precomputed 2026-11-29 (headless Chromium)');
    expect(rows[3].source).toBe('live 2026-11-30 10:11:12');
    expect(tally(rows)).toEqual({ paper: { passed: 1, total: 2 }, limit: { passed: 1, total: 1 }, sanity: { passed: 1, total: 1 } });
  });

  it('names the CPU path', () => {
    const e = entry('a', []);
    e.results.backend = { path: 'cpu', tfBackend: 'wasm', adapter: null, software: false, reason: '' };
    expect(backendLabel(e.results)).toBe('wasm (CPU path)');
  });

  it('prints numbers with four significant digits', () => {
    expect([formatNumber(1.23456), formatNumber(20), formatNumber(0.00012346), formatNumber(27000.5), formatNumber(NaN)]).toEqual(['1.235', '20', '1.235e-4', '2.700e+4', 'NaN']);
  });

  it('links to the demo with every setting', () => {
    const schema = { seed: { kind: 'int', min: 0, max: 9, default: 1, label: 'Seed' }, mode: { kind: 'enum', options: [{ value: 'x', label: 'X' }], default: 'x', label: 'Mode' } } as never;
    expect(demoLink('http://host/app/#/report', 'demo', schema, { seed: 3, mode: 'x' })).toBe('http://host/app/#/demo?seed=3&mode=x');
  });
});
