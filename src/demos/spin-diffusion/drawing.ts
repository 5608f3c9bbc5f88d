// The user's drawing in the URL, compactly: strokes separated by ".", each point two characters of
// the URL-safe base-64 alphabet (x then y on a 64 × 64 grid over the canvas). A point off the
// canvas cannot be written, so a drawing that leaves it is refused with its position named.

import { CANVAS_HALF, type Point } from './shapes';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const GRID = ALPHABET.length;
/** At most this many points in all (the URL stays short). */
export const MAX_DRAWING_POINTS = 160;

/** Data units of a grid index, and back (clamped to the canvas). */
export const gridToData = (i: number): number => -CANVAS_HALF + (2 * CANVAS_HALF * i) / (GRID - 1);
export const dataToGrid = (v: number): number => Math.round(((v + CANVAS_HALF) / (2 * CANVAS_HALF)) * (GRID - 1));
export const onCanvas = ([x, y]: Point): boolean => Math.abs(x) <= CANVAS_HALF && Math.abs(y) <= CANVAS_HALF;

/** The problem with an encoded drawing in words, or null. */
export function drawingProblem(text: string): string | null {
  if (text === '') return 'is empty: draw at least one stroke on the canvas';
  const strokes = text.split('.');
  let points = 0;
  for (const [k, stroke] of strokes.entries()) {
    for (const [i, ch] of [...stroke].entries()) {
      if (!ALPHABET.includes(ch)) return `has "${ch}" in stroke ${k + 1} (character ${i + 1}), which is not a canvas coordinate: the drawing must stay on the canvas`;
    }
    if (stroke.length % 2 === 1) return `stroke ${k + 1} has an odd number of characters (each point is two)`;
    if (stroke.length < 4) return `stroke ${k + 1} has ${stroke.length / 2} point${stroke.length === 2 ? '' : 's'}: a stroke needs at least two`;
    points += stroke.length / 2;
  }
  if (points > MAX_DRAWING_POINTS) return `has ${points} points, at most ${MAX_DRAWING_POINTS}`;
  const decoded = decodeDrawing(text);
  if (decoded.every((s) => s.every((p) => p[0] === s[0][0] && p[1] === s[0][1]))) return 'has no length: every stroke stays on one spot';
  return null;
}

/** Strokes in data units (the text must pass drawingProblem). */
export function decodeDrawing(text: string): Point[][] {
  return text.split('.').map((stroke) => {
    const points: Point[] = [];
    for (let i = 0; i + 1 < stroke.length; i += 2) points.push([gridToData(ALPHABET.indexOf(stroke[i])), gridToData(ALPHABET.indexOf(stroke[i + 1]))]);
    return points;
  });
}

/** Strokes in data units to text; points off the canvas are refused (null), consecutive repeats dropped. */
export function encodeDrawing(strokes: readonly (readonly Point[])[]): string | null {
  if (strokes.some((s) => s.some((p) => !onCanvas(p)))) return null;
  return strokes
    .map((stroke) => {
      let out = '';
      let last = '';
      for (const [x, y] of stroke) {
        const cell = ALPHABET[dataToGrid(x)] + ALPHABET[dataToGrid(y)];
        if (cell !== last) out += cell;
        last = cell;
      }
      return out;
    })
    .join('.');
}

/** A five-pointed star, closed: the default drawing. */
export function starStrokes(): Point[][] {
  const star: Point[] = [];
  for (let k = 0; k <= 10; k++) {
    const r = k % 2 === 0 ? 2 : 0.85;
    const a = Math.PI / 2 + (k * Math.PI) / 5;
    star.push([r * Math.cos(a), r * Math.sin(a)]);
  }
  return [star];
}
