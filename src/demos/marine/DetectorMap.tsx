// The detector-quality map as a table: rows are detector recall, columns the false-positive rate,
// each cell CHAIR_i at the run's γ divided by the vanilla model's. Below 1 guidance helps (blue),
// above 1 it adds hallucinations (red); the numbers are in the cells, so the table reads without colour.

import { MAP_FALSE_POSITIVES, MAP_RECALLS } from './jobs';
import type { DetectorMapRow } from './experiment';

/** WCAG relative luminance of an sRGB colour (channels 0–255). */
function luminance(rgb: readonly number[]): number {
  const [r, g, b] = rgb.map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Background and text colour of a cell: log₂ of the ratio on a blue–white–red scale, ±1 saturating; the text black or white, whichever contrasts more. */
function cellStyle(ratio: number): { background: string; color: string } {
  const t = Math.max(-1, Math.min(1, Math.log2(ratio)));
  const a = Math.round(255 * (1 - 0.8 * Math.abs(t) ** 0.7));
  const rgb = t < 0 ? [a, a, 255] : [255, a, a];
  const l = luminance(rgb);
  // contrast with white (1.05 / (l + 0.05)) against contrast with near-black #111 ((l + 0.05) / 0.0556)
  const color = 1.05 / (l + 0.05) > (l + 0.05) / 0.0556 ? '#fff' : '#111';
  return { background: `rgb(${rgb.join(', ')})`, color };
}

export function DetectorMap({ rows, page }: { rows: readonly DetectorMapRow[]; page: { recall: number; falsePositiveRate: number } }) {
  const at = (recall: number, fp: number) => rows.find((r) => r.recall === recall && r.falsePositiveRate === fp);
  return (
    <table className="marine-map">
      <caption className="sr-only">CHAIR_i with guidance divided by CHAIR_i without, by detector recall (rows) and false-positive rate (columns)</caption>
      <thead>
        <tr>
          <th scope="col">recall ↓ / false-positive rate →</th>
          {MAP_FALSE_POSITIVES.map((fp) => (
            <th key={fp} scope="col">
              {fp}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...MAP_RECALLS].reverse().map((recall) => (
          <tr key={recall}>
            <th scope="row">{recall}</th>
            {MAP_FALSE_POSITIVES.map((fp) => {
              const cell = at(recall, fp);
              const near = Math.abs(recall - page.recall) < 1e-9 && Math.abs(fp - page.falsePositiveRate) < 1e-9;
              return (
                <td key={fp} style={cell ? cellStyle(cell.ratio) : undefined} className={near ? 'marine-map-page' : undefined} title={cell ? `CHAIR_i ${cell.chairI.toFixed(3)}, recall gain ${cell.recallGain.toFixed(3)}` : ''}>
                  {cell ? cell.ratio.toFixed(2) : '–'}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
