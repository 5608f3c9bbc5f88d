import { useId, useRef, useState, type ReactNode } from 'react';
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

export function DataTable({ rows, caption }: { rows: readonly SeriesRow[]; caption: string }) {
  const columns = Array.from(new Set(rows.flatMap((r) => Object.keys(r))));
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
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

/** A chart with its caption, a table alternative, and CSV / SVG / PNG export. */
export function ChartCard({ title, caption, rows, name, children }: Props) {
  const [showTable, setShowTable] = useState(false);
  const figure = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const svg = () => figure.current?.querySelector('svg.recharts-surface, svg') as SVGSVGElement | null;
  const canvas = () => figure.current?.querySelector('canvas') as HTMLCanvasElement | null;
  return (
    <section className="card chart-card" aria-labelledby={headingId} data-testid={`chart-${name}`}>
      <h3 id={headingId}>{title}</h3>
      <p className="caption">{caption}</p>
      <div ref={figure} className="figure">
        {children}
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
