// The scaffold as a track, the motif's segments as blocks on it, and the ± jitter each sample may
// move them by. With `onCommit` the blocks are sliders: drag one (pointer) or focus it and use the
// arrow keys (Shift: 10 residues, Home/End), and a valid placement is committed as the new
// "Segment starts"; an invalid one (placementProblem) is named and not committed. Without it the
// track only shows the run's placement.

import { useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type PointerEvent } from 'react';
import { placementProblem } from './motif';

interface Props {
  scaffoldLength: number;
  /** Segments separated by "/". */
  motif: string;
  /** 1-based starts, comma-separated (the parameter's text). */
  starts: string;
  jitter: number;
  /** Commits new starts (the parameter's text); returns the reason when refused, else null. */
  onCommit?: (starts: string) => string | null;
}

const pct = (v: number, of: number) => `${(100 * v) / of}%`;
const asText = (starts: readonly number[]) => starts.map((s) => s + 1).join(',');

/** Ruler ticks: 1, then round positions (every 10, 20 or 50 residues), then the length. */
function ticks(length: number): number[] {
  const step = length <= 60 ? 10 : length <= 120 ? 20 : 50;
  const out = [1];
  for (let t = step; t < length - step / 3; t += step) out.push(t);
  return [...out, length];
}

export function MotifTrack({ scaffoldLength: L, motif, starts, jitter, onCommit }: Props) {
  const segments = useMemo(() => motif.split('/'), [motif]);
  const given = useMemo(() => starts.split(',').map((p) => Number(p) - 1), [starts]);
  const [draft, setDraft] = useState<number[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const trackRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ index: number; x0: number; from: number[]; to: number[] } | null>(null);
  // a new run's placement replaces whatever was moved here
  useEffect(() => {
    setDraft(null);
    setMessage(null);
  }, [given, segments, L]);
  const shown = draft ?? given;
  const interactive = onCommit !== undefined;
  const problemOf = (s: readonly number[]) => placementProblem(motif, asText(s), L);
  const moved = (from: readonly number[], index: number, to: number) => from.map((v, i) => (i === index ? Math.max(0, Math.min(L - segments[i].length, to)) : v));

  const commit = (next: number[], from: readonly number[]) => {
    if (next.every((v, i) => v === from[i])) return;
    const problem = problemOf(next);
    const refused = problem ?? onCommit?.(asText(next)) ?? null;
    if (refused) {
      setDraft(from === given ? null : [...from]);
      setMessage(`Not moved: ${refused}.`);
      return;
    }
    setDraft(next);
    setMessage(`Segment starts set to ${asText(next)}. Press Run to scaffold around the motif there.`);
  };

  const onPointerDown = (index: number) => (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { index, x0: e.clientX, from: [...shown], to: [...shown] };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    const width = trackRef.current?.getBoundingClientRect().width ?? 0;
    if (!d || width === 0) return;
    d.to = moved(d.from, d.index, d.from[d.index] + Math.round(((e.clientX - d.x0) / width) * L));
    setDraft(d.to);
    setMessage(problemOf(d.to));
  };
  const onPointerUp = () => {
    const d = drag.current;
    drag.current = null;
    if (d) commit(d.to, d.from);
  };
  const onPointerCancel = () => {
    const d = drag.current;
    drag.current = null;
    if (d) setDraft(d.from === given ? null : d.from);
  };
  const onKeyDown = (index: number) => (e: KeyboardEvent<HTMLDivElement>) => {
    const big = e.shiftKey ? 10 : 1;
    const at = shown[index];
    const to = { ArrowLeft: at - big, ArrowDown: at - big, ArrowRight: at + big, ArrowUp: at + big, PageDown: at - 10, PageUp: at + 10, Home: 0, End: L }[e.key];
    if (to === undefined) return;
    // the page's presenter mode steps the tutorial with the arrow keys: not while a segment has them
    e.preventDefault();
    e.stopPropagation();
    commit(moved(shown, index, to), shown);
  };

  const block = (i: number): CSSProperties => ({
    position: 'absolute',
    left: pct(shown[i], L),
    width: pct(segments[i].length, L),
    top: 8,
    bottom: 8,
    minWidth: 4,
    background: '#333',
    color: '#fff',
    borderRadius: 3,
    fontFamily: 'ui-monospace, monospace',
    fontSize: 11,
    lineHeight: '24px',
    textAlign: 'center',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    cursor: interactive ? 'grab' : 'default',
    touchAction: 'none',
  });
  const describe = (i: number) => `Segment ${i + 1} (${segments[i]}): residues ${shown[i] + 1}–${shown[i] + segments[i].length} of ${L}`;
  return (
    <div data-testid="motif-track">
      <div
        ref={trackRef}
        role="group"
        aria-label={`Scaffold of ${L} residues with ${segments.length} motif segment(s)${interactive ? '; focus a segment and use the arrow keys to move it' : ''}`}
        style={{ position: 'relative', height: 40, background: '#f3f3f3', border: '1px solid #ccc', borderRadius: 4 }}
        onPointerMove={interactive ? onPointerMove : undefined}
        onPointerUp={interactive ? onPointerUp : undefined}
        onPointerCancel={interactive ? onPointerCancel : undefined}
      >
        {jitter > 0 &&
          segments.map((seg, i) => {
            const from = Math.max(0, shown[i] - jitter);
            const to = Math.min(L, shown[i] + seg.length + jitter);
            return <div key={`jitter-${i}`} aria-hidden="true" style={{ position: 'absolute', left: pct(from, L), width: pct(to - from, L), top: 4, bottom: 4, background: 'rgba(0, 0, 0, 0.1)', borderRadius: 3 }} />;
          })}
        {segments.map((seg, i) =>
          interactive ? (
            <div
              key={i}
              role="slider"
              tabIndex={0}
              aria-label={`Start of motif segment ${i + 1} (${seg})`}
              aria-valuemin={1}
              aria-valuemax={L - seg.length + 1}
              aria-valuenow={shown[i] + 1}
              aria-valuetext={describe(i)}
              title={describe(i)}
              data-testid={`motif-segment-${i + 1}`}
              style={block(i)}
              onPointerDown={onPointerDown(i)}
              onKeyDown={onKeyDown(i)}
            >
              {seg}
            </div>
          ) : (
            <div key={i} title={describe(i)} data-testid={`motif-segment-${i + 1}`} style={block(i)}>
              <span className="sr-only">{describe(i)}</span>
              <span aria-hidden="true">{seg}</span>
            </div>
          ),
        )}
      </div>
      <div aria-hidden="true" style={{ position: 'relative', height: 16, fontSize: 11, color: '#555' }}>
        {ticks(L).map((t) => (
          <span key={t} style={{ position: 'absolute', left: pct(t - 0.5, L), transform: 'translateX(-50%)' }}>
            {t}
          </span>
        ))}
      </div>
      {message && (
        <p role="status" className="caption" data-testid="motif-track-message">
          {message}
        </p>
      )}
    </div>
  );
}

/** Which residues of a sample are motif: its segments at the sample's own starts (0-based, "50,81"). */
export function motifPositions(sequence: string, segments: readonly string[], starts: string): boolean[] {
  const mask = new Array<boolean>(sequence.length).fill(false);
  const at = starts.split(',').map(Number);
  segments.forEach((seg, k) => {
    for (let j = 0; j < seg.length; j++) mask[at[k] + j] = true;
  });
  return mask;
}
