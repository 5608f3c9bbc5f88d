// The user's own files and label overrides, held for the page's lifetime (files cannot live in a
// link). A plain store without React: the run reads it, the view subscribes to it.

import { createStore } from 'zustand/vanilla';
import type { Overrides } from './evaluate';
import type { NamedOutputs } from './sample';

export interface LoadedFile extends NamedOutputs {
  /** The file's size in bytes, as read. */
  bytes: number;
}

/** A file that was refused, or read with problems: what the page says about it. */
export interface LoadMessage {
  fileName: string;
  kind: 'error' | 'warning';
  message: string;
}

export interface LoadedState {
  files: LoadedFile[];
  /** Keyed by the scored file's name: `yours/<file>` or `<persona>/<task file>`. */
  overrides: Overrides;
  messages: LoadMessage[];
}

export const YOURS = 'yours' as const;

export const loadedOutputs = createStore<LoadedState>(() => ({ files: [], overrides: {}, messages: [] }));

/** Adds a read file (one of the same name is replaced, with its overrides). */
export function addLoadedFile(file: LoadedFile): void {
  loadedOutputs.setState((s) => {
    const { [file.fileName]: _dropped, ...overrides } = s.overrides;
    return { files: [...s.files.filter((f) => f.fileName !== file.fileName), file], overrides };
  });
}

export function addLoadMessage(message: LoadMessage): void {
  loadedOutputs.setState((s) => ({ messages: [...s.messages, message] }));
}

/** Sets record `index` of `fileName` to `label`, or removes the override (label null). */
export function setOverride(fileName: string, index: number, label: string | null): void {
  loadedOutputs.setState((s) => {
    const mine = { ...(s.overrides[fileName] ?? {}) };
    if (label === null) delete mine[index];
    else mine[index] = label;
    return { overrides: { ...s.overrides, [fileName]: mine } };
  });
}

export function clearLoaded(): void {
  loadedOutputs.setState({ files: [], overrides: {}, messages: [] });
}
