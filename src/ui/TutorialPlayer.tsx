import { useEffect } from 'react';
import type { TutorialStep } from '../lib/demo';
import type { DemoResults } from '../lib/results';

interface Props<P, R extends DemoResults<P>> {
  steps: readonly TutorialStep<P, R>[];
  index: number | null;
  results: R | null;
  running: boolean;
  onGo: (index: number | null) => void;
  /** Presenter mode: arrow keys step through the tutorial. */
  keyboardStepping: boolean;
}

/** A step-by-step tour: each step sets parameters, runs, and says what to look at. */
export function TutorialPlayer<P, R extends DemoResults<P>>({ steps, index, results, running, onGo, keyboardStepping }: Props<P, R>) {
  useEffect(() => {
    if (!keyboardStepping) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
      if (e.key === 'ArrowRight' && (index ?? -1) < steps.length - 1) onGo((index ?? -1) + 1);
      if (e.key === 'ArrowLeft' && index !== null && index > 0) onGo(index - 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keyboardStepping, index, steps.length, onGo]);

  if (index === null) {
    return (
      <section className="tutorial card" aria-label="Tutorial">
        <h2>Tutorial</h2>
        <p>{steps.length} short steps: each sets the parameters, runs the algorithm, and tells you what to look at.</p>
        <button type="button" className="primary" onClick={() => onGo(0)} data-testid="tutorial-start">
          Start the tutorial
        </button>
      </section>
    );
  }
  const step = steps[index];
  const check = step.expect && results && !running ? step.expect.check(results) : null;
  return (
    <section className="tutorial card" aria-label="Tutorial" data-testid="tutorial" data-step={index}>
      <h2>
        Step {index + 1} of {steps.length}: {step.title}
      </h2>
      <p>{step.body}</p>
      {step.expect && (
        <p className="step-check" data-testid="step-check" data-state={running ? 'running' : check === null ? 'pending' : check ? 'pass' : 'fail'}>
          {running ? 'Running…' : check === null ? '' : check ? '✔ ' : '✘ '}
          {step.expect.label}
        </p>
      )}
      <div className="tutorial-nav">
        <button type="button" onClick={() => onGo(index - 1)} disabled={index === 0 || running}>
          Previous
        </button>
        <button type="button" className="primary" onClick={() => onGo(index + 1)} disabled={index === steps.length - 1 || running} data-testid="tutorial-next">
          Next step
        </button>
        <button type="button" onClick={() => onGo(null)}>
          Leave tutorial
        </button>
      </div>
    </section>
  );
}
