// The saved complete runs of `npm run claims` (docs/claims/<slug>.json) and the table the README
// quotes (docs/claims.md), made from them. A run whose demo's code has changed since is marked
// stale; a demo without one is named as not run.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimTable, formatClaimTable, robust, type ClaimRun } from './claimsTable';
import { codeVersion } from './codeVersion';

export const CLAIMS_TABLE_PATH = 'docs/claims.md';

/** A demo's complete run, kept so that the table can be written from runs made at different times. */
export interface ClaimsFile {
  slug: string;
  codeVersion: string;
  createdAt: string;
  machine: string;
  minutes: number;
  runs: ClaimRun[];
}

const defaultsOnly = (f: ClaimsFile): boolean => f.runs.every((r) => r.setting === 'defaults');

export const claimsFilePath = (root: string, slug: string): string => join(root, 'docs/claims', `${slug}.json`);

/**
 * The runs of an unfinished `npm run claims` (written after each run, removed when the demo's run is
 * complete), so that `--resume` goes on where a stopped one ended: a DPLM run over all settings
 * takes hours here. The table never reads it.
 */
export const claimsJournalPath = (root: string, slug: string): string => join(root, 'docs/claims', `${slug}.partial.json`);

/** docs/claims.md's text from the saved runs of the given ready demos. */
export function claimsMarkdown(root: string, ready: readonly string[]): { text: string; stale: string[]; missing: string[] } {
  const files = ready.filter((s) => existsSync(claimsFilePath(root, s))).map((s) => JSON.parse(readFileSync(claimsFilePath(root, s), 'utf8')) as ClaimsFile);
  const missing = ready.filter((s) => !existsSync(claimsFilePath(root, s)));
  const stale = files.filter((f) => f.codeVersion !== codeVersion(root, f.slug).hash).map((f) => f.slug);
  const rows = claimTable(files.flatMap((f) => f.runs));
  const fragile = rows.filter((r) => r.kind === 'paper' && !robust(r)).map((r) => `${r.slug}/${r.id}`);
  const provenance = files.map(
    (f) => `${f.slug}: ${f.createdAt.slice(0, 10)}, ${f.machine}, ${f.runs.length} runs in ${f.minutes.toFixed(0)} min${defaultsOnly(f) ? ' — **defaults only** (the nearby settings not run: a run takes too long here)' : ''}${stale.includes(f.slug) ? ' — **stale: the code has changed since**' : ''}`,
  );
  const text =
    `# Claims over seed roots and nearby settings\n\nWritten by \`npm run claims\` (docs/DESIGN.md §8): every ready demo's claims at seed roots 1–5, at its defaults and at the two nearby settings named in its params.ts (\`nearbySettings\`). ` +
    `Each cell: passes/runs · the claim's measured value, mean ± s.d. over the roots; the last column pools the three settings.\n\n${formatClaimTable(rows)}\n\n` +
    `Paper claims below the bar (≥ 80% of roots at the defaults and at both nearby settings; a demo run at its defaults only cannot meet it): ${fragile.length === 0 ? 'none' : fragile.join(', ')}.` +
    `${missing.length > 0 ? ` Not run: ${missing.join(', ')}.` : ''}\n\nRuns:\n${provenance.map((p) => `- ${p}`).join('\n')}\n`;
  return { text, stale, missing };
}
