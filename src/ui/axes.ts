// Axis settings shared by the charts.

/** Log-axis domain with room around the data (recharts' 'auto' on a log scale clips at a decade). */
export const LOG_DOMAIN: [(min: number) => number, (max: number) => number] = [(min) => min / 1.5, (max) => max * 1.5];
