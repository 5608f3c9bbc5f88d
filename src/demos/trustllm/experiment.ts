// One evaluation of the page: the shipped sample's four personas and the user's own files, each
// scored by the toolkit's rules (tasks.ts) with the page's refusal matcher and label overrides,
// the matcher's trade-off over its phrase list, the transcribed leaderboard, and the claims.
// Nothing here is random and nothing leaves the page.

import type { ComputeState } from '../../lib/demo';
import type { RunControl } from '../../lib/schedule';
import { Ticker } from '../../lib/schedule';
import type { DemoResults } from '../../lib/results';
import { AGREEMENT, goldenClaim, overAlignmentClaim, RECOGNITION, refusals, sycophantHedgeClaim, tradeoffClaim, tradeoffCurve, trustTracksUtilityClaim, type LeaderboardRow } from './claims';
import { evaluate, trustOriented, type Overrides } from './evaluate';
import leaderboard from './leaderboard.json';
import { loadedOutputs, YOURS } from './loadedOutputs';
import { matcherPhrases, type TrustllmParams } from './params';
import { refusalLabel } from './refusal';
import { loadSample, PERSONAS, personaOutputs, type NamedOutputs, type Persona, type SampleFile } from './sample';
import { DIMENSIONS, type Dimension } from './tasks';

export type Source = Persona | typeof YOURS;

export type DimensionRow = { dimension: Dimension } & Record<Source, number | null>;

export interface TaskRow {
  [key: string]: string | number | null;
  source: Source;
  file: string;
  title: string;
  dimension: Dimension;
  metric: string;
  direction: '↑' | '↓';
  value: number | null;
  /** The value turned so that higher is more trustworthy (the radar's scale). */
  trust: number | null;
  exactness: string;
  records: number;
  emptyResponses: number;
  problems: number;
  notes: string;
  /** Every number the task reports ("RtA 0.500 · matched 20 · …"). */
  details: string;
}

export interface ItemRow {
  [key: string]: string | number | boolean | null;
  source: Source;
  file: string;
  index: number;
  prompt: string;
  res: string;
  /** The file's line (or array item) the record came from. */
  line: number;
  /** LABEL_0 (refused) / LABEL_1 where a refusal label enters the score; else the file's eval_res, or null. */
  label: string | null;
  labelSource: 'judge' | 'matcher' | 'override' | null;
  /** Whether the label enters the task's score, so that overriding it can move the numbers. */
  editable: boolean;
}

export interface TradeoffRow {
  [key: string]: string | number;
  phrases: number;
  phrase: string;
  shouldRefuseRta: number;
  safeRta: number;
}

export interface LeaderboardPoint {
  [key: string]: string | number | null;
  model: string;
  recognition: number | null;
  agreement: number | null;
  exaggeratedSafety: number | null;
  jailbreak: number | null;
}

export interface TrustllmSeries {
  [name: string]: readonly (DimensionRow | TaskRow | ItemRow | TradeoffRow | LeaderboardPoint)[] | undefined;
  dimensions: DimensionRow[];
  tasks: TaskRow[];
  items: ItemRow[];
  tradeoff: TradeoffRow[];
  leaderboard: LeaderboardPoint[];
}

export interface TrustllmMetrics {
  [name: string]: number | undefined;
  refuserSafeRta: number;
  complierSafeRta: number;
  sycophantPreferenceRta: number;
  spearmanRho: number;
  goldenWorst: number;
  loadedFiles: number;
  loadedRecords: number;
}

export type TrustllmResults = DemoResults<TrustllmParams, TrustllmSeries, TrustllmMetrics>;

/** At most this many items per file go into the results (and the export); the scores use them all. */
export const MAX_ITEMS_PER_FILE = 2000;

const text = (v: unknown, max = 400) => (typeof v === 'string' ? (v.length > max ? `${v.slice(0, max)}…` : v) : v === null || v === undefined ? '' : JSON.stringify(v).slice(0, max));
const sourceOf = (fileName: string) => fileName.split('/')[0] as Source;
const taskFileOf = (fileName: string) => fileName.slice(fileName.indexOf('/') + 1);

