// Programmatic access (docs/DESIGN.md §3): teachers script demos from the console, tests drive them.
//   window.playground.list()                 → slugs of the demos that run
//   await window.playground.run(slug, params) → the results object the Export JSON button saves

import { demos, loadDemo, readySlugs } from './registry';
import { defaults, type Schema } from './lib/params';
import { tutorialRuns } from './lib/precomputed';
import type { DemoResults } from './lib/results';
import { currentCompute, withCpuBackend } from './gpu/backend';
import { liveGpuBufferCount } from './gpu/kernel';
import { wasmThreads } from './gpu/wasmThreads';
import { useBackend } from './ui/backendStore';

export interface PlaygroundApi {
  list: () => string[];
  describe: () => { slug: string; title: string; status: string }[];
  /** A demo's parameter schema: names, kinds, defaults, ranges, labels (what the URL and the controls accept). */
  schema: (slug: string) => Promise<Schema>;
  run: (slug: string, params?: Record<string, unknown>) => Promise<DemoResults>;
  /** The configurations a demo's tutorial runs (each once, the defaults' own left out): what `npm run precompute` ships. */
  tutorialRuns: (slug: string) => Promise<Record<string, unknown>[]>;
  backend: () => Promise<DemoResults['backend']>;
  /** Threads tfjs' wasm backend (the CPU path) computes on, and whether the page is cross-origin isolated. */
  cpuThreads: () => Promise<{ threads: number; isolated: boolean }>;
  debug: { loseDevice: () => boolean; liveGpuBuffers: () => number; liveTensors: () => Promise<number> };
}

declare global {
  interface Window {
    playground: PlaygroundApi;
  }
}

export function installPlaygroundApi(): void {
  window.playground = {
    list: readySlugs,
    describe: () => demos.map((d) => ({ slug: d.slug, title: d.title, status: d.status })),
    schema: async (slug) => (await loadDemo(slug)).schema,
    run: async (slug, params = {}) => {
      const module = await loadDemo(slug);
      const parsed = module.parse(params);
      if (parsed.issues.length > 0) throw new Error(parsed.issues.map((i) => i.message).join('; '));
      const compute = await useBackend.getState().ensure();
      return module.run(parsed.values, compute, {});
    },
    tutorialRuns: async (slug) => {
      const module = await loadDemo(slug);
      return tutorialRuns(defaults(module.schema), module.tutorial);
    },
    backend: async () => (await useBackend.getState().ensure()).info,
    cpuThreads: () => withCpuBackend(async (tfBackend) => (tfBackend === 'wasm' ? wasmThreads() : { threads: 1, isolated: globalThis.crossOriginIsolated === true })),
    debug: {
      /** GPU buffers allocated by the kernel runner and not yet destroyed (0 between runs). */
      liveGpuBuffers: liveGpuBufferCount,
      /** Tensors tfjs holds in the page's thread (a run in a Web Worker holds its own, gone with it). */
      // the tfjs the demos load (the same chunk): loaded here only if no demo has loaded it yet
      liveTensors: async () => (await import('@tensorflow/tfjs')).memory().numTensors,
      /** Destroys the GPU device as a driver reset would: for testing the recovery path. */
      loseDevice: () => {
        const device = currentCompute()?.device;
        if (!device) return false;
        device.destroy();
        return true;
      },
    },
  };
}
