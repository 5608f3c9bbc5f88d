// Which compute path is running, shared by the banner, every demo and window.playground.

import { create } from 'zustand';
import { initCompute, type ComputeState } from '../gpu/backend';

interface BackendState {
  status: 'idle' | 'initialising' | 'ready' | 'lost' | 'error';
  compute: ComputeState | null;
  message: string | null;
  /** Initialise once (or again after a device loss); concurrent callers share one attempt. */
  ensure: () => Promise<ComputeState>;
  reinitialise: (options?: { forceCpu?: boolean }) => Promise<ComputeState>;
}

let pending: Promise<ComputeState> | null = null;

/** `?cpu=1` in the page URL (outside the hash) forces the CPU path, e.g. for comparisons. */
function cpuForcedByUrl(): boolean {
  return typeof location !== 'undefined' && new URLSearchParams(location.search).get('cpu') === '1';
}

export const useBackend = create<BackendState>((set, get) => {
  const start = (forceCpu: boolean): Promise<ComputeState> => {
    set({ status: 'initialising', message: null });
    pending = initCompute({
      forceCpu,
      onDeviceLost: (message) => set({ status: 'lost', message, compute: null }),
    })
      .then((compute) => {
        set({ status: 'ready', compute });
        return compute;
      })
      .catch((err: unknown) => {
        set({ status: 'error', message: err instanceof Error ? err.message : String(err) });
        throw err;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };
  return {
    status: 'idle',
    compute: null,
    message: null,
    ensure: () => {
      const { status, compute } = get();
      if (status === 'ready' && compute) return Promise.resolve(compute);
      if (pending) return pending;
      return start(cpuForcedByUrl());
    },
    reinitialise: (options = {}) => start(options.forceCpu ?? cpuForcedByUrl()),
  };
});
