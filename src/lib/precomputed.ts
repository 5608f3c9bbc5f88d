// The first screen of a demo is its default run, made ahead of time by the same code
// (`npm run precompute`, scripts/precompute.ts) and shipped as public/precomputed/<slug>.json; the
// gallery's cards draw from public/precomputed/gallery.json, extracted from those files.

import type { DemoMeta } from './demo';
import type { Claim, DemoResults, SeriesMap } from './results';

export const PRECOMPUTED_FORMAT = 'webgpu-ml-playground/precomputed';
export const PRECOMPUTED_STEPS_FORMAT = 'webgpu-ml-playground/precomputed-steps';
export const GALLERY_FORMAT = 'webgpu-ml-playground/gallery';

export interface PrecomputedProvenance {
  /** ISO date and time the run was made. */
  createdAt: string;
  /** Hash of the code and data the run depends on (scripts/codeVersion.ts): a test fails when they change. */
  codeVersion: string;
  /** The browser and compute path it ran on, in words. */
  machine: string;
}

export interface PrecomputedFile<R = DemoResults> {
  format: typeof PRECOMPUTED_FORMAT;
  version: 1;
  slug: string;
  provenance: PrecomputedProvenance;
  results: R;
}

/**
 * The tutorial's runs, made ahead of time as the default run is (public/precomputed/<slug>.steps.json):
 * one per distinct step configuration other than the defaults, fetched when the tutorial starts, so
 * that each step shows its results at once while its live run computes.
 */
export interface PrecomputedStepsFile<R = DemoResults> {
  format: typeof PRECOMPUTED_STEPS_FORMAT;
  version: 1;
  slug: string;
  provenance: PrecomputedProvenance;
  steps: R[];
}

/** Parameters as a key: equal for the same values whatever the order of the fields. */
const paramsKey = (params: object): string => JSON.stringify(Object.entries(params).sort(([a], [b]) => a.localeCompare(b)));

/**
 * The configurations a tutorial runs, as the page sets them (the defaults, then the step's own
 * parameters), each once, leaving out the defaults' own (the first screen's file has it).
 */
export function tutorialRuns<P extends object>(defaultValues: P, steps: readonly { params: Partial<P> }[]): P[] {
  const seen = new Set([paramsKey(defaultValues)]);
  const out: P[] = [];
  for (const step of steps) {
    const params = { ...defaultValues, ...step.params };
    const key = paramsKey(params);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(params);
  }
  return out;
}

export interface GalleryLine {
  label: string;
  points: [number, number][];
}

export interface GalleryCard {
  slug: string;
  createdAt: string;
  title: string;
  xLabel: string;
  yLabel: string;
  logX: boolean;
  logY: boolean;
  lines: GalleryLine[];
  paperClaims: Pick<Claim, 'id' | 'statement' | 'passed'>[];
}

export interface GalleryFile {
  format: typeof GALLERY_FORMAT;
  version: 1;
  cards: GalleryCard[];
}

function fail(what: string, problem: string): never {
  throw new Error(`${what}: ${problem}`);
}

/** Checks the shape of a precomputed file for `slug` (a stale or foreign file is named, not shown). */
export function checkPrecomputed(json: unknown, slug: string, what = `precomputed/${slug}.json`): PrecomputedFile {
  const file = json as Partial<PrecomputedFile> | null;
  if (!file || file.format !== PRECOMPUTED_FORMAT) fail(what, `not a precomputed-run file (format ${String(file?.format)})`);
  if (file.version !== 1) fail(what, `version ${String(file.version)} is not 1`);
  if (file.slug !== slug || file.results?.slug !== slug) fail(what, `holds the run of "${String(file.slug)}", not "${slug}"`);
  const p = file.provenance;
  if (!p || typeof p.createdAt !== 'string' || typeof p.codeVersion !== 'string' || typeof p.machine !== 'string') fail(what, 'has no provenance (date, code version, machine)');
  if (!Array.isArray(file.results.claims) || typeof file.results.params !== 'object') fail(what, 'has no results');
  return file as PrecomputedFile;
}

