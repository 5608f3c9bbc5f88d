// The demo contract below the UI: what a demo folder declares (meta.ts) and what its run and
// tutorial see. The React half (the view, the store) is in src/ui/defineDemo.ts.

import type { BackendInfo, DemoResults, MetricMap, SeriesMap } from './results';

/** A paper's one-picture summary: lines from one series of the demo's results, for the gallery card. */
export interface Headline<S extends SeriesMap = SeriesMap> {
  title: string;
  series: keyof S & string;
  x: string;
  xLabel: string;
  yLabel: string;
  lines: readonly { key: string; label: string }[];
  logX?: boolean;
  logY?: boolean;
}

export interface DemoMeta<S extends SeriesMap = SeriesMap> {
  /** The folder's name: `src/demos/<slug>/` (the registry checks that they agree). */
  slug: string;
  /** Position in the gallery (ascending). */
  order: number;
  title: string;
  paper: { authors: string; venue: string; title: string };
  /** One line: the paper's central claim, as the demo tests it. */
  claim: string;
  status: 'ready' | 'in-preparation';
  /** The chart the gallery card draws from the precomputed default run (ready demos). */
  headline?: Headline<S>;
}

/** Where a run computes: the backend's description and the WebGPU device (null on the CPU path). */
export interface ComputeState {
  info: BackendInfo;
  /** The device the WGSL kernels run on (the same one tfjs uses), or null on the CPU path. */
  device: GPUDevice | null;
}

export interface TutorialStep<P, R extends DemoResults<P, SeriesMap, MetricMap> = DemoResults<P>> {
  title: string;
  /** Parameters this step sets (the rest take their defaults). */
  params: Partial<P>;
  /** What to look at, in a few sentences. */
  body: string;
  /**
   * The chart or section this step talks about, shown large in presenter mode: a chart card's test id
   * (`chart-<name>`) or an element's id (a section's heading stands for the section).
   */
  focus?: string;
  /** A check on the step's results that the tutorial shows and e2e asserts. */
  expect?: { label: string; check: (results: R) => boolean };
}
