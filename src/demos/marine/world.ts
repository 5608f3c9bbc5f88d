// ObjectWorld, the analytic tier's scenes (docs/research/alignment.md §4c): object classes grouped
// in themes, scenes of 1–4 objects drawn mostly from one theme (the co-occurrence bias a language
// prior learns), and the prior itself, counted from a corpus of other scenes' captions.

import type { RngStream } from '../../lib/rng';

/** The object classes, theme by theme; a class's index is its place in this flattened list. */
export const THEMES: readonly { name: string; objects: readonly string[] }[] = [
  { name: 'kitchen', objects: ['fork', 'knife', 'plate', 'cup', 'bowl', 'spoon'] },
  { name: 'street', objects: ['car', 'bus', 'traffic light', 'bicycle', 'stop sign', 'truck'] },
  { name: 'living room', objects: ['sofa', 'tv', 'lamp', 'remote', 'book', 'clock'] },
  { name: 'park', objects: ['dog', 'bench', 'frisbee', 'tree', 'kite', 'ball'] },
];
export const OBJECTS: readonly string[] = THEMES.flatMap((t) => t.objects);
export const OBJECT_COUNT = OBJECTS.length;
export const themeOf = (object: number) => Math.floor(object / THEMES[0].objects.length);

export interface Scene {
  theme: number;
  /** The objects present (distinct class indices, ascending). */
  objects: number[];
}

/** Objects per scene: 1 to this many, uniform. */
export const MAX_OBJECTS = 4;

/** One scene: a theme, then each object from the theme with probability `themeStrength`, else from any class. */
export function drawScene(themeStrength: number, rng: RngStream): Scene {
  const theme = rng.int(THEMES.length);
  const count = 1 + rng.int(MAX_OBJECTS);
  const present = new Set<number>();
  const perTheme = THEMES[theme].objects.length;
  while (present.size < count) present.add(rng.uniform() < themeStrength ? theme * perTheme + rng.int(perTheme) : rng.int(OBJECT_COUNT));
  return { theme, objects: [...present].sort((a, b) => a - b) };
}

/**
 * The language prior: log P(next object | objects mentioned so far), from co-occurrence counts over a
 * corpus of scenes with add-`smoothing` (Dirichlet) smoothing. Before any mention it is the objects'
 * marginal frequency. This is what a captioner trained on such captions "knows" without looking.
 */
export interface LanguagePrior {
  /** counts[k·O + j]: corpus scenes holding both k and j (j ≠ k); the diagonal holds k's own count. */
  counts: Float64Array;
  smoothing: number;
}

export function countPrior(corpus: readonly Scene[], smoothing = 1): LanguagePrior {
  const counts = new Float64Array(OBJECT_COUNT * OBJECT_COUNT);
  for (const scene of corpus) for (const k of scene.objects) for (const j of scene.objects) counts[k * OBJECT_COUNT + j] += 1;
  return { counts, smoothing };
}

/** log P(j | mentioned) for every class j, into `out`. Mentions repeat; each repeat counts again. */
export function priorLogProbs(prior: LanguagePrior, mentioned: readonly number[], out: Float64Array): Float64Array {
  const { counts, smoothing } = prior;
  const O = OBJECT_COUNT;
  let total = 0;
  for (let j = 0; j < O; j++) {
    let c = smoothing;
    if (mentioned.length === 0) c += counts[j * O + j];
    else for (const k of mentioned) if (k !== j) c += counts[k * O + j];
    out[j] = c;
    total += c;
  }
  for (let j = 0; j < O; j++) out[j] = Math.log(out[j] / total);
  return out;
}
