import type { RunStatus } from './demoStore';

interface Props {
  status: RunStatus;
  progress: { fraction: number; label: string };
  onRun: () => void;
  onCancel: () => void;
  /** The Run button's words (a demo's "Run"; the report's "Run every demo here"). */
  runLabel?: string;
}

/** Run / Cancel and a progress bar that says what is being computed. */
export function RunBar({ status, progress, onRun, onCancel, runLabel = 'Run' }: Props) {
  const running = status === 'running';
  return (
    <div className="runbar">
      <button type="button" className="primary" onClick={onRun} disabled={running} data-testid="run">
        {running ? 'Running…' : runLabel}
      </button>
      <button type="button" onClick={onCancel} disabled={!running} data-testid="cancel">
        Cancel
      </button>
      <div className="progress-wrap" aria-live="polite">
        <progress max={1} value={running ? progress.fraction : status === 'done' ? 1 : 0} aria-label="Run progress" data-testid="progress" />
        <span className="progress-label" data-testid="progress-label">
          {running ? `${Math.round(progress.fraction * 100)}% — ${progress.label}` : status === 'cancelled' ? 'Cancelled.' : status === 'done' ? 'Done.' : ''}
        </span>
      </div>
    </div>
  );
}
