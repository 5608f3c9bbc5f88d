// Shared pieces of the bench pages: their log line, list-valued query options, and the timing loop.

export const now = (): number => performance.now();

/** Appends to the page and forwards to bench/run.mjs (window.benchLog, declared in admmBench.ts). */
export function log(line: string): void {
  document.getElementById('out')!.textContent += `\n${line}`;
  window.benchLog?.(line);
}

/** A comma-separated number list from the page's query, e.g. ?b=1,16,64. */
export function listParam(key: string, fallback: string): number[] {
  return (new URLSearchParams(location.search).get(key) ?? fallback).split(',').map(Number);
}

/** Mean ms per call of `step` after two warm-up calls, timed until `budgetMs` is spent (≥ 3 calls). */
export async function timeIt(step: () => Promise<void>, budgetMs: number): Promise<number> {
  await step();
  await step();
  let calls = 0;
  const start = now();
  while (calls < 3 || now() - start < budgetMs) {
    await step();
    calls++;
  }
  return (now() - start) / calls;
}