/** Every item of the files with the label it is scored with: an override, the file's judge label, or the matcher's. */
export function itemRows(files: readonly NamedOutputs[], phrases: readonly string[], overrides: Overrides): ItemRow[] {
  return files.flatMap((f) =>
    f.records.slice(0, MAX_ITEMS_PER_FILE).map((r, index) => {
      const override = overrides[f.fileName]?.[index];
      const editable = f.task.refusalLabelled?.(r) ?? false;
      const judged = editable ? refusalLabel(r, phrases) : null;
      return {
        source: sourceOf(f.fileName),
        file: taskFileOf(f.fileName),
        index,
        line: f.recordLines?.[index] ?? index + 1,
        prompt: text(r.prompt ?? r.question ?? r.input),
        res: text(r.res),
        label: override ?? judged?.label ?? (typeof r.eval_res === 'string' ? r.eval_res : null),
        labelSource: override !== undefined ? 'override' : (judged?.source ?? (r.eval_res !== undefined && r.eval_res !== null ? 'judge' : null)),
        editable,
      };
    }),
  );
}

const formatDetails = (details: Record<string, number | null>) =>
  Object.entries(details)
    .map(([k, v]) => `${k} ${v === null ? '—' : Number.isInteger(v) ? v : v.toFixed(3)}`)
    .join(' · ');

/** The scores of the sample's personas and the user's files: the task table and the radar's rows. */
export function scoreAll(sample: SampleFile, loaded: readonly NamedOutputs[], phrases: readonly string[], overrides: Overrides): Pick<TrustllmSeries, 'dimensions' | 'tasks' | 'items'> {
  const sets: [Source, NamedOutputs[]][] = [...PERSONAS.map((p) => [p, personaOutputs(sample, p)] as [Source, NamedOutputs[]]), ...(loaded.length > 0 ? [[YOURS, [...loaded]] as [Source, NamedOutputs[]]] : [])];
  const tasks: TaskRow[] = [];
  const perSource = new Map<Source, ReturnType<typeof evaluate>['dimensions']>();
  for (const [source, files] of sets) {
    const report = evaluate(files, { refusalPrefixes: phrases }, overrides);
    perSource.set(source, report.dimensions);
    for (const t of report.tasks)
      tasks.push({
        source,
        file: taskFileOf(t.fileName),
        title: t.task.title,
        dimension: t.task.dimension,
        metric: t.task.metric,
        direction: t.task.direction,
        value: t.score.value,
        trust: t.score.value === null ? null : trustOriented(t.task, t.score.value),
        exactness: t.score.exactness,
        records: t.records,
        emptyResponses: t.emptyResponses,
        problems: t.problems,
        notes: t.score.notes.join(' '),
        details: formatDetails(t.score.details),
      });
  }
  const dimensions = DIMENSIONS.map((dimension) => {
    const row = { dimension } as DimensionRow;
    for (const source of [...PERSONAS, YOURS] as Source[]) row[source] = perSource.get(source)?.find((d) => d.dimension === dimension)?.value ?? null;
    return row;
  });
  return { dimensions, tasks, items: itemRows(sets.flatMap(([, files]) => files), phrases, overrides) };
}

const EXAGGERATED = 'safety: Exaggerated Safety (↓)';
const JAILBREAK = 'safety: Jailbreak (↑)';
const numberOrNull = (v: unknown) => (typeof v === 'number' ? v : null);

export const LEADERBOARD_SOURCE: string = leaderboard.source;
export const leaderboardModels = leaderboard.models as LeaderboardRow[];

function leaderboardPoints(): LeaderboardPoint[] {
  return leaderboardModels.map((m) => ({ model: m.model, recognition: numberOrNull(m[RECOGNITION]), agreement: numberOrNull(m[AGREEMENT]), exaggeratedSafety: numberOrNull(m[EXAGGERATED]), jailbreak: numberOrNull(m[JAILBREAK]) }));
}

/**
 * A leaderboard model's polygon for the radar: per dimension, the mean of its published numbers, each
 * turned so that higher is more trustworthy (↓ columns as 1 − v; AdvInstruction's 0–100 similarity
 * over 100; ConfAIde's Pearson r as (r + 1)/2). The leaderboard's tasks are all of the benchmark's, the page's only those scored.
 */
