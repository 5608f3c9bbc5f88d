import { describe, expect, it } from 'vitest';
import { decodeDrawing, drawingProblem, encodeDrawing, MAX_DRAWING_POINTS, starStrokes } from './drawing';

describe('the drawing in the URL', () => {
  it('round-trips strokes through the grid, to within half a cell', () => {
    const text = encodeDrawing(starStrokes())!;
    expect(drawingProblem(text)).toBeNull();
    const back = decodeDrawing(text)[0];
    starStrokes()[0].forEach(([x, y], i) => {
      expect(Math.abs(back[i][0] - x)).toBeLessThan(0.05);
      expect(Math.abs(back[i][1] - y)).toBeLessThan(0.05);
    });
    expect(decodeDrawing(encodeDrawing([[[0, 0], [1, 1]], [[-1, 2], [2, -1], [0, 0]]])!)).toHaveLength(2);
  });

  it('refuses a drawing off the canvas when encoding', () => {
    expect(encodeDrawing([[[0, 0], [2.6, 0]]])).toBeNull();
  });

  it('names what is wrong with a bad drawing', () => {
    expect(drawingProblem('')).toMatch(/empty/);
    expect(drawingProblem('AB')).toMatch(/stroke 1 has 1 point: a stroke needs at least two/);
    expect(drawingProblem('ABCD.E')).toMatch(/stroke 2 has an odd number/);
    expect(drawingProblem('AB!D')).toMatch(/"!" in stroke 1 \(character 3\).*must stay on the canvas/);
    expect(drawingProblem('ABAB')).toMatch(/no length/);
    expect(drawingProblem('AB'.repeat(MAX_DRAWING_POINTS) + 'CD')).toMatch(/at most 160/);
  });
});
