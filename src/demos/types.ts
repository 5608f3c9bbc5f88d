// The folder contract every demo fulfils (see README: "Adding a demo").

import type { ComponentType } from 'react';
import type { ParamIssue, ParamValues, ParsedParams, Schema } from '../lib/params';
import type { RunControl } from '../lib/schedule';
import type { DemoResults } from '../lib/results';
import type { ComputeState } from '../gpu/backend';
import type { DemoStore } from '../ui/demoStore';

export interface DemoMeta {
  slug: string;
  title: string;
  paper: { authors: string; venue: string; title: string };
  /** One line: the paper's central claim, as the demo tests it. */
  claim: string;
  status: 'ready' | 'in-preparation';
}

export interface TutorialStep<P> {
  title: string;
  /** Parameters this step sets (the rest keep their values). */
  params: Partial<P>;
  /** What to look at, in a few sentences. */
  body: string;
  /** A check on the step's results that the tutorial shows and e2e asserts. */
  expect?: { label: string; check: (results: DemoResults<P>) => boolean };
}

export interface DemoViewProps<P> {
  results: DemoResults<P> | null;
}

/** What a demo folder's index.ts exports (loaded lazily). */
export interface DemoModule<S extends Schema = Schema> {
  meta: DemoMeta;
  schema: S;
  parse: (raw: Record<string, unknown>) => ParsedParams<S>;
  run: (params: ParamValues<S>, compute: ComputeState, control: RunControl) => Promise<DemoResults<ParamValues<S>>>;
  View: ComponentType<DemoViewProps<ParamValues<S>>>;
  tutorial: TutorialStep<ParamValues<S>>[];
  /** The demo's zustand store (parameters, run lifecycle, results). */
  useStore: DemoStore<ParamValues<S>>;
}

export type { ParamIssue };
