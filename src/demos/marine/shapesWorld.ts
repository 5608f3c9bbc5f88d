// ShapesWorld, the trained tier's data (docs/research/alignment.md §4c, tier 2): 32×32 grey images
// of 1–4 small, noisy shapes from 10 classes with a deliberate co-occurrence bias. The classes come
// in five pairs; a scene picks one or two pairs, draws each pair's first shape and, 85% of the time,
// its partner, and sometimes one more shape from anywhere. A captioner trained on such scenes learns
// that a disc comes with a plus; when the plus is missing it may say it anyway. Both the training
// script (scripts/train-marine.ts) and the page draw their images from here.

import type { RngStream } from '../../lib/rng';

export const SHAPES: readonly string[] = ['disc', 'plus', 'ring', 'cross', 'square', 'bar', 'frame', 'triangle', 'dash', 'diamond'];
export const SHAPE_COUNT = SHAPES.length;
export const IMAGE_SIZE = 32;
/** Pairs (2k, 2k + 1): the partner of a shape. */
export const partnerOf = (shape: number) => shape ^ 1;

export interface ShapesWorldSettings {
  /** P(a pair's partner is drawn too). */
  partnerRate: number;
  /** P(one more shape from any class). */
  extraRate: number;
  /** Pixel noise σ (shapes have intensity 0.6–1 on a background of 0). */
  noise: number;
}

export const SHAPES_WORLD: ShapesWorldSettings = { partnerRate: 0.85, extraRate: 0.3, noise: 0.45 };

export interface ShapeScene {
  /** Distinct shape classes present, ascending. */
  objects: number[];
  /** The image, row-major, IMAGE_SIZE². */
  pixels: Float32Array;
}

export function drawShapeObjects(settings: ShapesWorldSettings, rng: RngStream): number[] {
  const pairs = 1 + rng.int(2);
  const present = new Set<number>();
  const first = rng.int(SHAPE_COUNT / 2);
  const chosen = pairs === 1 ? [first] : [first, (first + 1 + rng.int(SHAPE_COUNT / 2 - 1)) % (SHAPE_COUNT / 2)];
  for (const pair of chosen) {
    const lead = 2 * pair + rng.int(2);
    present.add(lead);
    if (rng.uniform() < settings.partnerRate) present.add(partnerOf(lead));
  }
  if (rng.uniform() < settings.extraRate && present.size < 4) present.add(rng.int(SHAPE_COUNT));
  return [...present].sort((a, b) => a - b);
}

/** Whether pixel (dx, dy) from a shape's centre, at radius r, is inside the shape. */
function inside(shape: number, dx: number, dy: number, r: number): boolean {
  const [ax, ay, d] = [Math.abs(dx), Math.abs(dy), Math.hypot(dx, dy)];
  switch (SHAPES[shape]) {
    case 'disc':
      return d <= r;
    case 'ring':
      return d <= r && d >= r - 1.6;
    case 'square':
      return ax <= r * 0.8 && ay <= r * 0.8;
    case 'frame':
      return ax <= r * 0.85 && ay <= r * 0.85 && (ax >= r * 0.85 - 1.3 || ay >= r * 0.85 - 1.3);
    case 'plus':
      return (ax <= 0.8 && ay <= r) || (ay <= 0.8 && ax <= r);
    case 'cross':
      return Math.abs(ax - ay) <= 1.1 && ax <= r * 0.8;
    case 'bar':
      return ax <= 0.9 && ay <= r;
    case 'dash':
      return ay <= 0.9 && ax <= r;
    case 'triangle':
      return dy <= r * 0.7 && dy >= -r * 0.9 && ax <= ((dy + r * 0.9) / (1.6 * r)) * r * 0.9;
    case 'diamond':
      return ax + ay <= r;
    default:
      throw new Error(`shapesWorld: no shape ${shape}`);
  }
}

/** Renders the shapes at random places (a coarse grid keeps them apart) with pixel noise. */
export function renderScene(objects: readonly number[], settings: ShapesWorldSettings, rng: RngStream): Float32Array {
  const n = IMAGE_SIZE;
  const pixels = new Float32Array(n * n);
  // four 16×16 cells, one shape per cell, in a random order of cells
  const cells = [0, 1, 2, 3];
  for (let i = 3; i > 0; i--) {
    const j = rng.int(i + 1);
    [cells[i], cells[j]] = [cells[j], cells[i]];
  }
  objects.forEach((shape, k) => {
    const r = 3.5 + 2 * rng.uniform();
    const cx = (cells[k] % 2) * 16 + 8 + (rng.uniform() - 0.5) * (14 - 2 * r);
    const cy = Math.floor(cells[k] / 2) * 16 + 8 + (rng.uniform() - 0.5) * (14 - 2 * r);
    const intensity = 0.6 + 0.4 * rng.uniform();
    for (let y = Math.floor(cy - r - 1); y <= Math.ceil(cy + r + 1); y++)
      for (let x = Math.floor(cx - r - 1); x <= Math.ceil(cx + r + 1); x++)
        if (x >= 0 && y >= 0 && x < n && y < n && inside(shape, x - cx, y - cy, r)) pixels[y * n + x] = intensity;
  });
  for (let i = 0; i < n * n; i++) pixels[i] += settings.noise * rng.normal();
  return pixels;
}

export function drawShapeScene(settings: ShapesWorldSettings, rng: RngStream): ShapeScene {
  const objects = drawShapeObjects(settings, rng.split('objects'));
  return { objects, pixels: renderScene(objects, settings, rng.split('pixels')) };
}
