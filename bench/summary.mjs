// `npm run bench`'s last table: every benchmark of the run in one place, each row a baseline and the
// method's path timed in the same run, and their ratio (speed is only ever a ratio measured in one
// run: docs/DESIGN.md), then each default run's longest main-thread task.

const ms = (v) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(3)).padStart(10);

const line = (suite, scenario, baseline, baselineMs, candidate, candidateMs, ratio) =>
  `  ${suite.padEnd(18)}  ${scenario.padEnd(36)}  ${baseline.padEnd(20)}${baselineMs}  ${candidate.padEnd(20)}${candidateMs}   ${ratio}`;

/** One comparison: `baseline` and `candidate` timed in the same run, in milliseconds. */
export function row(suite, scenario, baseline, baselineMs, candidate, candidateMs) {
  return { suite, case: scenario, baseline, baselineMs, candidate, candidateMs, ratio: baselineMs / candidateMs };
}

export function summaryTable(adapter, rows, longTasks = []) {
  const lines = [
    '',
    `Every benchmark of this run, one table (adapter: ${adapter}):`,
    line('suite', 'case', 'baseline', 'ms'.padStart(10), 'method', 'ms'.padStart(10), 'baseline/method'),
    ...rows.map((r) => line(r.suite, r.case, r.baseline, ms(r.baselineMs), r.candidate, ms(r.candidateMs), r.ratio.toFixed(2).padStart(15))),
  ];
  if (longTasks.length > 0) {
    lines.push('', '  each default run: longest main-thread task (after the compute backend started), and tasks over 200 ms');
    for (const t of longTasks) lines.push(`  ${t.slug.padEnd(22)} ${t.path.padEnd(17)} run ${(t.runMs / 1000).toFixed(1).padStart(6)} s   longest ${t.longestAfterStart.toFixed(0).padStart(6)} ms   over 200 ms: ${t.overAfterStart}`);
  }
  return lines;
}
