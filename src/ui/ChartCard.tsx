import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import type { SeriesRow } from '../lib/results';
import { canvasToPng, downloadBlob, downloadText, serializeSvg, svgToPng, toCsv } from '../lib/export';

interface Props {
  title: string;
  /** What to look at: shown under the title, next to the numbers it explains. */
  caption: ReactNode;
  rows: readonly SeriesRow[];
  /** File-name stem for exports. */
  name: string;
  children: ReactNode;
}

const fmtCell = (v: unknown): string =>
  typeof v === 'number' ? (Number.isInteger(v) ? String(v) : Math.abs(v) !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4) ? v.toExponential(3) : v.toFixed(4)) : v === null || v === undefined ? '—' : String(v);

/** A table's header row: one column header per name. */
export function ColumnHeads({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          <th key={`${i}:${c}`} scope="col">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function DataTable({ rows, caption }: { rows: readonly SeriesRow[]; caption: string }) {
  const columns = Array.from(new Set(rows.flatMap((r) => Object.keys(r))));
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <ColumnHeads columns={columns} />
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c}>{fmtCell(r[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Charts are drawn one per task: a view with a dozen SVG charts drawn in one go holds the page for
 * over a second on a slow machine, far past the 200 ms of docs/DESIGN.md §7. Each card queues its
 * drawing here; the queue draws one card, then yields to the event loop.
 */
const drawQueue: (() => void)[] = [];
let draining = false;

/** Room after each card for the chart library's own follow-up updates (measuring, its store), before the next card. */
const DRAW_GAP_MS = 20;

function drainOne(): void {
  drawQueue.shift()?.();
  if (drawQueue.length > 0) setTimeout(drainOne, DRAW_GAP_MS);
  else draining = false;
}

function drawLater(draw: () => void): () => void {
  drawQueue.push(draw);
  if (!draining) {
    draining = true;
    setTimeout(drainOne, 0);
  }
  return () => {
    const at = drawQueue.indexOf(draw);
    if (at >= 0) drawQueue.splice(at, 1);
  };
}

/** `value`, once this card's turn to draw it has come (null before the first turn). */
function useDrawnInTurn<T>(value: T): T | null {
  const [drawn, setDrawn] = useState<T | null>(null);
  // flushSync: drawn in this very task (React would otherwise batch the queued cards into one render)
  useEffect(() => drawLater(() => flushSync(() => setDrawn(() => value))), [value]);
  return drawn;
}

/** A chart with its caption, a table alternative, and CSV / SVG / PNG export. */
export function ChartCard({ title, caption, rows, name, children }: Props) {
  const [showTable, setShowTable] = useState(false);
  const drawn = useDrawnInTurn(children);
  const figure = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const svg = () => figure.current?.querySelector('svg.recharts-surface, svg') as SVGSVGElement | null;
  const canvas = () => figure.current?.querySelector('canvas') as HTMLCanvasElement | null;
  return (
    <section className="card chart-card" aria-labelledby={headingId} data-testid={`chart-${name}`}>
      <h3 id={headingId}>{title}</h3>
      <p className="caption">{caption}</p>
      <div ref={figure} className="figure" aria-busy={drawn === null}>
        {drawn ?? <div className="figure-placeholder" />}
      </div>
      <div className="chart-actions">
        <button type="button" aria-pressed={showTable} onClick={() => setShowTable((s) => !s)}>
          {showTable ? 'Hide table' : 'Show as table'}
        </button>
        <button type="button" onClick={() => downloadText(`${name}.csv`, toCsv(rows), 'text/csv')}>
          CSV
        </button>
        <button
          type="button"
          onClick={() => {
            const s = svg();
            if (s) downloadText(`${name}.svg`, serializeSvg(s), 'image/svg+xml');
          }}
          disabled={false}
        >
          SVG
        </button>
        <button
          type="button"
          onClick={async () => {
            const c = canvas();
            const s = svg();
            if (c) downloadBlob(`${name}.png`, await canvasToPng(c));
            else if (s) downloadBlob(`${name}.png`, await svgToPng(s));
          }}
        >
          PNG
        </button>
      </div>
      {showTable && <DataTable rows={rows} caption={`${title}: data`} />}
    </section>
  );
}
