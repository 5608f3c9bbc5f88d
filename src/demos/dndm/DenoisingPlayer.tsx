// Watch one sequence denoise: a single time slider (t from T down to 0) drives both samplers, so
// one sees the T-call sampler spend a network call on every step while DNDM waits for the next
// transition time τ and changes exactly the tokens whose τ it is.

import { useEffect, useState } from 'react';
import type { TrajectoryRow } from './summary';
import { playback } from '../../ui/motion';

interface Props {
  steps: number;
  dndm: readonly TrajectoryRow[];
  baseline: readonly TrajectoryRow[];
  dndmLabel: string;
  baselineLabel: string;
}

/** Frames of a trajectory after every step with time > s has run: x before call k+1 is frame k. */
function frameAt(rows: readonly TrajectoryRow[], s: number): { frame: TrajectoryRow; calls: number } {
  // a call whose time is unknown (t null) counts as not yet made
  const calls = rows.filter((r) => r.call !== null && (r.t ?? 0) > s).length;
  return { frame: rows[Math.min(calls, rows.length - 1)], calls };
}

function Sequence({ text, previous, testId }: { text: string; previous: string; testId: string }) {
  return (
    <p className="sequence" data-testid={testId} aria-label={text.replace(/_/g, '·')}>
      {Array.from(text, (ch, i) => (
        <span key={i} className={ch === '_' ? 'tok masked' : previous[i] === '_' ? 'tok fresh' : 'tok'}>
          {ch === '_' ? '·' : ch === ' ' ? '\u00a0' : ch}
        </span>
      ))}
    </p>
  );
}

export function DenoisingPlayer({ steps, dndm, baseline, dndmLabel, baselineLabel }: Props) {
  const [s, setS] = useState(steps);
  const [playing, setPlaying] = useState(false);
  useEffect(() => setS(steps), [steps, dndm]);
  useEffect(() => {
    if (!playing) return;
    const frames = playback(100, 80);
    const stride = Math.max(1, Math.round(steps / 100)) * frames.stride;
    const id = setInterval(() => setS((v) => (v <= 0 ? 0 : Math.max(0, v - stride))), frames.ms);
    return () => clearInterval(id);
  }, [playing, steps]);
  useEffect(() => {
    if (s === 0) setPlaying(false);
  }, [s]);
  const panels = [
    { rows: dndm, label: dndmLabel, id: 'dndm' },
    { rows: baseline, label: baselineLabel, id: 'baseline' },
  ].filter((p) => p.rows.length > 0);
  return (
    <div className="denoising">
      <div className="denoising-controls">
        <button type="button" onClick={() => (s === 0 ? (setS(steps), setPlaying(true)) : setPlaying(!playing))} data-testid="denoise-play">
          {playing ? 'Pause' : s === 0 ? 'Replay' : 'Play'}
        </button>
        <label>
          time t = <output data-testid="denoise-time">{s}</output> of {steps}
          <input type="range" min={0} max={steps} step={1} value={steps - s} onChange={(e) => (setPlaying(false), setS(steps - Number(e.target.value)))} aria-label="Reverse-process progress (t from T down to 0)" />
        </label>
      </div>
      {panels.map(({ rows, label, id }) => {
        const { frame, calls } = frameAt(rows, s);
        const before = frameAt(rows, Math.min(steps, s + Math.max(1, Math.round(steps / 100))));
        return (
          <div key={id} className="denoising-panel">
            <h4>
              {label}: <span data-testid={`${id}-calls`}>{calls}</span> network calls so far, {frame.masked} positions masked
            </h4>
            <Sequence text={frame.text} previous={before.frame.text} testId={`${id}-sequence`} />
          </div>
        );
      })}
    </div>
  );
}
