// `npm run claims [-- slug …] [--seeds=1-5] [--defaults-only] [--jobs=2]`: every ready demo's claims at seed roots
// 1–5, at its defaults and at the two nearby settings its params.ts names (nearbySettings, fixed
// before looking), with the same run() the page uses, in headless Chromium on the CPU path (one
// harness for all demos: three of them need the browser's tfjs and WGSL imports). Prints one table
// (scripts/claimsTable.ts). A run of a demo over roots 1–5 (all settings, or --defaults-only where a
// demo's run is too long for all) is saved as docs/claims/<slug>.json with the demo's code version;
// `npm run claims -- --table` (and every saved run) writes docs/claims.md from those files, marking
// any whose code has changed since and any run at the defaults only. --jobs=N runs N demo runs at
// once, each in its own page: it helps the demos whose run is one thread (sparse-pca, dndm, spin),
// not those that already spread seeds over a worker per core (corruption-robust-rl,
// linear-mixture-ssp). DNDM's timings are ratios measured within one run, so they stay comparable;
// use no more jobs than the machine has idle cores. Each finished run is also journalled in
// docs/claims/<slug>.partial.json; `--resume` keeps the journal's runs (same code version only) and
// runs the rest.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withAppPages } from './appPage';
import { claimTable, formatClaimTable, robust, type ClaimRun } from './claimsTable';
import { codeVersion } from './codeVersion';
import { CLAIMS_TABLE_PATH, claimsFilePath, claimsJournalPath, claimsMarkdown, type ClaimsFile } from './claimsFiles';
import { claimSettings, runClaims } from './claimsRun';
import { readyMetas } from './precomputedFiles';

const root = process.cwd();
const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const seedRange = (option('seeds') ?? '1-5').split('-').map(Number);
const seeds = Array.from({ length: (seedRange[1] ?? seedRange[0]) - seedRange[0] + 1 }, (_, i) => seedRange[0] + i);
const defaultsOnly = args.includes('--defaults-only');
const resume = args.includes('--resume');
const jobs = Number(option('jobs') ?? 1);
if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs must be a positive integer, got ${option('jobs')}`);
const ready = (await readyMetas(root)).map((m) => m.slug);
const asked = args.filter((a) => !a.startsWith('--'));
const unknown = asked.filter((s) => !ready.includes(s));
if (unknown.length > 0) throw new Error(`not a ready demo: ${unknown.join(', ')} (ready: ${ready.join(', ')})`);
const slugs = asked.length > 0 ? asked : ready;
const complete = seeds.join() === '1,2,3,4,5';

/** docs/claims.md from every ready demo's saved complete run. */
function writeTable(): void {
  const { text, stale, missing } = claimsMarkdown(root, ready);
  writeFileSync(join(root, CLAIMS_TABLE_PATH), text);
  console.log(`[claims] wrote ${CLAIMS_TABLE_PATH}${stale.length > 0 ? ` (stale: ${stale.join(', ')})` : ''}${missing.length > 0 ? ` (not run: ${missing.join(', ')})` : ''}`);
}
const table = (rows: ReturnType<typeof claimTable>) => formatClaimTable(rows);

if (args.includes('--table')) {
  writeTable();
  process.exit(0);
}

function saveClaimsFile(path: string, file: ClaimsFile): void {
  mkdirSync(join(root, 'docs/claims'), { recursive: true });
  writeFileSync(path, `${JSON.stringify(file)}\n`);
}

const runs: ClaimRun[] = [];
const started = Date.now();
await withAppPages(jobs, async (pages, browser) => {
  const machine = `headless Chromium ${browser.version()}, CPU path${jobs > 1 ? `, ${jobs} runs at once` : ''}`;
  /** The journal to go on from (with --resume, when it is of this code), or a new one. */
  const readJournal = (slug: string, version: string): ClaimsFile => {
    const path = claimsJournalPath(root, slug);
    const fresh: ClaimsFile = { slug, codeVersion: version, createdAt: new Date().toISOString(), machine, minutes: 0, runs: [] };
    if (!resume || !complete || !existsSync(path)) return fresh;
    const earlier = JSON.parse(readFileSync(path, 'utf8')) as ClaimsFile;
    if (earlier.codeVersion !== version) {
      console.log(`[claims] ${slug}: the journal is of other code (${earlier.codeVersion.slice(0, 8)}, now ${version.slice(0, 8)}); starting again`);
      return fresh;
    }
    console.log(`[claims] ${slug}: resuming after ${earlier.runs.length} journalled runs (${earlier.minutes.toFixed(0)} min)`);
    return { ...earlier, machine: earlier.machine === machine ? machine : `${earlier.machine}; resumed on ${machine}` };
  };
  for (const slug of slugs) {
    const slugStarted = Date.now();
    const settings = await claimSettings(root, slug);
    const version = codeVersion(root, slug).hash;
    const journal = readJournal(slug, version);
    const minutes = () => journal.minutes + (Date.now() - slugStarted) / 60000;
    const mine = await runClaims(
      pages,
      slug,
      defaultsOnly ? settings.slice(0, 1) : settings,
      seeds,
      (run, seconds) => {
        const paper = run.claims.filter((c) => c.kind === 'paper');
        console.log(`[claims] ${slug} · ${run.setting} · seed ${run.seed}: ${seconds.toFixed(1)} s, paper ${paper.filter((c) => c.passed).length}/${paper.length}`);
        // only a run at roots 1–5 is saved, so only such a run is journalled (a look at --seeds=6-8
        // must not overwrite the journal of one in progress)
        if (!complete) return;
        journal.runs.push(run);
        saveClaimsFile(claimsJournalPath(root, slug), { ...journal, createdAt: new Date().toISOString(), minutes: minutes() });
      },
      journal.runs,
    );
    runs.push(...mine);
    if (complete) {
      saveClaimsFile(claimsFilePath(root, slug), { slug, codeVersion: version, createdAt: new Date().toISOString(), machine: journal.machine, minutes: minutes(), runs: mine });
      rmSync(claimsJournalPath(root, slug), { force: true });
    }
  }
});

const rows = claimTable(runs);
const fragile = rows.filter((r) => r.kind === 'paper' && !robust(r)).map((r) => `${r.slug}/${r.id}`);
console.log(
  `\n${table(rows)}\n\nSeed roots ${seeds[0]}–${seeds[seeds.length - 1]}; each cell: passes/runs · the claim's measured value, mean ± s.d. over the roots. ` +
    `Paper claims below the bar (≥ 80% of roots at every setting): ${fragile.length === 0 ? 'none' : fragile.join(', ')}.\n[claims] ${runs.length} runs in ${((Date.now() - started) / 60000).toFixed(1)} min`,
);
if (complete) writeTable();
