// How many threads tfjs' wasm backend computes on. Threads need a cross-origin isolated page
// (src/lib/isolation.ts); a page that is not (a static host that sends no headers, before the
// offline service worker has taken over) computes on one. Where it is, tfjs takes half the logical
// cores (its guess at one thread per physical core), at least 1, at most 8
// (tfjs-backend-wasm's backend.cc; `setThreadsCount` cannot ask for more).

/** tfjs' own choice for `logicalCores` (navigator.hardwareConcurrency) in an isolated page. */
export function tfjsWasmThreads(logicalCores: number): number {
  return Math.min(8, Math.max(1, Math.floor(logicalCores / 2)));
}

/** Threads of the initialised wasm backend (call once tfjs runs on wasm), and why not more. */
export async function wasmThreads(): Promise<{ threads: number; isolated: boolean }> {
  const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
  return { threads: getThreadsCount(), isolated: globalThis.crossOriginIsolated === true };
}

/** For the page's words: "2 threads", or "1 thread" with the reason. */
export function threadsLabel({ threads, isolated }: { threads: number; isolated: boolean }): string {
  const count = `${threads} thread${threads === 1 ? '' : 's'}`;
  if (!isolated) return `${count}: this page is not cross-origin isolated, so its wasm cannot share memory between threads`;
  return `${count}: tfjs takes half the logical cores (its guess at one per physical core), up to 8`;
}
