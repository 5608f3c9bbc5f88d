import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CVD_MIN_DELTA_E, NEUTRAL, OKABE_ITO, SERIES, tint } from './palette';

// Machado, Oliveira & Fernandes (2009), severity 1: linear-RGB matrices simulating each dichromacy.
const SIMULATIONS: Record<string, number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const linear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** sRGB hex → linear RGB → (simulated) → CIELAB (D65). */
function lab(hex: string, simulate?: number[][]): [number, number, number] {
  let rgb = [0, 1, 2].map((i) => linear(Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255));
  if (simulate) rgb = simulate.map((row) => Math.min(1, Math.max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2])));
  const [r, g, b] = rgb;
  const xyz = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const [fx, fy, fz] = xyz.map(f);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const deltaE = (a: string, b: string, simulate?: number[][]): number => Math.hypot(...lab(a, simulate).map((v, i) => v - lab(b, simulate)[i]));

function closestPair(colours: readonly string[], simulate?: number[][]): { a: string; b: string; d: number } {
  let best = { a: '', b: '', d: Infinity };
  colours.forEach((a, i) => colours.slice(i + 1).forEach((b) => (deltaE(a, b, simulate) < best.d ? (best = { a, b, d: deltaE(a, b, simulate) }) : null)));
  return best;
}

describe('the chart palette', () => {
  it.each(['typical vision', ...Object.keys(SIMULATIONS)])('keeps every two series colours apart under %s', (vision) => {
    const { a, b, d } = closestPair(SERIES, SIMULATIONS[vision]);
    expect(d, `${a} and ${b}`).toBeGreaterThanOrEqual(CVD_MIN_DELTA_E);
  });

  it('is a test that fails for the palette it replaced (Tableau 10: green and red merge for deuteranopes)', () => {
    const tableau = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
    expect(closestPair(tableau, SIMULATIONS.deuteranopia).d).toBeLessThan(CVD_MIN_DELTA_E);
    expect(closestPair(tableau, SIMULATIONS.protanopia).d).toBeLessThan(CVD_MIN_DELTA_E);
  });

  it('mixes with white', () => {
    expect(tint(OKABE_ITO.black, 0)).toBe('#000000');
    expect(tint(OKABE_ITO.blue, 1)).toBe('#ffffff');
    expect(tint('#204060', 0.5)).toBe('#90a0b0');
    expect(NEUTRAL).toMatch(/^#(..)\1\1$/);
  });
});

/** The app's source files under `dir` (tests left out). */
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path))
    .map((path) => join(dir, path));

/** A hex colour whose red, green and blue are equal (#333, #f3f3f3): it tells nothing apart by hue. */
const isGrey = (hex: string): boolean => {
  const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join('') : hex.slice(1);
  return h.slice(0, 2) === h.slice(2, 4) && h.slice(2, 4) === h.slice(4, 6);
};

describe('the app’s colours', () => {
  it('come from the palette: no hue written anywhere else in src/', () => {
    const stray = sourceFiles('src')
      .filter((f) => !f.endsWith(join('ui', 'palette.ts')))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/['"`\s:(]#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b/g)].map((m) => ({ f, hex: `#${m[1]}` })))
      .filter(({ hex }) => !isGrey(hex))
      .map(({ f, hex }) => `${f}: ${hex}`);
    expect(stray).toEqual([]);
  });
});
