import { describe, expect, it } from 'vitest';
import { RngStream } from '../../lib/rng';
import { drawShapeObjects, drawShapeScene, IMAGE_SIZE, partnerOf, SHAPE_COUNT, SHAPES_WORLD } from './shapesWorld';

describe('ShapesWorld', () => {
  const rng = RngStream.fromSeed(8);
  const scenes = Array.from({ length: 4000 }, (_, i) => drawShapeObjects(SHAPES_WORLD, rng.split(i)));
  it('draws 1–4 distinct shapes, a shape’s partner with it about 85% of the time or more', () => {
    expect(scenes.every((s) => s.length >= 1 && s.length <= 4 && new Set(s).size === s.length && s.every((o) => o >= 0 && o < SHAPE_COUNT))).toBe(true);
    const withPartner = scenes.flatMap((s) => s.map((o) => s.includes(partnerOf(o))));
    const share = withPartner.filter(Boolean).length / withPartner.length;
    // a lead's partner at 0.85, plus partners drawn as extras; a lone partner-less extra pulls it down
    expect(share).toBeGreaterThan(0.75);
    expect(share).toBeLessThan(0.92);
  });
  it('renders each shape as brighter pixels over zero-mean noise', () => {
    const scene = drawShapeScene(SHAPES_WORLD, rng.split('image'));
    expect(scene.pixels).toHaveLength(IMAGE_SIZE * IMAGE_SIZE);
    const clean = drawShapeScene({ ...SHAPES_WORLD, noise: 0 }, rng.split('image'));
    expect(clean.objects).toEqual(scene.objects);
    const lit = Array.from(clean.pixels).filter((v) => v > 0).length;
    expect(lit).toBeGreaterThan(10 * clean.objects.length);
    expect(Array.from(clean.pixels).every((v) => v === 0 || (v >= 0.6 && v <= 1))).toBe(true);
  });
});
