// The run lifecycle of a demo (parameters, progress, Cancel, results, errors) as a zustand store,
// made by defineDemo for each demo. Results are either a live run's or the shipped precomputed
// default run's (shown at once while the live run computes, then replaced).

import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ParamIssue } from '../lib/params';
import type { DemoResults, MetricMap, SeriesMap } from '../lib/results';
import type { ComputeState } from '../lib/demo';
import { Cancelled, type RunControl } from '../lib/schedule';
import type { PrecomputedProvenance } from '../lib/precomputed';
import { useBackend } from './backendStore';

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

/** Performance marks of every run of a demo page (read by bench/longTasks.mjs): start, compute backend ready, end. */
export const RUN_START_MARK = 'demo-run-start';
export const COMPUTE_START_MARK = 'demo-compute-start';
export const RUN_END_MARK = 'demo-run-end';

/** Where the shown results came from. */
export type ResultsSource = { kind: 'live' } | ({ kind: 'precomputed' } & PrecomputedProvenance);

export interface DemoState<P, R> {
  params: P;
  /** Values in the link that were malformed, out of range or broke a rule, and what was used instead. */
  linkIssues: ParamIssue[];
  status: RunStatus;
  progress: { fraction: number; label: string };
  results: R | null;
  source: ResultsSource;
  error: string | null;
  /** Replaces parameters from the link (a raw record), collecting an issue for each bad field. */
  load: (raw: Record<string, unknown>) => void;
  /** Sets parameters known to be valid (a tutorial step's). */
  setParams: (partial: Partial<P>) => void;
  /** One typed field: null when committed, else the problem (nothing is committed then). */
  edit: (name: string, raw: string) => string | null;
  /** The shipped runs (the default run, the tutorial's), once fetched: each shown whenever a run of its very parameters computes. */
  precomputed: { results: R; provenance: PrecomputedProvenance }[];
  setPrecomputed: (results: R, provenance: PrecomputedProvenance) => void;
  run: () => Promise<R | null>;
  /** Whether the shown results are complete ones of the current parameters (a finished live run or the precomputed one). */
  showsCurrentParams: () => boolean;
  cancel: () => void;
}

export type DemoStore<P, R> = UseBoundStore<StoreApi<DemoState<P, R>>>;

export interface StoreSpec<P, R> {
  parse: (raw: Record<string, unknown>) => { values: P; issues: ParamIssue[] };
  edit: (values: P, name: string, raw: string) => { values: P } | { error: string };
  run: (params: P, compute: ComputeState, control: RunControl<R>) => Promise<R>;
}

function sameParams<P>(a: P | undefined, b: P): boolean {
  if (!a) return false;
  const keys = Object.keys(b as object) as (keyof P)[];
  return keys.length === Object.keys(a as object).length && keys.every((k) => a[k] === b[k]);
}

/** How long a failed GPU run waits for its device's `lost` to settle (a busy machine took over 0.5 s). */
const LOST_WAIT_MS = 3_000;

/**
 * Whether `device` is lost: the banner's store may know already; else its `lost` promise settles a
 * moment after the loss, possibly after the failure it caused has reached the run, so the answer
 * waits for it a while (only a run that failed on the GPU waits).
 */
async function deviceLost(device: GPUDevice | null): Promise<boolean> {
  if (!device) return false;
  if (useBackend.getState().status === 'lost') return true;
  return Promise.race([device.lost.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), LOST_WAIT_MS))]);
}

export function createDemoStore<P, R extends DemoResults<P, SeriesMap, MetricMap>>(spec: StoreSpec<P, R>): DemoStore<P, R> {
  let controller: AbortController | null = null;
  return create<DemoState<P, R>>((set, get) => ({
    params: spec.parse({}).values,
    linkIssues: [],
    status: 'idle',
    progress: { fraction: 0, label: '' },
    results: null,
    source: { kind: 'live' },
    error: null,
    load: (raw) => {
      const parsed = spec.parse(raw);
      set({ params: parsed.values, linkIssues: parsed.issues });
    },
    setParams: (partial) => set({ params: { ...get().params, ...partial } }),
    edit: (name, raw) => {
      const result = spec.edit(get().params, name, raw);
      if ('error' in result) return result.error;
      // the field now holds what the user chose: the link's problem with it is gone
      set({ params: result.values, linkIssues: get().linkIssues.filter((i) => i.field !== name) });
      return null;
    },
    precomputed: [],
    setPrecomputed: (results, provenance) => {
      set({ precomputed: [...get().precomputed.filter((p) => !sameParams(p.results.params, results.params)), { results, provenance }] });
      // it arrived after its run started: show it (over a first stage at most: that run is not done)
      const { status, source, params } = get();
      if (status === 'running' && source.kind === 'live' && sameParams(results.params, params)) set({ results, source: { kind: 'precomputed', ...provenance } });
    },
    showsCurrentParams: () => {
      const { results, source, status, params } = get();
      return results !== null && sameParams(results.params, params) && (source.kind === 'precomputed' || status === 'done');
    },
    run: async () => {
      controller?.abort();
      const own = new AbortController();
      controller = own;
      set({ status: 'running', error: null, progress: { fraction: 0, label: 'Starting' } });
      performance.mark(RUN_START_MARK);
      const showingPrecomputed = () => get().source.kind === 'precomputed';
      const { params } = get();
      // the shipped run of these very parameters is shown while the live one computes
      const precomputed = get().precomputed.find((p) => sameParams(p.results.params, params));
      if (precomputed) set({ results: precomputed.results, source: { kind: 'precomputed', ...precomputed.provenance } });
      else if (showingPrecomputed()) set({ results: null, source: { kind: 'live' } });
      let compute: ComputeState | null = null;
      try {
        // the page's first run also starts the compute backend (loads tfjs): a mark after it
        compute = await useBackend.getState().ensure();
        performance.mark(COMPUTE_START_MARK);
        const results = await spec.run(params, compute, {
          signal: own.signal,
          onProgress: (fraction, label) => {
            if (controller === own) set({ progress: { fraction, label } });
          },
          onPartial: (partial) => {
            // a complete precomputed run says more than a live one's first stage
            if (controller === own && !showingPrecomputed()) set({ results: partial });
          },
        });
        if (controller === own) set({ status: 'done', results, source: { kind: 'live' }, progress: { fraction: 1, label: 'Done' } });
        return results;
      } catch (err) {
        if (controller !== own) return null;
        if (err instanceof Cancelled || own.signal.aborted) {
          set({ status: 'cancelled', progress: { fraction: 0, label: 'Cancelled' } });
        } else {
          const message = err instanceof Error ? err.message : String(err);
          const lostMessage = `The GPU device was lost during this run (${message}). Re-initialise it in the banner above, then run again.`;
          // a device lost under the run fails it somewhere deep (a buffer's mapping): say what happened
          const device = compute?.device ?? null;
          const lost = await deviceLost(device);
          if (controller !== own) return null;
          set({ status: 'error', error: lost ? lostMessage : message });
          // on a loaded machine `lost` can settle later still (fresh-clone CI saw DPLM's and MARINE's
          // runs fail on the loss seconds before it): the message follows when it does, unless a new
          // run has replaced it since
          if (!lost && device) void device.lost.then(() => get().error === message && get().status === 'error' && controller === null && set({ error: lostMessage }));
        }
        return null;
      } finally {
        if (controller === own) controller = null;
        performance.mark(RUN_END_MARK);
      }
    },
    cancel: () => controller?.abort(),
  }));
}
