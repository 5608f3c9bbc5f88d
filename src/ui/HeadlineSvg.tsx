// A gallery card's picture: the demo's headline chart from its precomputed run, as a small inline
// SVG (no chart library: the gallery loads no demo code and no recharts).

import type { GalleryCard } from '../lib/precomputed';
import { scaleOnto } from './axes';
import { SERIES } from './palette';

const WIDTH = 220;
const HEIGHT = 110;
const PAD = { left: 6, right: 6, top: 6, bottom: 16 };
const COLOURS = SERIES;

export function HeadlineSvg({ card }: { card: GalleryCard }) {
  const points = card.lines.flatMap((l) => l.points);
  const x = scaleOnto(
    points.map((p) => p[0]),
    card.logX,
    PAD.left,
    WIDTH - PAD.right,
  );
  const y = scaleOnto(
    points.map((p) => p[1]),
    card.logY,
    HEIGHT - PAD.bottom,
    PAD.top,
  );
  const description = `${card.title}: ${card.yLabel} against ${card.xLabel}${card.logX || card.logY ? ' (log axes)' : ''}, lines: ${card.lines.map((l) => l.label).join(', ')}.`;
  return (
    <figure className="headline" data-testid={`headline-${card.slug}`}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={description}>
        <title>{description}</title>
        <line x1={PAD.left} y1={HEIGHT - PAD.bottom} x2={WIDTH - PAD.right} y2={HEIGHT - PAD.bottom} stroke="#999" strokeWidth={0.5} />
        {card.lines.map((line, i) => (
          <polyline
            key={line.label}
            fill="none"
            stroke={COLOURS[i % COLOURS.length]}
            strokeWidth={1.8}
            points={line.points.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ')}
          />
        ))}
        <text x={WIDTH / 2} y={HEIGHT - 3} fontSize={9} textAnchor="middle" fill="#666">
          {card.xLabel}
        </text>
      </svg>
      <figcaption>
        {card.title}
        <span className="legend">
          {card.lines.map((line, i) => (
            <span key={line.label}>
              <span className="swatch" style={{ background: COLOURS[i % COLOURS.length] }} /> {line.label}
            </span>
          ))}
        </span>
      </figcaption>
    </figure>
  );
}
