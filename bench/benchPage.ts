// Shared pieces of the bench pages: their log line and their options (the page's query).

import { readOptions, type SuiteOptions } from './suiteOptions';

/** Appends to the page and forwards to bench/run.mjs (window.benchLog, declared in admmBench.ts). */
export function log(line: string): void {
  document.getElementById('out')!.textContent += `\n${line}`;
  window.benchLog?.(line);
}

/** A suite's options from the page's query, e.g. ?b=1,16,64&budgetMs=500. */
export function pageOptions<T extends SuiteOptions>(defaults: T) {
  const query = new URLSearchParams(location.search);
  return readOptions(defaults, (key) => query.get(key));
}