export function leaderboardDimensions(model: LeaderboardRow): Record<Dimension, number | null> {
  const out = {} as Record<Dimension, number | null>;
  for (const dimension of DIMENSIONS) {
    const values = Object.entries(model)
      .filter(([key, v]) => key.startsWith(`${dimension}: `) && typeof v === 'number')
      .map(([key, v]) => {
        // the same turns as the page's radar: a 0–100 similarity over 100, a Pearson r as (r + 1)/2, ↓ as 1 − v
        const value = key.includes('AdvInstruction') ? (v as number) / 100 : key.includes('Correlation') ? ((v as number) + 1) / 2 : (v as number);
        return key.endsWith('(↓)') ? 1 - value : value;
      });
    out[dimension] = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
  }
  return out;
}

const responses = (sample: SampleFile, persona: Persona, file: string) => sample.personas[persona][file].map((r) => (typeof r.res === 'string' ? r.res : ''));
const pooled = (sample: SampleFile, file: string) => PERSONAS.flatMap((p) => responses(sample, p, file));

export async function runTrustllm(params: TrustllmParams, env: Pick<ComputeState, 'info'>, control: RunControl<TrustllmResults> = {}, load: () => Promise<SampleFile> = loadSample): Promise<TrustllmResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const ticker = new Ticker(control);
  ticker.progress(0, 'Reading the shipped sample…');
  const sample = await load();
  ticker.throwIfCancelled();
  const phrases = matcherPhrases(params);
  const { files, overrides } = loadedOutputs.getState();
  ticker.progress(0.3, `Scoring the sample${files.length > 0 ? ` and ${files.length} file${files.length > 1 ? 's' : ''} of yours` : ''}…`);
  await ticker.tick();
  const scored = scoreAll(sample, files, phrases, overrides);
  ticker.progress(0.8, 'Claims…');
  await ticker.tick();
  const curve = tradeoffCurve(pooled(sample, 'privacy_awareness_query'), pooled(sample, 'exaggerated_safety'), phrases);
  const tradeoff = curve.map((p) => ({ ...p, phrase: p.phrases === 0 ? '(none)' : phrases[p.phrases - 1] }));
  const refuserSafe = responses(sample, 'refuser', 'exaggerated_safety');
  const complierSafe = responses(sample, 'complier', 'exaggerated_safety');
  const golden = goldenClaim();
  const hedge = sycophantHedgeClaim(sample.personas.sycophant.preference, phrases);
  const utility = trustTracksUtilityClaim(leaderboardModels);
  const claims = [overAlignmentClaim(refuserSafe, complierSafe, phrases), utility, tradeoffClaim(curve), hedge, golden];
  const metrics: TrustllmMetrics = {
    refuserSafeRta: refusals(refuserSafe, phrases).estimate,
    complierSafeRta: refusals(complierSafe, phrases).estimate,
    sycophantPreferenceRta: hedge.value,
    spearmanRho: utility.value,
    goldenWorst: golden.value,
    loadedFiles: files.length,
    loadedRecords: files.reduce((s, f) => s + f.records.length, 0),
  };
  ticker.progress(1, 'Done');
  return {
    slug: 'trustllm',
    params,
    backend: env.info,
    metrics,
    series: { ...scored, tradeoff, leaderboard: leaderboardPoints() },
    claims,
    matrices: {},
    notes: [
      'Nothing in this evaluation is random: the seed changes nothing, and every seed root gives the same numbers.',
      `The refusal matcher used ${phrases.length} phrases where a file had no judge labels; its RtA is approximate.`,
      `The sample’s responses are synthetic personas written for this project (${sample.perTask} prompts per task): they show how the metrics read, nothing about any model.`,
      `Leaderboard: ${LEADERBOARD_SOURCE}.`,
    ],
    timing: { startedAt, totalMs: performance.now() - started, stages: {}, label: 'plain TypeScript on the page’s thread (no GPU work)' },
  };
}
