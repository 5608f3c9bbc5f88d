// The page's motion under the system's "reduce motion" setting: no CSS animation or transition
// (styles.css), and the demos' players (DNDM, DPLM, SPIN-Diffusion) step through a few frames a
// second apart instead of animating. Nothing on the page moves unless the user presses Play.

/** Whether the user asked for less motion; read at each Play, so a change of the setting applies at the next. */
export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
}

/** Under reduced motion a player shows at most this many frames, this far apart. */
export const REDUCED_FRAMES = 10;
export const REDUCED_FRAME_MS = 1000;

/**
 * How a player moves through `frames` frames shown `frameMs` apart: every `stride`-th frame, `ms`
 * apart. With `reduced`, at most REDUCED_FRAMES frames (a larger stride), at least REDUCED_FRAME_MS apart.
 */
export function playback(frames: number, frameMs: number, reduced = prefersReducedMotion()): { stride: number; ms: number } {
  if (!reduced) return { stride: 1, ms: frameMs };
  return { stride: Math.max(1, Math.ceil(frames / REDUCED_FRAMES)), ms: Math.max(frameMs, REDUCED_FRAME_MS) };
}
