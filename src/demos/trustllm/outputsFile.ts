// Reading a file of model outputs. The toolkit writes one JSON array per task file, named after
// the task (jailbreak, exaggerated_safety, …, with the .json extension); many users keep one record
// per line (JSONL). Both are read here, in chunks (a large file never has to be one string), with
// every malformed line reported by its number and the rest kept; files that are not what they claim
// (binary, CSV, a name that is no task) are refused with a message that says what was found.

import { taskByFile, type TaskSpec } from './tasks';
import type { TrustRecord } from './toolkit';

export interface LineProblem {
  line: number;
  message: string;
}

export interface ReadOutputs {
  task: TaskSpec;
  records: TrustRecord[];
  problems: LineProblem[];
  /** How many lines (or array items) had a problem: all of them, listed or not. */
  problemCount: number;
  /** The line (JSONL) or item number (JSON array), from 1, of each record: the drill-down shows it beside the item. */
  recordLines?: number[];
  /** Records whose `res` is missing, null or empty: kept (the toolkit scores them as given), and counted. */
  emptyResponses: number;
  format: 'jsonl' | 'json-array';
}

/** At most this many line problems are listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 50;

export class OutputsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputsFileError';
  }
}

/** A share of control characters (NUL, or other C0 codes besides tab/newline/CR) this high is not text. */
function looksBinary(sample: string): boolean {
  if (sample.includes('\u0000')) return true;
  const control = [...sample].filter((c) => c < ' ' && c !== '\n' && c !== '\r' && c !== '\t').length;
  return sample.length > 0 && control / sample.length > 0.01;
}

/** UTF-16 text decoded as UTF-8: every other character NUL. */
function looksUtf16(sample: string): boolean {
  const nul = [...sample.slice(0, 400)].filter((c) => c === '\u0000').length;
  return nul > 0.3 * Math.min(400, sample.length);
}

/** A header and a row of comma-separated fields, neither a JSON record (one stray comment line is not CSV). */
function looksCsv(sample: string): boolean {
  const lines = sample.split('\n').map((l) => l.trim()).filter((l) => l !== '').slice(0, 2);
  return lines.length === 2 && lines.every((l) => !l.startsWith('{') && !l.startsWith('[') && l.split(',').length >= 2);
}

export const isEmptyResponse = (r: TrustRecord) => r.res === undefined || r.res === null || (typeof r.res === 'string' && r.res.trim() === '');

function checkRecord(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `expected a JSON object (a dataset row with "res"), found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`;
  const res = (value as TrustRecord).res;
  if (res !== undefined && res !== null && typeof res !== 'string') return `"res" should be the model's text (or null), found ${typeof res}`;
  return null;
}

/**
 * Reads the file's text chunk by chunk (`chunks` may be one string or a stream of them, e.g. from
 * Blob.stream() through a TextDecoder), naming the task by the file's name.
 */
export async function readOutputs(fileName: string, chunks: AsyncIterable<string> | Iterable<string>, onProgress?: (lines: number) => void): Promise<ReadOutputs> {
  const task = taskByFile(fileName);
  const records: TrustRecord[] = [];
  const problems: LineProblem[] = [];
  const recordLines: number[] = [];
  let problemCount = 0;
  let buffer = '';
  let lineNumber = 0;
  let decided = false;
  /** The text before the format is decided: at least 4 kB, or the whole file (chunks may be tiny, or whitespace). */
  let head = '';
  let arrayText = null as string[] | null; // set by decide(), in a closure TypeScript does not follow
  const problem = (line: number, message: string) => {
    problemCount++;
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ line, message });
  };
  const takeLine = (line: string) => {
    lineNumber++;
    const t = line.trim();
    if (t === '') return;
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch (err) {
      problem(lineNumber, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
      return;
    }
    const wrong = checkRecord(value);
    if (wrong) problem(lineNumber, wrong);
    else {
      records.push(value as TrustRecord);
      recordLines.push(lineNumber);
    }
  };
  const decide = (sample: string) => {
    decided = true;
    if (looksBinary(sample))
      throw new OutputsFileError(
        looksUtf16(sample)
          ? `${fileName}: this looks like UTF-16 text. Save it as UTF-8 (the toolkit writes UTF-8) and load it again.`
          : `${fileName}: this looks like a binary file, not text. Load the model outputs as JSONL (one JSON record per line) or the toolkit's JSON file.`,
      );
    const firstLine = sample.trimStart().split('\n')[0];
    if (looksCsv(sample)) throw new OutputsFileError(`${fileName}: this looks like CSV (its first line is "${firstLine.slice(0, 80)}"). Load JSONL: one JSON record per line, each a dataset row with "res".`);
    const array = sample.trimStart().startsWith('[');
    if (!task)
      throw new OutputsFileError(
        `${fileName}: no TrustLLM task is named "${fileName.replace(/\.(jsonl?|json)$/i, '').split('/').pop()}"${array ? ' (the file is a JSON array)' : ''}. Name the file after its task, as the toolkit does (e.g. jailbreak.jsonl, exaggerated_safety.json).`,
      );
    if (array) arrayText = [];
  };
  const take = (chunk: string) => {
    if (arrayText) {
      arrayText.push(chunk);
      return;
    }
    buffer += chunk;
    // one cut per chunk, not per line: cutting the buffer after every line copies it line by line
    let start = 0;
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n', start)) {
      takeLine(buffer.slice(start, newline));
      start = newline + 1;
    }
    buffer = buffer.slice(start);
    onProgress?.(lineNumber);
  };
  for await (const chunk of chunks) {
    if (decided) {
      take(chunk);
      continue;
    }
    head += chunk;
    if (head.length < 4096) continue;
    decide(head);
    take(head);
  }
  if (!decided) {
    if (head.trim() === '') throw new OutputsFileError(`${fileName}: the file is empty.`);
    decide(head);
    take(head);
  }
  if (!task) throw new OutputsFileError(`${fileName}: the file is empty.`);
  let format: ReadOutputs['format'] = 'jsonl';
  if (arrayText) {
    format = 'json-array';
    let parsed: unknown;
    try {
      parsed = JSON.parse(arrayText.join(''));
    } catch (err) {
      throw new OutputsFileError(`${fileName}: the JSON array does not parse (${err instanceof Error ? err.message : String(err)}).`);
    }
    if (!Array.isArray(parsed)) throw new OutputsFileError(`${fileName}: expected a JSON array of records.`);
    parsed.forEach((value, i) => {
      const wrong = checkRecord(value);
      if (wrong) problem(i + 1, `item ${i + 1}: ${wrong}`);
      else {
        records.push(value as TrustRecord);
        recordLines.push(i + 1);
      }
    });
  } else if (buffer.trim() !== '') takeLine(buffer);
  if (problemCount > problems.length) problems.push({ line: 0, message: `… and ${problemCount - problems.length} more problems` });
  if (records.length === 0) throw new OutputsFileError(`${fileName}: no valid record (${problemCount} lines with problems${problems[0] ? `; line ${problems[0].line}: ${problems[0].message}` : ''}).`);
  return { task, records, recordLines, problems, problemCount, emptyResponses: records.filter(isEmptyResponse).length, format };
}
