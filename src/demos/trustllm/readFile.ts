// Reading a user's file off the page's thread: a Web Worker streams it (Blob.stream() through a
// TextDecoder, never one string) into readOutputs, reporting how far it is, so that a large file
// keeps the page responsive and can be cancelled. Without workers the same code runs here.

import { canUseWorkers } from '../../lib/workerPool';
import type { LoadedFile } from './loadedOutputs';
import { OutputsFileError, readOutputs } from './outputsFile';
import { taskByFile } from './tasks';

/** Larger files are refused before reading: the toolkit's task files are a few MB each. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The file's text as chunks, with the share of its bytes read so far reported as they arrive. */
async function* textChunks(blob: Blob, onFraction?: (fraction: number) => void): AsyncGenerator<string> {
  const reader = blob.stream().getReader();
  const decoder = new TextDecoder('utf-8');
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    onFraction?.(blob.size > 0 ? read / blob.size : 1);
    yield decoder.decode(value, { stream: true });
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** Reads one file as the toolkit's outputs of the task its name gives (see outputsFile.ts). */
export async function readBlob(name: string, blob: Blob, onFraction?: (fraction: number) => void): Promise<LoadedFile> {
  if (blob.size > MAX_FILE_BYTES) throw new OutputsFileError(`${name}: the file is ${megabytes(blob.size)}; the evaluator reads files up to ${megabytes(MAX_FILE_BYTES)}. TrustLLM’s task files are a few MB each: load them one task per file.`);
  const read = await readOutputs(name, textChunks(blob, onFraction));
  return { ...read, fileName: `yours/${name}`, bytes: blob.size };
}

export type ReadRequest = { name: string; blob: Blob };
/** A read file as a message can carry it: the task by its file name (a task holds its scoring function). */
export type PostedFile = Omit<LoadedFile, 'task'> & { taskFile: string };
export type ReadReply = { progress: number } | { file: PostedFile } | { error: string };

export function toPosted({ task, ...rest }: LoadedFile): PostedFile {
  return { ...rest, taskFile: task.file };
}

function fromPosted({ taskFile, ...rest }: PostedFile): LoadedFile {
  return { ...rest, task: taskByFile(taskFile)! };
}

/**
 * Reads `blob` in a worker (or here, where there are none). A refusal or an unreadable file rejects
 * with an OutputsFileError whose message names the file; Cancel (`signal`) stops the worker.
 */
export function readFileOffThread(name: string, blob: Blob, onFraction?: (fraction: number) => void, signal?: AbortSignal): Promise<LoadedFile> {
  if (!canUseWorkers()) return readBlob(name, blob, onFraction);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./readWorker.ts', import.meta.url), { type: 'module' });
    const stop = () => {
      worker.terminate();
      reject(new DOMException(`Reading ${name} was cancelled.`, 'AbortError'));
    };
    signal?.addEventListener('abort', stop, { once: true });
    const finish = () => {
      signal?.removeEventListener('abort', stop);
      worker.terminate();
    };
    worker.onmessage = (e: MessageEvent<ReadReply>) => {
      const reply = e.data;
      if ('progress' in reply) onFraction?.(reply.progress);
      else if ('file' in reply) {
        finish();
        resolve(fromPosted(reply.file));
      } else {
        finish();
        reject(new OutputsFileError(reply.error));
      }
    };
    worker.onerror = (e) => {
      finish();
      reject(new OutputsFileError(`${name}: the reader stopped (${e.message || 'a worker error'}).`));
    };
    worker.postMessage({ name, blob } satisfies ReadRequest);
  });
}
