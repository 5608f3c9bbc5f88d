// The results object every demo returns: what the Export JSON button saves and what
// `window.playground.run(slug, params)` resolves to.

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

export interface Claim {
  id: string;
  statement: string;
  passed: boolean;
  value: number;
  threshold: number;
}

export type SeriesRow = Record<string, number | string | boolean | null>;

export interface MatrixData {
  rows: number;
  cols: number;
  /** Row-major values. */
  data: number[];
}

export interface DemoResults<P = Record<string, unknown>> {
  slug: string;
  params: P;
  backend: BackendInfo;
  metrics: Record<string, number>;
  series: Record<string, SeriesRow[]>;
  claims: Claim[];
  matrices: Record<string, MatrixData>;
  notes: string[];
  timing: { startedAt: string; totalMs: number; stages: Record<string, number>; label: string };
}
