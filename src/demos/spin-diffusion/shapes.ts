// The 2-D data of the demo and how samples are scored against it. Every shape is a Gaussian
// mixture over a "skeleton" of points (the 8 centres of the ring, or points every σ/2 along a
// curve), all with the same isotropic σ: the data is drawn from exactly this mixture, so the true
// log-density of a generated point (the demo's "reward", its stand-in for PickScore) is exact.
// Each skeleton point belongs to one of MODES_PER_SHAPE modes: the ring's centres, or equal-length
// pieces of a curve, for coverage.

import type { RngStream } from '../../lib/rng';

export type Point = readonly [number, number];
export const PROMPTS = ['ring', 'moons', 'drawing'] as const;
export type Prompt = (typeof PROMPTS)[number];

/** Modes per shape: the ring's 8 Gaussians; a curve is cut into 8 pieces of equal length. */
export const MODES_PER_SHAPE = 8;
/** The drawing canvas spans [−CANVAS_HALF, CANVAS_HALF]² in data units. */
export const CANVAS_HALF = 2.5;
/** Precision counts a point within this many σ of the skeleton (docs/ALIGNMENT.md §5.7: 3σ). */
export const PRECISION_SIGMAS = 3;
/** A mode is kept when it holds at least this share of what the data gives it. */
export const MODE_KEPT_SHARE = 0.25;

export interface Shape {
  prompt: Prompt;
  sigma: number;
  /** Skeleton points, flat [x0, y0, x1, y1, …], each of equal weight. */
  centres: Float64Array;
  /** The mode of each skeleton point (0 … MODES_PER_SHAPE − 1). */
  modeOf: Int32Array;
  /** Share of the data in each mode. */
  modeShare: number[];
}

/** The research notes' ring: 8 Gaussians at radius 2 (docs/research/alignment.md §2c). */
function ringCentres(): Point[] {
  return Array.from({ length: 8 }, (_, k) => [2 * Math.cos((k * Math.PI) / 4), 2 * Math.sin((k * Math.PI) / 4)] as const);
}

/** Two interleaved half-circles of radius 1.5 (the usual two-moons layout, centred on the origin). */
export function moonsStrokes(): Point[][] {
  const steps = 64;
  const upper: Point[] = [];
  const lower: Point[] = [];
  for (let i = 0; i <= steps; i++) {
    const a = (Math.PI * i) / steps;
    upper.push([1.5 * (Math.cos(a) - 0.5), 1.5 * (Math.sin(a) - 0.25)]);
    lower.push([1.5 * (0.5 - Math.cos(a)), 1.5 * (0.25 - Math.sin(a))]);
  }
  return [upper, lower];
}

const segmentLength = (a: Point, b: Point) => Math.hypot(b[0] - a[0], b[1] - a[1]);

/** Points every `spacing` (or closer) along the strokes, with the arc length at each. */
function resample(strokes: readonly (readonly Point[])[], spacing: number): { points: Point[]; arc: number[]; total: number } {
  const points: Point[] = [];
  const arc: number[] = [];
  let total = 0;
  for (const stroke of strokes) {
    for (let i = 1; i < stroke.length; i++) {
      const [a, b] = [stroke[i - 1], stroke[i]];
      const length = segmentLength(a, b);
      const pieces = Math.max(1, Math.ceil(length / spacing));
      for (let j = i === 1 ? 0 : 1; j <= pieces; j++) {
        const f = j / pieces;
        points.push([a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])]);
        arc.push(total + f * length);
      }
      total += length;
    }
  }
  return { points, arc, total };
}

function shapeFrom(prompt: Prompt, points: readonly Point[], modeOf: readonly number[], sigma: number): Shape {
  const centres = new Float64Array(points.length * 2);
  points.forEach(([x, y], i) => {
    centres[2 * i] = x;
    centres[2 * i + 1] = y;
  });
  const modeShare = new Array<number>(MODES_PER_SHAPE).fill(0);
  for (const m of modeOf) modeShare[m] += 1 / modeOf.length;
  return { prompt, sigma, centres, modeOf: Int32Array.from(modeOf), modeShare };
}

/** A shape from strokes: skeleton points every σ/2 (so the mixture is a smooth tube), cut into equal-length modes. */
export function curveShape(prompt: Prompt, strokes: readonly (readonly Point[])[], sigma: number): Shape {
  const { points, arc, total } = resample(strokes, sigma / 2);
  const modeOf = arc.map((s) => Math.min(MODES_PER_SHAPE - 1, Math.floor((s / total) * MODES_PER_SHAPE)));
  return shapeFrom(prompt, points, modeOf, sigma);
}

