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
