// Axis settings shared by the charts.

/** Log-axis domain with room around the data (recharts' 'auto' on a log scale clips at a decade). */
export const LOG_DOMAIN: [(min: number) => number, (max: number) => number] = [(min) => min / 1.5, (max) => max * 1.5];

/** Maps the range of `values` (their log10 with `log`) onto [from, to]: the hand-drawn SVG charts' axes (no recharts). */
export function scaleOnto(values: readonly number[], log: boolean, from: number, to: number): (v: number) => number {
  const t = (v: number) => (log ? Math.log10(v) : v);
  const lo = Math.min(...values.map(t));
  const hi = Math.max(...values.map(t));
  const span = hi - lo || 1;
  return (v) => from + ((t(v) - lo) / span) * (to - from);
}

/**
 * Axis titles that never sit on the tick labels, however the chart is projected (docs/DESIGN.md §7):
 * the x axis keeps room under its tick labels for its title, the y axis room left of them (right
 * of them on a right-hand axis), and tick labels stay short (tickLabel) so that they fit that room.
 */
export const X_AXIS_HEIGHT = 46;
export const Y_AXIS_WIDTH = 68;

/** At most about 6 characters: 27000 → 27k, 0.000123 → 1.2e-4, 0.4567 → 0.457. */
export function tickLabel(v: unknown): string {
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  const a = Math.abs(n);
  if (a >= 1e4) {
    const [scale, suffix] = a >= 1e9 ? [1e9, 'G'] : a >= 1e6 ? [1e6, 'M'] : [1e3, 'k'];
    return `${Number((n / scale).toPrecision(3))}${suffix}`;
  }
  if (a !== 0 && a < 1e-3) return n.toExponential(1).replace('e-', 'e−').replace('−', '-');
  return String(Number(n.toPrecision(3)));
}

export function xAxisProps(title: string) {
  return { height: X_AXIS_HEIGHT, label: { value: title, position: 'insideBottom' as const, offset: 0, style: { fontSize: 12 } } };
}

export function yAxisProps(title: string, side: 'left' | 'right' = 'left') {
  return {
    width: Y_AXIS_WIDTH,
    tickFormatter: tickLabel,
    label: { value: title, angle: side === 'left' ? -90 : 90, position: side === 'left' ? ('insideLeft' as const) : ('insideRight' as const), offset: 0, style: { fontSize: 11, textAnchor: 'middle' as const } },
  };
}
