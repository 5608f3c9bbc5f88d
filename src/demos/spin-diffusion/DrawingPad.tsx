// The canvas the third prompt's shape is drawn on: strokes follow the pointer and are committed as
// the `drawing` parameter when the pointer lifts. A stroke that leaves the canvas is dropped with a
// message; the buttons (keyboard-operable) undo, clear or restore the default star.

import { useState, type PointerEvent } from 'react';
import { CANVAS_HALF, type Point } from './shapes';
import { decodeDrawing, drawingProblem, encodeDrawing, starStrokes } from './drawing';
import { OKABE_ITO } from '../../ui/palette';

const SIZE = 220;
const toData = (px: number, py: number): Point => [((px / SIZE) * 2 - 1) * CANVAS_HALF, (1 - (py / SIZE) * 2) * CANVAS_HALF];
const toScreen = ([x, y]: Point): [number, number] => [((x / CANVAS_HALF + 1) / 2) * SIZE, ((1 - y / CANVAS_HALF) / 2) * SIZE];
const pathOf = (stroke: readonly Point[]) => stroke.map((p, i) => `${i === 0 ? 'M' : 'L'}${toScreen(p).map((v) => v.toFixed(1)).join(',')}`).join(' ');

export function DrawingPad({ drawing, onCommit }: { drawing: string; onCommit?: (encoded: string) => string | null }) {
  const [live, setLive] = useState<Point[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const strokes = drawingProblem(drawing) === null ? decodeDrawing(drawing) : [];
  const commit = (next: Point[][]) => {
    const encoded = encodeDrawing(next);
    if (encoded === null) return setMessage('A point lies off the canvas: draw inside the box.');
    setMessage(onCommit?.(encoded) ?? null);
  };
  const at = (e: PointerEvent<SVGSVGElement>): Point => {
    const box = e.currentTarget.getBoundingClientRect();
    return toData(((e.clientX - box.left) / box.width) * SIZE, ((e.clientY - box.top) / box.height) * SIZE);
  };
  const inside = ([x, y]: Point) => Math.abs(x) <= CANVAS_HALF && Math.abs(y) <= CANVAS_HALF;
  const down = (e: PointerEvent<SVGSVGElement>) => {
    if (!onCommit) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    setMessage(null);
    setLive([at(e)]);
  };
  const move = (e: PointerEvent<SVGSVGElement>) => {
    if (!live) return;
    const p = at(e);
    if (!inside(p)) {
      setLive(null);
      setMessage('The stroke left the canvas and was dropped: draw inside the box.');
      return;
    }
    const last = live[live.length - 1];
    if (Math.hypot(p[0] - last[0], p[1] - last[1]) >= 0.12) setLive([...live, p]);
  };
  const up = (e: PointerEvent<SVGSVGElement>) => {
    if (!live) return;
    const stroke = [...live, at(e)].filter(inside);
    setLive(null);
    commit([...strokes, stroke]);
  };
  return (
    <div className="drawing-pad">
      <svg
        width={SIZE}
        height={SIZE}
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-label={`Drawing canvas for the third shape: ${strokes.length} stroke${strokes.length === 1 ? '' : 's'}`}
        data-testid="drawing-canvas"
        style={{ border: '1px solid #888', touchAction: 'none', background: '#fafafa', cursor: onCommit ? 'crosshair' : 'default' }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
      >
        {strokes.map((s, i) => (
          <path key={i} d={pathOf(s)} fill="none" stroke={OKABE_ITO.blue} strokeWidth={3} strokeLinecap="round" />
        ))}
        {live && <path d={pathOf(live)} fill="none" stroke={OKABE_ITO.vermillion} strokeWidth={2} />}
      </svg>
      {onCommit && (
        <div className="drawing-buttons">
          <button type="button" onClick={() => commit(strokes.slice(0, -1))} disabled={strokes.length === 0}>
            Undo stroke
          </button>
          <button type="button" onClick={() => setMessage(onCommit(''))}>
            Clear
          </button>
          <button type="button" onClick={() => commit(starStrokes())}>
            Star (default)
          </button>
        </div>
      )}
      {message && (
        <p role="alert" className="field-error" data-testid="drawing-message">
          {message}
        </p>
      )}
    </div>
  );
}
