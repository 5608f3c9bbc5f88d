// A whole demo run in a Web Worker, for runs whose heavy work is on the CPU (f64 TypeScript, tfjs on
// its wasm backend): the page's thread only draws, so no task there runs long (docs/DESIGN.md §7).
// The worker runs the same run() the page would; progress and partial results come back as
// messages, Cancel terminates the worker. Where there are no workers (Node, the unit tests) the
// caller runs run() itself.

import { Cancelled, type RunControl } from './schedule';
import type { ComputeState } from './demo';
import { canUseWorkers } from './workerPool';

/** What a run in a worker is given: its parameters, the page's compute description (no device), the page's base URL. */
export interface RunRequest<P> {
  params: P;
  info: ComputeState['info'];
  /** The app's base URL, absolute: a worker's own URL is its script's, not the page's (for fetching weights and data). */
  baseUrl: string;
}

export type RunReply<R> =
  | { kind: 'progress'; fraction: number; label: string }
  | { kind: 'partial'; results: R }
  | { kind: 'result'; results: R }
  | { kind: 'error'; message: string };

export interface WorkerScope<P, R> {
  onmessage: ((e: MessageEvent<RunRequest<P>>) => void) | null;
  postMessage: (m: RunReply<R>) => void;
}

/** The body of a run worker: answers one request with run(), relaying progress and partial results. */
export function serveRun<P, R>(scope: WorkerScope<P, R>, run: (request: RunRequest<P>, control: RunControl<R>) => Promise<R>): void {
  scope.onmessage = (e) => {
    const control: RunControl<R> = {
      onProgress: (fraction, label) => scope.postMessage({ kind: 'progress', fraction, label }),
      onPartial: (results) => scope.postMessage({ kind: 'partial', results }),
    };
    run(e.data, control).then(
      (results) => scope.postMessage({ kind: 'result', results }),
      (err: unknown) => scope.postMessage({ kind: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  };
}

/** Whether a run goes to a worker: the demo's `thread` setting asks for one and there are workers here (Node has none). */
export function offThread(thread: 'worker' | 'main'): boolean {
  return thread === 'worker' && canUseWorkers();
}

/** Runs `params` on a fresh worker from `createWorker` (a run worker: serveRun); Cancel (the control's signal) terminates it. */
export function runInWorker<P, R>(createWorker: () => Worker, params: P, info: ComputeState['info'], control: RunControl<R>): Promise<R> {
  if (control.signal?.aborted) return Promise.reject(new Cancelled());
  const request: RunRequest<P> = { params, info, baseUrl: pageBaseUrl() };
  const worker = createWorker();
  return new Promise<R>((resolve, reject) => {
    const finish = () => {
      control.signal?.removeEventListener('abort', onAbort);
      worker.terminate();
    };
    const onAbort = () => {
      finish();
      reject(new Cancelled());
    };
    control.signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (e: MessageEvent<RunReply<R>>) => {
      const reply = e.data;
      if (reply.kind === 'progress') control.onProgress?.(reply.fraction, reply.label);
      else if (reply.kind === 'partial') control.onPartial?.(reply.results);
      else {
        finish();
        if (reply.kind === 'result') resolve(reply.results);
        else reject(new Error(reply.message));
      }
    };
    worker.onerror = (e) => {
      finish();
      reject(new Error(`the run's worker failed: ${e.message}`));
    };
    worker.postMessage(request);
  });
}

/** The app's base URL, absolute, as a worker needs it (import.meta.env.BASE_URL is relative: './'). */
export function pageBaseUrl(): string {
  const base = typeof import.meta.env?.BASE_URL === 'string' ? import.meta.env.BASE_URL : '/';
  return typeof location !== 'undefined' ? new URL(base, location.href).href : base;
}
