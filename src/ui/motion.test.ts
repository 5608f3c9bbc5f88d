import { describe, expect, it } from 'vitest';
import { playback, REDUCED_FRAME_MS, REDUCED_FRAMES } from './motion';

describe('a player’s motion', () => {
  it('plays every frame at its pace normally', () => {
    expect(playback(100, 80, false)).toEqual({ stride: 1, ms: 80 });
  });
  it('steps through at most a few frames, a second apart, under reduced motion', () => {
    const { stride, ms } = playback(100, 80, true);
    expect(Math.ceil(100 / stride)).toBeLessThanOrEqual(REDUCED_FRAMES);
    expect(ms).toBe(REDUCED_FRAME_MS);
    expect(playback(4, 2500, true)).toEqual({ stride: 1, ms: 2500 });
  });
});
