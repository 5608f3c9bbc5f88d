import { describe, expect, it } from 'vitest';
import { Cancelled, Ticker } from './schedule';
import { runJobs, serveJobs, type JobReply, type JobRequest } from './workerPool';

/** A stand-in for a Web Worker: the same protocol, answered asynchronously in this thread by serveJobs. */
class FakeWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  private readonly scope: { onmessage: ((e: MessageEvent<JobRequest<number>>) => void) | null; postMessage: (m: JobReply<number>) => void };
  static created: FakeWorker[] = [];

  constructor(run: (job: number) => number) {
    this.scope = { onmessage: null, postMessage: (m) => setTimeout(() => !this.terminated && this.onmessage?.({ data: m } as MessageEvent)) };
    serveJobs(this.scope, run);
    FakeWorker.created.push(this);
  }

  postMessage(m: JobRequest<number>): void {
    setTimeout(() => this.scope.onmessage?.({ data: m } as MessageEvent<JobRequest<number>>));
  }

  terminate(): void {
    this.terminated = true;
  }
}

const square = (x: number) => x * x;
const asWorker = (run: (job: number) => number) => () => new FakeWorker(run) as unknown as Worker;

describe('runJobs', () => {
  it('returns results in job order, on workers or locally, and reports progress', async () => {
    const jobs = Array.from({ length: 9 }, (_, i) => i);
    const seen: number[] = [];
    const pooled = await runJobs(jobs, square, new Ticker(), asWorker(square), (done) => seen.push(done));
    expect(pooled).toEqual(jobs.map(square));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(FakeWorker.created.every((w) => w.terminated)).toBe(true);
    expect(await runJobs(jobs, square, new Ticker(), null)).toEqual(pooled);
  });

  it('passes a job’s error on, and Cancel stops the pool', async () => {
    const failing = (x: number) => {
      if (x === 3) throw new Error('job 3 went wrong');
      return x;
    };
    await expect(runJobs([1, 2, 3, 4], failing, new Ticker(), asWorker(failing))).rejects.toThrow('job 3 went wrong');
    const abort = new AbortController();
    const slow = runJobs(Array.from({ length: 50 }, (_, i) => i), square, new Ticker({ signal: abort.signal }), asWorker(square));
    abort.abort();
    await expect(slow).rejects.toBeInstanceOf(Cancelled);
  });
});
