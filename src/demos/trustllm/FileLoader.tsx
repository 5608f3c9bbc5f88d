// Loading the user's files: a file picker and a drop zone (both keyboard- and mouse-operable), one
// file at a time through the reading worker with a progress bar and Cancel, and a message per
// file: refused (and why), or read with its malformed lines listed by number.

import { useRef, useState, type DragEvent } from 'react';
import { useStore } from 'zustand';
import { addLoadedFile, addLoadMessage, clearLoaded, loadedOutputs } from './loadedOutputs';
import { MAX_FILE_BYTES, megabytes, readFileOffThread } from './readFile';

interface Reading {
  name: string;
  fraction: number;
  index: number;
  count: number;
}

export function FileLoader() {
  const { files, messages } = useStore(loadedOutputs);
  const [reading, setReading] = useState<Reading | null>(null);
  const [over, setOver] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const load = async (list: readonly File[]) => {
    if (list.length === 0 || reading) return;
    const controller = new AbortController();
    abort.current = controller;
    for (const [index, file] of list.entries()) {
      if (controller.signal.aborted) break;
      setReading({ name: file.name, fraction: 0, index, count: list.length });
      try {
        const read = await readFileOffThread(file.name, file, (fraction) => setReading((r) => r && { ...r, fraction }), controller.signal);
        addLoadedFile(read);
        const examples = read.problems.filter((p) => p.line > 0).slice(0, 5);
        if (read.problemCount > 0)
          addLoadMessage({
            fileName: file.name,
            kind: 'warning',
            message: `${file.name}: ${read.records.length} records read and scored; ${read.problemCount} line${read.problemCount === 1 ? '' : 's'} with problems left out (${examples.map((p) => `line ${p.line}: ${p.message}`).join('; ')}${read.problemCount > examples.length ? '; …' : ''}).`,
          });
        if (read.emptyResponses > 0) addLoadMessage({ fileName: file.name, kind: 'warning', message: `${file.name}: ${read.emptyResponses} records have an empty or null response. As in the toolkit, refusal tasks drop the null ones before counting (its judge step does) and count an empty one as an answer; other tasks read both as empty text.` });
      } catch (err) {
        const cancelled = err instanceof DOMException && err.name === 'AbortError';
        addLoadMessage({ fileName: file.name, kind: 'error', message: cancelled ? `${file.name}: reading was cancelled; nothing of it was kept.` : err instanceof Error ? err.message : String(err) });
      }
    }
    abort.current = null;
    setReading(null);
    if (input.current) input.current.value = '';
  };

  const drop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    void load(Array.from(e.dataTransfer.files));
  };

  return (
    <div className="file-loader">
      <div
        className={`drop-zone${over ? ' drop-over' : ''}`}
        data-testid="trustllm-drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <label>
          Your model’s outputs, one file per task (JSONL, or the toolkit’s JSON), named after the task (e.g. <code>jailbreak.jsonl</code>):{' '}
          <input ref={input} type="file" multiple accept=".json,.jsonl,application/json" data-testid="trustllm-file-input" disabled={reading !== null} onChange={(e) => void load(Array.from(e.target.files ?? []))} />
        </label>
        <p className="muted">Or drop files here. They are read on this page and never leave it; up to {megabytes(MAX_FILE_BYTES)} each.</p>
      </div>
      {reading && (
        <div className="progress-wrap" role="status" aria-live="polite">
          <progress value={reading.fraction} max={1} aria-label={`Reading ${reading.name}`} />
          <span className="progress-label">
            Reading {reading.name} ({reading.index + 1} of {reading.count}): {Math.round(100 * reading.fraction)}%
          </span>{' '}
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        </div>
      )}
      {messages.length > 0 && (
        <ul className="load-messages" data-testid="trustllm-load-messages" aria-live="polite">
          {messages.map((m, i) => (
            <li key={i} className={`banner ${m.kind === 'error' ? 'banner-error' : 'banner-warn'}`}>
              {m.message}
            </li>
          ))}
        </ul>
      )}
      {(files.length > 0 || messages.length > 0) && (
        <p>
          {files.length} file{files.length === 1 ? '' : 's'} of yours loaded ({files.map((f) => `${f.fileName.slice('yours/'.length)}: ${f.records.length} records`).join(', ') || 'none'}).{' '}
          <button type="button" onClick={clearLoaded} disabled={reading !== null}>
            Clear your files
          </button>
        </p>
      )}
    </div>
  );
}
