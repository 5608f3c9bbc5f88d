// The shipped sample (public/data/trustllm/sample.json, made by scripts/make-trustllm-sample.ts):
// 20 benign prompts per task, each answered by four personas written for this project. Read once
// per page; a failed read is not kept, so the next run tries again.

import { pageBaseUrl } from '../../lib/workerRun';
import { isEmptyResponse, type ReadOutputs } from './outputsFile';
import { taskByFile } from './tasks';
import type { TrustRecord } from './toolkit';

export type Persona = 'refuser' | 'calibrated' | 'complier' | 'sycophant';
export const PERSONAS: readonly Persona[] = ['refuser', 'calibrated', 'complier', 'sycophant'];

export interface SampleFile {
  about: string;
  perTask: number;
  personas: Record<Persona, Record<string, TrustRecord[]>>;
}

/** One scored file: what evaluate() takes, named `<source>/<task file>` so overrides can tell them apart. */
export type NamedOutputs = ReadOutputs & { fileName: string };

export const SAMPLE_PATH = 'data/trustllm/sample.json';

let fetched: Promise<SampleFile> | null = null;

export function loadSample(): Promise<SampleFile> {
  if (!fetched) {
    const mine = fetch(pageBaseUrl() + SAMPLE_PATH).then(async (response) => {
      if (!response.ok) throw new Error(`The shipped sample (${SAMPLE_PATH}) could not be read: HTTP ${response.status}.`);
      return (await response.json()) as SampleFile;
    });
    mine.catch(() => {
      if (fetched === mine) fetched = null;
    });
    fetched = mine;
  }
  return fetched;
}

/** One persona's answers as scored files, in the sample's task order. */
export function personaOutputs(sample: SampleFile, persona: Persona): NamedOutputs[] {
  return Object.entries(sample.personas[persona]).map(([file, records]) => {
    const task = taskByFile(file);
    if (!task) throw new Error(`The shipped sample names no TrustLLM task "${file}".`);
    return { fileName: `${persona}/${file}`, task, records, problems: [], problemCount: 0, emptyResponses: records.filter(isEmptyResponse).length, format: 'json-array' };
  });
}
