// A scatter plot of many points drawn as one SVG path per group (a round-capped zero-length stroke
// per point): hundreds of points cost one element, where recharts' Scatter makes a component each
// (800 of them took a second to draw on a slow machine, past docs/DESIGN.md §7's 200 ms).

import { scaleOnto } from './axes';

export interface DotGroup {
  name: string;
  colour: string;
  points: readonly (readonly [number, number])[];
}

interface Props {
  groups: readonly DotGroup[];
  xLabel: string;
  yLabel: string;
  yDomain: readonly [number, number];
  /** Short description for screen readers (the card's table holds the numbers). */
  label: string;
}

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 48, right: 12, top: 10, bottom: 38 };

/** About five round tick values across [lo, hi]. */
function ticks(lo: number, hi: number): number[] {
  const span = hi - lo || 1;
  const step = 10 ** Math.floor(Math.log10(span / 5));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * step).find((s) => span / s <= 6) ?? span;
  const out: number[] = [];
  for (let t = Math.ceil(lo / nice) * nice; t <= hi + 1e-9; t += nice) out.push(Number(t.toPrecision(12)));
  return out;
}

export function DotPlot({ groups, xLabel, yLabel, yDomain, label }: Props) {
  const xs = groups.flatMap((g) => g.points.map((p) => p[0]));
  const [x0, x1] = xs.length > 0 ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  const [y0, y1] = yDomain;
  const sx = scaleOnto([x0, x1], false, PAD.left, WIDTH - PAD.right);
  const sy = scaleOnto([y0, y1], false, HEIGHT - PAD.bottom, PAD.top);
  return (
    <figure className="dot-plot">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={label}>
        {ticks(y0, y1).map((t) => (
          <g key={`y${t}`}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={sy(t)} y2={sy(t)} stroke="#ddd" strokeDasharray="3 3" />
            <text x={PAD.left - 6} y={sy(t) + 4} textAnchor="end" fontSize={11} fill="#555">
              {t}
            </text>
          </g>
        ))}
        {ticks(x0, x1).map((t) => (
          <text key={`x${t}`} x={sx(t)} y={HEIGHT - PAD.bottom + 16} textAnchor="middle" fontSize={11} fill="#555">
            {t}
          </text>
        ))}
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} stroke="#999" />
        <text x={(PAD.left + WIDTH - PAD.right) / 2} y={HEIGHT - 4} textAnchor="middle" fontSize={12} fill="#333">
          {xLabel}
        </text>
        <text transform={`translate(12 ${(PAD.top + HEIGHT - PAD.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={12} fill="#333">
          {yLabel}
        </text>
        {groups.map((g) => (
          <path key={g.name} d={g.points.map(([x, y]) => `M${sx(x).toFixed(1)} ${sy(y).toFixed(1)}h0`).join('')} stroke={g.colour} strokeWidth={5} strokeLinecap="round" fill="none">
            <title>{g.name}</title>
          </path>
        ))}
      </svg>
      <figcaption className="legend">
        {groups.map((g) => (
          <span key={g.name}>
            <span className="swatch" style={{ background: g.colour }} /> {g.name} ({g.points.length})
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