export function makeShape(prompt: Prompt, sigma: number, drawing: readonly (readonly Point[])[]): Shape {
  if (prompt === 'ring') {
    const centres = ringCentres();
    return shapeFrom(prompt, centres, centres.map((_, k) => k), sigma);
  }
  return curveShape(prompt, prompt === 'moons' ? moonsStrokes() : drawing, sigma);
}

/** `count` points from the shape's mixture, flat [x, y, …]. */
export function sampleShape(shape: Shape, count: number, rng: RngStream): Float32Array {
  const out = new Float32Array(count * 2);
  const n = shape.modeOf.length;
  for (let i = 0; i < count; i++) {
    const c = rng.int(n);
    out[2 * i] = shape.centres[2 * c] + shape.sigma * rng.normal();
    out[2 * i + 1] = shape.centres[2 * c + 1] + shape.sigma * rng.normal();
  }
  return out;
}

/** log p(x, y) under the shape's mixture (log-sum-exp over the skeleton). */
export function logDensity(shape: Shape, x: number, y: number): number {
  const { centres, sigma } = shape;
  const n = shape.modeOf.length;
  const inv = 1 / (2 * sigma * sigma);
  let best = -Infinity;
  const exps = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const dx = x - centres[2 * c];
    const dy = y - centres[2 * c + 1];
    exps[c] = -(dx * dx + dy * dy) * inv;
    if (exps[c] > best) best = exps[c];
  }
  let sum = 0;
  for (let c = 0; c < n; c++) sum += Math.exp(exps[c] - best);
  return best + Math.log(sum / n) - Math.log(2 * Math.PI * sigma * sigma);
}

/** The nearest skeleton point's index and squared distance. */
function nearest(shape: Shape, x: number, y: number): { index: number; d2: number } {
  let index = 0;
  let d2 = Infinity;
  for (let c = 0; c < shape.modeOf.length; c++) {
    const dx = x - shape.centres[2 * c];
    const dy = y - shape.centres[2 * c + 1];
    const d = dx * dx + dy * dy;
    if (d < d2) [index, d2] = [c, d];
  }
  return { index, d2 };
}

export interface SampleScores {
  /** Mean true log-density (the "reward"). */
  logDensity: number;
  /** Share within PRECISION_SIGMAS·σ of the skeleton. */
  precision: number;
  /** Modes holding at least MODE_KEPT_SHARE of their data share. */
  modesKept: number;
  /** RMS distance to the skeleton of the points within PRECISION_SIGMAS·σ: how wide the modes are. */
  inModeSpread: number;
}

/** Per-point log-densities, for win-rates. */
export function logDensities(shape: Shape, points: Float32Array): Float64Array {
  const out = new Float64Array(points.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = logDensity(shape, points[2 * i], points[2 * i + 1]);
  return out;
}

export function scoreSamples(shape: Shape, points: Float32Array): SampleScores {
  const count = points.length / 2;
  const radius2 = (PRECISION_SIGMAS * shape.sigma) ** 2;
  const perMode = new Array<number>(MODES_PER_SHAPE).fill(0);
  let inside = 0;
  let spread2 = 0;
  let density = 0;
  for (let i = 0; i < count; i++) {
    const [x, y] = [points[2 * i], points[2 * i + 1]];
    density += logDensity(shape, x, y);
    const { index, d2 } = nearest(shape, x, y);
    if (d2 <= radius2) {
      inside++;
      spread2 += d2;
      perMode[shape.modeOf[index]]++;
    }
  }
  const modesKept = perMode.filter((n, m) => shape.modeShare[m] > 0 && n / count >= MODE_KEPT_SHARE * shape.modeShare[m]).length;
  return { logDensity: density / count, precision: inside / count, modesKept, inModeSpread: inside > 0 ? Math.sqrt(spread2 / inside) : 0 };
}

/** Modes the shape has (a drawing shorter than 8 skeleton points has fewer). */
export const modeCount = (shape: Shape): number => shape.modeShare.filter((s) => s > 0).length;

/** Share of pairs (same index) where `a`'s point has the higher true log-density; ties count half. */
export function winRate(a: Float64Array, b: Float64Array): number {
  let wins = 0;
  for (let i = 0; i < a.length; i++) wins += a[i] > b[i] ? 1 : a[i] === b[i] ? 0.5 : 0;
  return wins / a.length;
}
