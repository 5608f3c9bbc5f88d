import { useEffect, useMemo } from 'react';
import type { DemoMeta } from '../lib/demo';
import { downloadText, toCsv } from '../lib/export';
import { formatNumber, scoreCsvRows, scoreRows, tally, type ScoreRow } from '../lib/report';
import { CLAIM_KINDS } from '../lib/results';
import { ColumnHeads } from './ChartCard';
import { RunBar } from './RunBar';
import { useReport, type LoadDemo } from './reportStore';

/** `only=a,b` in the report's link: run (and show) just these demos. */
function chosen(demos: readonly DemoMeta[], only: string | undefined): readonly DemoMeta[] {
  const ready = demos.filter((d) => d.status === 'ready');
  if (!only) return ready;
  const wanted = new Set(only.split(','));
  return ready.filter((d) => wanted.has(d.slug));
}

function Scoreboard({ rows }: { rows: readonly ScoreRow[] }) {
  return (
    <div className="table-wrap">
      <table className="scoreboard" data-testid="scoreboard">
        <caption>Every claim of every demo: the default run's measured value against its threshold</caption>
        <ColumnHeads columns={['Demo', 'Claim', 'Kind', 'Measured', 'Threshold', 'Result', 'Spread over replicates', 'Backend', 'Source']} />
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.demo}/${r.claim}`} data-testid={`score-${r.demo}-${r.claim}`} data-passed={r.passed} data-source={r.source.split(' ')[0]}>
              <td>{r.demo}</td>
              <td title={r.statement}>{r.statement}</td>
              <td>{r.kind}</td>
              <td>{formatNumber(r.value)}</td>
              <td>{formatNumber(r.threshold)}</td>
              <td className={r.passed ? 'pass' : 'fail'}>
                <span className="badge">{r.passed ? 'PASS' : 'FAIL'}</span>
              </td>
              <td>{r.spread}</td>
              <td>{r.backend}</td>
              <td>{r.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** #/report: every demo's claims in one scoreboard, precomputed first, then this machine's runs; export; handouts. */
export function ReportPage({ demos, load, only }: { demos: readonly DemoMeta[]; load: LoadDemo; only?: string }) {
  const shown = useMemo(() => chosen(demos, only), [demos, only]);
  const { entries, missing, status, progress, errors, loadPrecomputed, runAll, cancel } = useReport();
  useEffect(() => {
    void loadPrecomputed(shown);
  }, [shown, loadPrecomputed]);
  // leaving the report stops its runs, as leaving a demo does
  useEffect(() => () => useReport.getState().cancel(), []);
  const present = shown.flatMap((d) => (entries[d.slug] ? [entries[d.slug]] : []));
  const rows = scoreRows(present);
  const counts = tally(rows);
  const stamp = new Date().toISOString().slice(0, 10);
  return (
    <main className="page report">
      <nav className="crumbs no-print">
        <a href="#/">← All methods</a>
      </nav>
      <h1>Reproducibility report</h1>
      <p>
        Every claim each demo checks on its default run, in one table. The rows first show the runs shipped with the app (made ahead of time by the same
        code, and labelled so); <strong>Run every demo here</strong> runs each default configuration on this machine, one after another, and replaces
        each demo’s rows as it finishes. A paper claim passes when its statistic over replicates clears the threshold fixed from the paper.
      </p>
      <p data-testid="report-tally">
        {CLAIM_KINDS.map((k) => `${counts[k].passed} of ${counts[k].total} ${k} claims pass`).join(' · ')} ({present.length} of {shown.length} demos)
      </p>
      <div className="no-print">
        <RunBar status={status} progress={progress} onRun={() => void runAll(shown, load)} onCancel={cancel} runLabel="Run every demo here" />
        <div className="header-actions">
          <button type="button" disabled={rows.length === 0} onClick={() => downloadText(`playground-report-${stamp}.csv`, toCsv(scoreCsvRows(rows)), 'text/csv')} data-testid="report-csv">
            Export CSV
          </button>
          <button type="button" disabled={rows.length === 0} onClick={() => downloadText(`playground-report-${stamp}.json`, JSON.stringify({ rows, entries: present }, null, 2), 'application/json')} data-testid="report-json">
            Export JSON (with every run's results)
          </button>
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </div>
      {Object.entries({ ...missing, ...errors }).map(([slug, message]) => (
        <p key={slug} role="alert" className="banner banner-error" data-testid={`report-error-${slug}`}>
          {slug}: {message}
        </p>
      ))}
      <Scoreboard rows={rows} />
      <h2>Handouts</h2>
      <p>One printable page per demo: its claim, settings, result and the link that reruns it.</p>
      <ul className="handout-links">
        {shown.map((d) => (
          <li key={d.slug}>
            <a href={`#/handout/${d.slug}`}>{d.title}</a>
          </li>
        ))}
      </ul>
    </main>
  );
}
