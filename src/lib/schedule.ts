// Cooperative scheduling for long computations on the main thread: check for Cancel, report
// progress, and hand the event loop back often enough that no task runs over the budget.

export class Cancelled extends Error {
  constructor() {
    super('The run was cancelled.');
    this.name = 'Cancelled';
  }
}

export interface RunControl<R = unknown> {
  signal?: AbortSignal;
  onProgress?: (fraction: number, label: string) => void;
  /** Results so far, for runs whose first stages are worth showing before the rest is done. */
  onPartial?: (results: R) => void;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class Ticker {
  private last = now();

  constructor(
    private readonly control: Omit<RunControl, 'onPartial'> = {},
    /** Milliseconds of work between yields; well under the 200 ms long-task bar. */
    private readonly budgetMs = 30,
  ) {}

  throwIfCancelled(): void {
    if (this.control.signal?.aborted) throw new Cancelled();
  }

  /** Call inside loops: yields to the event loop once the budget is spent, then checks Cancel. */
  async tick(): Promise<void> {
    this.throwIfCancelled();
    if (now() - this.last < this.budgetMs) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.last = now();
    this.throwIfCancelled();
  }

  /** A ticker for one stage of the run: its progress 0…1 maps onto from…to of this one's; same Cancel. */
  stage(from: number, to: number): Ticker {
    return new Ticker({ signal: this.control.signal, onProgress: (f, label) => this.progress(from + (to - from) * f, label) }, this.budgetMs);
  }

  progress(fraction: number, label: string): void {
    this.control.onProgress?.(Math.max(0, Math.min(1, fraction)), label);
  }

  get signal(): AbortSignal | undefined {
    return this.control.signal;
  }
}
