// A whole evaluation: every loaded task file scored (with the user's label overrides applied), and
// one number per dimension for the radar: the mean of its scored tasks' headline values, each turned
// so that higher is more trustworthy (1 − value for ↓ metrics; a Pearson r as (r + 1)/2).

import type { ReadOutputs } from './outputsFile';
import { DIMENSIONS, type Dimension, type ScoreOptions, type TaskScore, type TaskSpec } from './tasks';
import type { TrustRecord } from './toolkit';

export interface TaskReport {
  task: TaskSpec;
  fileName: string;
  score: TaskScore;
  records: number;
  emptyResponses: number;
  /** Lines of the file that could not be read (reported by number on the page). */
  problems: number;
}

export interface DimensionReport {
  dimension: Dimension;
  /** Trust-oriented mean over the scored tasks, or null when none is scored. */
  value: number | null;
  scoredTasks: number;
  tasks: number;
}

/** Per file, record index → the label the user set (e.g. "LABEL_0"), which replaces the record's eval_res. */
export type Overrides = Record<string, Record<number, string>>;

export function applyOverrides(fileName: string, records: readonly TrustRecord[], overrides: Overrides = {}): TrustRecord[] {
  const mine = overrides[fileName];
  if (!mine) return records.slice();
  return records.map((r, i) => (mine[i] !== undefined ? { ...r, eval_res: mine[i] } : r));
}

/** The headline value turned so that higher is more trustworthy, in [0, 1]. */
export function trustOriented(task: TaskSpec, value: number): number {
  if (task.metric === 'Pearson r') return (value + 1) / 2;
  return task.direction === '↓' ? 1 - value : value;
}

export function evaluate(files: readonly (ReadOutputs & { fileName: string })[], options: ScoreOptions = {}, overrides: Overrides = {}): { tasks: TaskReport[]; dimensions: DimensionReport[] } {
  const tasks = files.map((f) => ({
    task: f.task,
    fileName: f.fileName,
    score: f.task.score(applyOverrides(f.fileName, f.records, overrides), options),
    records: f.records.length,
    emptyResponses: f.emptyResponses,
    problems: f.problemCount,
  }));
  const dimensions = DIMENSIONS.map((dimension) => {
    const mine = tasks.filter((t) => t.task.dimension === dimension);
    const scored = mine.filter((t) => t.score.value !== null && Number.isFinite(t.score.value));
    const value = scored.length > 0 ? scored.reduce((s, t) => s + trustOriented(t.task, t.score.value!), 0) / scored.length : null;
    return { dimension, value, scoredTasks: scored.length, tasks: mine.length };
  });
  return { tasks, dimensions };
}
