// The report's state: each ready demo's entry (its precomputed default run, then this machine's live
// run once finished), and a queue that runs the demos' defaults one after another with progress and
// Cancel. The handouts read the same entries, so a handout printed after a run shows that run.

import { create } from 'zustand';
import type { DemoMeta } from '../lib/demo';
import { fetchPrecomputed } from '../lib/precomputed';
import type { ReportEntry } from '../lib/report';
import { Cancelled } from '../lib/schedule';
import type { AnyDemoModule } from './defineDemo';
import { useBackend } from './backendStore';

export type LoadDemo = (slug: string) => Promise<AnyDemoModule>;

interface ReportState {
  entries: Record<string, ReportEntry>;
  /** Demos whose precomputed run could not be read, and why. */
  missing: Record<string, string>;
  status: 'idle' | 'running' | 'done' | 'cancelled';
  progress: { fraction: number; label: string };
  /** Live runs that failed, by demo. */
  errors: Record<string, string>;
  loadPrecomputed: (demos: readonly DemoMeta[]) => Promise<void>;
  /** Runs each demo's default configuration here, in order; each finished one replaces its precomputed entry. */
  runAll: (demos: readonly DemoMeta[], load: LoadDemo) => Promise<void>;
  cancel: () => void;
}

let controller: AbortController | null = null;

async function precomputedEntry(meta: DemoMeta): Promise<ReportEntry> {
  const file = await fetchPrecomputed(import.meta.env.BASE_URL, meta.slug);
  if (file === null) throw new Error('no precomputed run in this build');
  return { slug: meta.slug, title: meta.title, results: file.results, source: { kind: 'precomputed', provenance: file.provenance } };
}

export const useReport = create<ReportState>((set, get) => ({
  entries: {},
  missing: {},
  status: 'idle',
  progress: { fraction: 0, label: '' },
  errors: {},
  loadPrecomputed: async (demos) => {
    await Promise.all(
      demos.map(async (meta) => {
        // a live run already here says more than the shipped one
        if (get().entries[meta.slug]) return;
        try {
          const entry = await precomputedEntry(meta);
          if (!get().entries[meta.slug]) set({ entries: { ...get().entries, [meta.slug]: entry } });
        } catch (err) {
          set({ missing: { ...get().missing, [meta.slug]: err instanceof Error ? err.message : String(err) } });
        }
      }),
    );
  },
  runAll: async (demos, load) => {
    controller?.abort();
    const own = new AbortController();
    controller = own;
    set({ status: 'running', errors: {}, progress: { fraction: 0, label: 'Starting' } });
    try {
      for (const [i, meta] of demos.entries()) {
        const where = `${meta.title} (${i + 1} of ${demos.length})`;
        set({ progress: { fraction: i / demos.length, label: `${where}: loading` } });
        try {
          const module = await load(meta.slug);
          const compute = await useBackend.getState().ensure();
          const results = await module.run(module.parse({}).values, compute, {
            signal: own.signal,
            onProgress: (fraction: number, label: string) => {
              if (controller === own) set({ progress: { fraction: (i + fraction) / demos.length, label: `${where}: ${label}` } });
            },
          });
          set({ entries: { ...get().entries, [meta.slug]: { slug: meta.slug, title: meta.title, results, source: { kind: 'live', finishedAt: new Date().toISOString() } } } });
        } catch (err) {
          if (err instanceof Cancelled || own.signal.aborted) throw err;
          // one demo failing (a lost device, missing weights) does not stop the others
          set({ errors: { ...get().errors, [meta.slug]: err instanceof Error ? err.message : String(err) } });
        }
      }
      if (controller === own) set({ status: 'done', progress: { fraction: 1, label: 'Done' } });
    } catch {
      if (controller === own) set({ status: 'cancelled', progress: { fraction: 0, label: 'Cancelled' } });
    } finally {
      if (controller === own) controller = null;
    }
  },
  cancel: () => controller?.abort(),
}));
