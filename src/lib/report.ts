// The reproducibility report (#/report): every ready demo's claims in one scoreboard, from the
// shipped precomputed default runs first and from live runs on this machine as they finish; and the
// one-page handout of a demo (#/handout/<slug>). Plain data: the page is src/ui/ReportPage.tsx.

import type { ClaimKind, DemoResults, SeriesRow } from './results';
import type { PrecomputedProvenance } from './precomputed';
import { toQuery, type Schema } from './params';

/** Where a demo's results on the report came from. */
export type ReportSource = { kind: 'precomputed'; provenance: PrecomputedProvenance } | { kind: 'live'; finishedAt: string };

export interface ReportEntry {
  slug: string;
  title: string;
  results: DemoResults;
  source: ReportSource;
}

export interface ScoreRow {
  demo: string;
  claim: string;
  kind: ClaimKind;
  statement: string;
  value: number;
  threshold: number;
  passed: boolean;
  /** The statistic's interval over replicates, where the claim has one ("[0.12, 0.34] Wilson 95%"). */
  spread: string;
  backend: string;
  source: string;
}

/** The backend a run computed on, in a few words ("webgpu · SwiftShader (software)", "wasm (CPU path)"). */
export function backendLabel(results: DemoResults): string {
  const b = results.backend;
  if (b.path === 'cpu' || !b.adapter) return `${b.tfBackend} (CPU path)`;
  return `${b.tfBackend} · ${b.adapter}${b.software ? ' (software)' : ''}`;
}

export function sourceLabel(source: ReportSource): string {
  return source.kind === 'precomputed' ? `precomputed ${source.provenance.createdAt.slice(0, 10)} (${source.provenance.machine})` : `live ${source.finishedAt.slice(0, 19).replace('T', ' ')}`;
}

/** One row per claim of every entry, paper claims first within a demo. */
export function scoreRows(entries: readonly ReportEntry[]): ScoreRow[] {
  const order: Record<ClaimKind, number> = { paper: 0, limit: 1, sanity: 2 };
  return entries.flatMap((entry) =>
    [...entry.results.claims]
      .sort((a, b) => order[a.kind] - order[b.kind])
      .map((c) => ({
        demo: entry.slug,
        claim: c.id,
        kind: c.kind,
        statement: c.statement,
        value: c.value,
        threshold: c.threshold,
        passed: c.passed,
        spread: c.spread ? `[${formatNumber(c.spread.low)}, ${formatNumber(c.spread.high)}] ${c.spread.method}, ${c.spread.replicates} replicates` : '',
        backend: backendLabel(entry.results),
        source: sourceLabel(entry.source),
      })),
  );
}

/** A claim's number as the scoreboard prints it: four significant digits, integers as they are. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}

/** Counts per kind: how many claims pass of how many. */
export function tally(rows: readonly ScoreRow[]): Record<ClaimKind, { passed: number; total: number }> {
  const out: Record<ClaimKind, { passed: number; total: number }> = { paper: { passed: 0, total: 0 }, limit: { passed: 0, total: 0 }, sanity: { passed: 0, total: 0 } };
  for (const r of rows) {
    out[r.kind].total++;
    if (r.passed) out[r.kind].passed++;
  }
  return out;
}

export const scoreCsvRows = (rows: readonly ScoreRow[]): SeriesRow[] => rows.map((r) => ({ ...r }));

/** The link that reopens a demo with the parameters of these results. */
export function demoLink(pageUrl: string, slug: string, schema: Schema, params: Record<string, unknown>): string {
  const base = pageUrl.split('#')[0];
  return `${base}#/${slug}?${toQuery(schema, params as never)}`;
}