/** Checks the shape of a tutorial's precomputed runs for `slug`. */
export function checkPrecomputedSteps(json: unknown, slug: string, what = `precomputed/${slug}.steps.json`): PrecomputedStepsFile {
  const file = json as Partial<PrecomputedStepsFile> | null;
  if (!file || file.format !== PRECOMPUTED_STEPS_FORMAT) fail(what, `not a tutorial-runs file (format ${String(file?.format)})`);
  if (file.version !== 1) fail(what, `version ${String(file.version)} is not 1`);
  if (file.slug !== slug || !Array.isArray(file.steps) || file.steps.some((r) => r?.slug !== slug)) fail(what, `does not hold the tutorial runs of "${slug}"`);
  const p = file.provenance;
  if (!p || typeof p.createdAt !== 'string' || typeof p.codeVersion !== 'string' || typeof p.machine !== 'string') fail(what, 'has no provenance (date, code version, machine)');
  return file as PrecomputedStepsFile;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The gallery card of a ready demo: its headline chart's lines and its paper claims, from its precomputed run. */
export function galleryCard(meta: DemoMeta, file: PrecomputedFile): GalleryCard {
  const headline = meta.headline;
  if (!headline) fail(meta.slug, 'a ready demo needs a headline chart in its meta.ts');
  const rows = (file.results.series as SeriesMap)[headline.series];
  if (!rows || rows.length === 0) fail(meta.slug, `its precomputed run has no "${headline.series}" series for the headline chart`);
  const usable = (v: unknown, log: boolean | undefined): v is number => finite(v) && (!log || v > 0);
  const lines = headline.lines.map(({ key, label }) => ({
    label,
    points: rows.flatMap((row): [number, number][] => {
      const x = row[headline.x];
      const y = row[key];
      return usable(x, headline.logX) && usable(y, headline.logY) ? [[x, y]] : [];
    }),
  }));
  if (lines.every((l) => l.points.length === 0)) fail(meta.slug, `the headline chart's columns (${headline.x}; ${headline.lines.map((l) => l.key).join(', ')}) hold no plottable numbers`);
  return {
    slug: meta.slug,
    createdAt: file.provenance.createdAt,
    title: headline.title,
    xLabel: headline.xLabel,
    yLabel: headline.yLabel,
    logX: headline.logX ?? false,
    logY: headline.logY ?? false,
    lines,
    paperClaims: file.results.claims.filter((c) => c.kind === 'paper').map(({ id, statement, passed }) => ({ id, statement, passed })),
  };
}

export function galleryFile(cards: GalleryCard[]): GalleryFile {
  return { format: GALLERY_FORMAT, version: 1, cards };
}

/**
 * JSON has no NaN or ±Infinity (JSON.stringify writes null), but a run's results may hold them (the
 * interval of one replicate is NaN wide): the precomputed files write each as {"nonFinite": "NaN"},
 * and reading turns it back, so that a shipped run is the very object the live run returns.
 */
export function encodeResultsJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { nonFinite: String(v) } : v));
}

export function decodeResultsJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const marker = (v as { nonFinite?: unknown }).nonFinite;
      if (keys.length === 1 && (marker === 'NaN' || marker === 'Infinity' || marker === '-Infinity')) return Number(marker);
    }
    return v;
  });
}

/** Reads a JSON file served beside the app (a precomputed one, as decodeResultsJson reads it); null when it is not there (a build without precomputed runs). */
export async function fetchJson(url: string): Promise<unknown | null> {
  const response = await fetch(url);
  // a static host answers 404; a dev or preview server may answer with the app's index.html
  if (response.status === 404 || !(response.headers.get('content-type') ?? '').includes('json')) return null;
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return decodeResultsJson(await response.text());
}

/** A demo's shipped default run from the app's `base` URL, checked; null where the build has none. */
export async function fetchPrecomputed(base: string, slug: string): Promise<PrecomputedFile | null> {
  const json = await fetchJson(`${base}precomputed/${slug}.json`);
  return json === null ? null : checkPrecomputed(json, slug);
}

/** A demo's shipped tutorial runs from the app's `base` URL, checked; null where the build has none. */
export async function fetchPrecomputedSteps(base: string, slug: string): Promise<PrecomputedStepsFile | null> {
  const json = await fetchJson(`${base}precomputed/${slug}.steps.json`);
  return json === null ? null : checkPrecomputedSteps(json, slug);
}
