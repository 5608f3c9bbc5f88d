// Step through one sampler run: frame k is the sequence after k network calls (frame 0 all masked,
// the last one the finished protein). Buttons and a slider, so it works from the keyboard; residues
// decoded by the call just made are outlined.

import { useEffect, useState } from 'react';
import { ResidueSequence } from './Residues';
import type { StepRow } from './summary';
import { playback } from '../../ui/motion';

interface Props {
  rows: readonly StepRow[];
  /** Prefix of the test ids and the slider's accessible name. */
  id: string;
  label: string;
}

/** About this long (ms) for Play to run through a whole trajectory, whatever its number of calls. */
const PLAY_MS = 6000;

export function SequencePlayer({ rows, id, label }: Props) {
  const last = rows.length - 1;
  const [frame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(false);
  // back to the start for another trajectory (not for the same one in the next partial result)
  const identity = `${rows.length}:${rows.at(-1)?.sequence ?? ''}`;
  useEffect(() => {
    setFrame(0);
    setPlaying(false);
  }, [identity]);
  useEffect(() => {
    if (!playing) return;
    const { stride, ms } = playback(last, Math.max(40, PLAY_MS / Math.max(1, last)));
    const timer = setInterval(() => setFrame((f) => Math.min(last, f + stride)), ms);
    return () => clearInterval(timer);
  }, [playing, last]);
  useEffect(() => {
    if (frame >= last) setPlaying(false);
  }, [frame, last]);
  if (rows.length === 0) return null;
  const shown = rows[Math.min(frame, last)];
  const previous = frame > 0 ? rows[frame - 1].sequence : undefined;
  const go = (f: number) => {
    setPlaying(false);
    setFrame(Math.max(0, Math.min(last, f)));
  };
  return (
    <div className="denoising" data-testid={`${id}-player`}>
      <div className="denoising-controls">
        <button type="button" onClick={() => go(0)} disabled={frame === 0} aria-label="First frame">
          ⏮
        </button>
        <button type="button" onClick={() => go(frame - 1)} disabled={frame === 0} aria-label="Previous network call">
          ◀
        </button>
        <button type="button" onClick={() => (frame >= last ? (setFrame(0), setPlaying(true)) : setPlaying(!playing))} data-testid={`${id}-play`}>
          {playing ? 'Pause' : frame >= last ? 'Replay' : 'Play'}
        </button>
        <button type="button" onClick={() => go(frame + 1)} disabled={frame >= last} aria-label="Next network call">
          ▶
        </button>
        <button type="button" onClick={() => go(last)} disabled={frame >= last} aria-label="Last frame">
          ⏭
        </button>
        <label>
          after <output data-testid={`${id}-call`}>{shown.call}</output> of {rows[last].call} network calls
          <input type="range" min={0} max={last} step={1} value={frame} onChange={(e) => go(Number(e.target.value))} aria-label={`${label}: network calls made`} aria-valuetext={`${shown.call} calls, ${shown.masked} masked`} />
        </label>
      </div>
      <div className="denoising-panel">
        <h4>
          <span data-testid={`${id}-masked`}>{shown.masked}</span> of {shown.sequence.length} positions masked
        </h4>
        <ResidueSequence sequence={shown.sequence} previous={previous} testId={`${id}-sequence`} />
      </div>
    </div>
  );
}
