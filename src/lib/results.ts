// The results object every demo returns: what the Export JSON button saves and what
// `window.playground.run(slug, params)` resolves to. Generic in the demo's parameters, series and
// metrics, so that each view is type-checked against what its experiment produces.

import { mean } from './stats';

export type ComputePath = 'webgpu-hardware' | 'webgpu-software' | 'cpu';

export interface BackendInfo {
  path: ComputePath;
  /** The tfjs backend that `setBackend` accepted ('webgpu', 'wasm' or 'cpu'). */
  tfBackend: string;
  adapter: string | null;
  software: boolean;
  /** Why this path was taken, in plain words. */
  reason: string;
}

/**
 * docs/DESIGN.md §8: `paper` is the paper's claim against its baseline; `sanity` checks that the
 * implementation is right (an identity, a formula, a simulator); `limit` shows on purpose a regime
 * where the method is expected to lose or tie.
 */
export type ClaimKind = 'paper' | 'sanity' | 'limit';
export const CLAIM_KINDS: readonly ClaimKind[] = ['paper', 'sanity', 'limit'];

/**
 * A paper claim's statistic over independent replicates (docs/DESIGN.md §8): its estimate and a 95%
 * interval, e.g. a pass rate with its Wilson interval or a mean ± t s.e.
 */
export interface ClaimSpread {
  replicates: number;
  estimate: number;
  low: number;
  high: number;
  /** How the interval was made, in words the page shows ("Wilson 95%", "mean ± t(0.975, 4) s.e."). */
  method: string;
}

export interface Claim {
  id: string;
  kind: ClaimKind;
  statement: string;
  passed: boolean;
  value: number;
  threshold: number;
  /** Paper claims: the statistic over replicates with its spread. */
  spread?: ClaimSpread;
  /** Why this run passes or fails, or where the claim holds (e.g. "signal below the oracle condition"). */
  note?: string;
}

/** One row of a chart or table: what the generic chart, table and CSV code can read. */
export type SeriesRow = Record<string, number | string | boolean | null>;

/** A demo's plotted data: named lists of rows, each demo with its own row types. */
export type SeriesMap = { [name: string]: readonly SeriesRow[] | undefined };

export type MetricMap = { [name: string]: number | undefined };

/** A quantity over seeds as its mean with a min–max band: the columns ui/BandChart reads for `K`. */
export type BandColumns<K extends string> = { [k in `${K}Mean` | `${K}Min` | `${K}Max`]: number };

/** The band columns of one key (a single name, not a union) from its values over seeds. */
export function bandColumns<K extends string>(key: K, values: readonly number[]): BandColumns<K> {
  // TypeScript types computed keys as `string`; these three are BandColumns<K>'s keys exactly
  return { [`${key}Mean`]: mean(values), [`${key}Min`]: Math.min(...values), [`${key}Max`]: Math.max(...values) } as BandColumns<K>;
}

export interface MatrixData {
  rows: number;
  cols: number;
  /** Row-major values. */
  data: number[];
}

export interface RunTiming {
  startedAt: string;
  totalMs: number;
  stages: Record<string, number>;
  label: string;
}

export interface DemoResults<P = Record<string, unknown>, S extends SeriesMap = SeriesMap, M extends MetricMap = MetricMap> {
  slug: string;
  params: P;
  backend: BackendInfo;
  metrics: M;
  series: S;
  claims: Claim[];
  matrices: Record<string, MatrixData>;
  notes: string[];
  timing: RunTiming;
}
