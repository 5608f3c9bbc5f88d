// Independent jobs (a demo's seeds, typically) spread over Web Workers, one per core; where there
// are none (Node, where the unit tests run, or `parallel = main`), the same function runs in this
// thread between yields. A job is a plain serialisable object; the worker and the local fallback
// call the same pure function, so results do not depend on where a job ran.

import { Cancelled, type Ticker } from './schedule';

export interface JobRequest<J> {
  id: number;
  job: J;
}

export type JobReply<R> = { id: number; result: R } | { id: number; error: string };

/** The body of a worker module: answers each job with `run(job)`. */
export function serveJobs<J, R>(scope: { onmessage: ((e: MessageEvent<JobRequest<J>>) => void) | null; postMessage: (m: JobReply<R>) => void }, run: (job: J) => R): void {
  scope.onmessage = (e) => {
    const { id, job } = e.data;
    try {
      scope.postMessage({ id, result: run(job) });
    } catch (err) {
      scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    }
  };
}

export const canUseWorkers = (): boolean => typeof Worker !== 'undefined' && typeof navigator !== 'undefined';

export function workerCount(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(8, cores));
}

/**
 * Runs `jobs` and returns their results in order. With `createWorker`, on a pool of workers (each
 * gets the next job when it answers); otherwise locally. `onResult` sees each result as it lands;
 * Cancel terminates the workers.
 */
export async function runJobs<J, R>(jobs: readonly J[], local: (job: J) => R, ticker: Ticker, createWorker: (() => Worker) | null, onResult?: (done: number, total: number) => void): Promise<R[]> {
  const results = new Array<R>(jobs.length);
  if (!createWorker) {
    for (let i = 0; i < jobs.length; i++) {
      await ticker.tick();
      results[i] = local(jobs[i]);
      onResult?.(i + 1, jobs.length);
    }
    return results;
  }
  const workers = Array.from({ length: Math.min(workerCount(), jobs.length) }, createWorker);
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      const onAbort = () => reject(new Cancelled());
      ticker.signal?.addEventListener('abort', onAbort, { once: true });
      const give = (worker: Worker) => {
        if (next >= jobs.length) return;
        const id = next++;
        worker.postMessage({ id, job: jobs[id] } satisfies JobRequest<J>);
      };
      for (const worker of workers) {
        worker.onmessage = (e: MessageEvent<JobReply<R>>) => {
          const reply = e.data;
          if ('error' in reply) return reject(new Error(reply.error));
          results[reply.id] = reply.result;
          done++;
          onResult?.(done, jobs.length);
          if (done === jobs.length) {
            ticker.signal?.removeEventListener('abort', onAbort);
            resolve();
          } else give(worker);
        };
        worker.onerror = (e) => reject(new Error(`a worker failed: ${e.message}`));
        give(worker);
      }
    });
  } finally {
    for (const worker of workers) worker.terminate();
  }
  ticker.throwIfCancelled();
  return results;
}
