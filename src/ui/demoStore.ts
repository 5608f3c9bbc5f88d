// The run lifecycle of a demo (parameters, progress, Cancel, results, errors) as a zustand store.
// Each demo creates its own store from this factory in its store.ts.

import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ParamIssue, ParamValues, Schema } from '../lib/params';
import type { DemoResults } from '../lib/results';
import { Cancelled } from '../lib/schedule';
import type { DemoModule } from '../demos/types';
import { useBackend } from './backendStore';

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface DemoState<P> {
  params: P;
  issues: ParamIssue[];
  status: RunStatus;
  progress: { fraction: number; label: string };
  results: DemoResults<P> | null;
  error: string | null;
  /** Replaces parameters from a raw record (the URL), collecting issues for each bad field. */
  load: (raw: Record<string, unknown>) => void;
  setParams: (partial: Partial<P>) => void;
  run: () => Promise<DemoResults<P> | null>;
  cancel: () => void;
}

export type DemoStore<P> = UseBoundStore<StoreApi<DemoState<P>>>;

export function createDemoStore<S extends Schema>(module: Pick<DemoModule<S>, 'parse' | 'run'>): DemoStore<ParamValues<S>> {
  type P = ParamValues<S>;
  let controller: AbortController | null = null;
  return create<DemoState<P>>((set, get) => {
    const apply = (raw: Record<string, unknown>) => {
      const parsed = module.parse(raw);
      set({ params: parsed.values, issues: parsed.issues });
    };
    return {
      params: module.parse({}).values,
      issues: [],
      status: 'idle',
      progress: { fraction: 0, label: '' },
      results: null,
      error: null,
      load: apply,
      setParams: (partial) => apply({ ...get().params, ...partial }),
      run: async () => {
        controller?.abort();
        const own = new AbortController();
        controller = own;
        set({ status: 'running', error: null, progress: { fraction: 0, label: 'Starting' } });
        try {
          const compute = await useBackend.getState().ensure();
          const results = await module.run(get().params, compute, {
            signal: own.signal,
            onProgress: (fraction, label) => {
              if (controller === own) set({ progress: { fraction, label } });
            },
            onPartial: (partial) => {
              if (controller === own) set({ results: partial as DemoResults<P> });
            },
          });
          if (controller === own) set({ status: 'done', results, progress: { fraction: 1, label: 'Done' } });
          return results;
        } catch (err) {
          if (controller !== own) return null;
          if (err instanceof Cancelled || own.signal.aborted) {
            set({ status: 'cancelled', progress: { fraction: 0, label: 'Cancelled' } });
          } else {
            set({ status: 'error', error: err instanceof Error ? err.message : String(err) });
          }
          return null;
        } finally {
          if (controller === own) controller = null;
        }
      },
      cancel: () => controller?.abort(),
    };
  });
}
