// Reading an exported script's output (its RESULTS_JSON line) and holding it to a check's tolerance.
// Apart from pythonScript.ts, which loads the Python prelude as text (a Vite import): the end-to-end
// tests read scripts' output too, outside Vite.

/** Where an agreement check stands: the script's and the page's numbers and whether they agree. */
export function agreementGap(check: { tolerance: { abs?: number; rel?: number } }, script: number, page: number): { gap: number; allowed: number; ok: boolean } {
  const gap = Math.abs(script - page);
  const allowed = (check.tolerance.abs ?? 0) + (check.tolerance.rel ?? 0) * Math.abs(page);
  const bothNaN = Number.isNaN(script) && Number.isNaN(page);
  return { gap: bothNaN ? 0 : gap, allowed, ok: bothNaN || (Number.isFinite(gap) ? gap <= allowed : script === page) };
}

/** The numbers of a script's RESULTS_JSON line (non-finite ones arrive as strings). */
export function parseScriptResults(stdout: string): Record<string, number> {
  const line = stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('RESULTS_JSON '));
  if (!line) throw new Error('the script printed no RESULTS_JSON line');
  const raw = JSON.parse(line.slice('RESULTS_JSON '.length)) as Record<string, unknown>;
  const values: Record<string, number> = {};
  for (const [key, v] of Object.entries(raw)) {
    if (typeof v === 'number') values[key] = v;
    else if (v === 'NaN') values[key] = NaN;
    else if (v === 'Infinity') values[key] = Infinity;
    else if (v === '-Infinity') values[key] = -Infinity;
  }
  return values;
}
