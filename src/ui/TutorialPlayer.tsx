import { useEffect } from 'react';
import type { TutorialStep } from '../lib/demo';
import type { DemoResults } from '../lib/results';

interface Props<P, R extends DemoResults<P>> {
  steps: readonly TutorialStep<P, R>[];
  index: number | null;
  results: R | null;
  /** The results on screen are complete ones of the step's parameters (a finished live run, or the precomputed run). */
  complete: boolean;
  /** They are the shipped precomputed run (a live run of the same parameters may still be computing). */
  precomputed: boolean;
  running: boolean;
  onGo: (index: number | null) => void;
  /** Presenter mode: arrow keys step through the tutorial. */
  keyboardStepping: boolean;
}

/** A step-by-step tour: each step sets parameters, runs, and says what to look at. */
export function TutorialPlayer<P, R extends DemoResults<P>>({ steps, index, results, complete, precomputed, running, onGo, keyboardStepping }: Props<P, R>) {
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
  // the step's claim is checked on complete results of its parameters: the precomputed run counts (it is what the code computes, see scripts/precomputed.test.ts)
  const check = step.expect && results && complete ? step.expect.check(results) : null;
  const state = check === null ? (running ? 'running' : 'pending') : check ? 'pass' : 'fail';
  return (
    <section className="tutorial card" aria-label="Tutorial" data-testid="tutorial" data-step={index}>
      <h2>
        Step {index + 1} of {steps.length}: {step.title}
      </h2>
      <p>{step.body}</p>
      {step.expect && (
        <p className="step-check" data-testid="step-check" data-state={state}>
          {state === 'running' ? 'Running… ' : check === null ? '' : check ? '✔ ' : '✘ '}
          {step.expect.label}
          {check !== null && precomputed && <small> (checked on the precomputed run{running ? '; the live run is computing' : ''})</small>}
        </p>
      )}
      <div className="tutorial-nav">
        <button type="button" onClick={() => onGo(index - 1)} disabled={index === 0 || (running && !complete)}>
          Previous
        </button>
        <button type="button" className="primary" onClick={() => onGo(index + 1)} disabled={index === steps.length - 1 || (running && !complete)} data-testid="tutorial-next">
          Next step
        </button>
        <button type="button" onClick={() => onGo(null)}>
          Leave tutorial
        </button>
      </div>
    </section>
  );
}
