// The table `npm run claims` prints (docs/DESIGN.md §8): for every claim of every demo, at the
// defaults and at each nearby setting, how many seed roots it passes on and its measured value's
// mean and spread over those roots; and over all of them, the pass rate with its Wilson interval.

import type { Claim, ClaimKind } from '../src/lib/results';
import { mean, sampleVariance, wilsonInterval } from '../src/lib/stats';

/** One run: a demo at one setting and one seed root, with the claims it produced. */
export interface ClaimRun {
  slug: string;
  setting: string;
  seed: number;
  claims: readonly Claim[];
}

export interface SettingCell {
  setting: string;
  passed: number;
  runs: number;
  valueMean: number;
  valueSd: number;
}

export interface ClaimTableRow {
  slug: string;
  id: string;
  kind: ClaimKind;
  cells: SettingCell[];
  passed: number;
  runs: number;
  low: number;
  high: number;
}

const KIND_ORDER: Record<ClaimKind, number> = { paper: 0, limit: 1, sanity: 2 };

/** Rows in the order the runs name demos, paper claims first; settings in the order they were run. */
export function claimTable(runs: readonly ClaimRun[]): ClaimTableRow[] {
  const slugs = [...new Set(runs.map((r) => r.slug))];
  return slugs.flatMap((slug) => {
    const mine = runs.filter((r) => r.slug === slug);
    const settings = [...new Set(mine.map((r) => r.setting))];
    const ids = new Map<string, ClaimKind>();
    for (const r of mine) for (const c of r.claims) if (!ids.has(c.id)) ids.set(c.id, c.kind);
    const rows = [...ids].map(([id, kind]): ClaimTableRow => {
      const cells = settings.map((setting): SettingCell => {
        const found = mine.filter((r) => r.setting === setting).flatMap((r) => r.claims.filter((c) => c.id === id));
        const values = found.map((c) => c.value).filter(Number.isFinite);
        return {
          setting,
          passed: found.filter((c) => c.passed).length,
          runs: found.length,
          valueMean: mean(values),
          valueSd: Math.sqrt(sampleVariance(values)),
        };
      });
      const passed = cells.reduce((a, c) => a + c.passed, 0);
      const total = cells.reduce((a, c) => a + c.runs, 0);
      const { low, high } = wilsonInterval(passed, total);
      return { slug, id, kind, cells, passed, runs: total, low, high };
    });
    return rows.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  });
}

const num = (v: number): string => {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(1) : Number(v.toPrecision(3)).toString();
};

function cellText(c: SettingCell): string {
  if (c.runs === 0) return '—';
  const sd = Number.isFinite(c.valueSd) ? ` ± ${num(c.valueSd)}` : '';
  return `${c.passed}/${c.runs} · ${num(c.valueMean)}${sd}`;
}

/** A Markdown table: one column per setting ("passes/runs · value mean ± s.d."), then all settings together. */
export function formatClaimTable(rows: readonly ClaimTableRow[]): string {
  const columns = rows.length > 0 ? Math.max(...rows.map((r) => r.cells.length)) : 0;
  const header = ['Demo', 'Claim', 'Kind', ...Array.from({ length: columns }, (_, i) => (i === 0 ? 'Defaults' : `Nearby ${i}`)), 'All: pass rate [Wilson 95%]'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const cells = Array.from({ length: columns }, (_, i) => (r.cells[i] ? `${r.cells[i].setting === 'defaults' ? '' : `${r.cells[i].setting}: `}${cellText(r.cells[i])}` : '—'));
    const rate = r.runs > 0 ? `${r.passed}/${r.runs} = ${Math.round((100 * r.passed) / r.runs)}% [${Math.round(100 * r.low)}, ${Math.round(100 * r.high)}]` : '—';
    lines.push(`| ${r.slug} | ${r.id} | ${r.kind} | ${cells.join(' | ')} | ${rate} |`);
  }
  return lines.join('\n');
}

/** docs/DESIGN.md §8's bar for a paper claim: passes on ≥ 80% of seed roots at the defaults and at every nearby setting. */
export const ROBUST_SHARE = 0.8;

export function robust(row: ClaimTableRow, settings = 3): boolean {
  return row.cells.length >= settings && row.cells.every((c) => c.runs > 0 && c.passed >= ROBUST_SHARE * c.runs);
}
