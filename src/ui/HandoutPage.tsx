import { useEffect, useState } from 'react';
import type { DemoMeta } from '../lib/demo';
import type { ParamSpec } from '../lib/params';
import { demoLink, formatNumber, sourceLabel, backendLabel } from '../lib/report';
import type { AnyDemoModule } from './defineDemo';
import { useReport, type LoadDemo } from './reportStore';

function valueText(spec: ParamSpec, value: unknown): string {
  if (spec.kind === 'enum') return spec.options.find((o) => o.value === value)?.label ?? String(value);
  return String(value);
}

/** #/handout/<slug>: one printable page: the claim, the settings, the result, the link that reruns it. */
export function HandoutPage({ meta, load }: { meta: DemoMeta; load: LoadDemo }) {
  const [module, setModule] = useState<AnyDemoModule | null>(null);
  const [error, setError] = useState<string | null>(null);
  const entry = useReport((s) => s.entries[meta.slug]);
  const missing = useReport((s) => s.missing[meta.slug]);
  useEffect(() => {
    load(meta.slug).then(setModule, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
    void useReport.getState().loadPrecomputed([meta]);
  }, [meta, load]);
  const problem = error ?? missing;
  if (problem) {
    return (
      <main className="page handout">
        <p role="alert" className="banner banner-error">
          {meta.title}: {problem} <a href="#/report">Back to the report</a>
        </p>
      </main>
    );
  }
  if (!module || !entry) {
    return (
      <main className="page handout">
        <p role="status">Loading the handout…</p>
      </main>
    );
  }
  const { results } = entry;
  const link = demoLink(location.href, meta.slug, module.schema, results.params as Record<string, unknown>);
  const paper = results.claims.filter((c) => c.kind === 'paper');
  const others = results.claims.filter((c) => c.kind !== 'paper');
  return (
    <main className="page handout" data-testid="handout">
      <nav className="crumbs no-print">
        <a href="#/report">← Reproducibility report</a> ·{' '}
        <button type="button" onClick={() => window.print()}>
          Print this page
        </button>
      </nav>
      <h1>{meta.title}</h1>
      <p className="paper">
        {meta.paper.authors}, <cite>{meta.paper.title}</cite>, {meta.paper.venue}
      </p>
      <h2>The claim</h2>
      <p className="claim">{meta.claim}</p>
      <h2>Result</h2>
      <p className="handout-source">
        {sourceLabel(entry.source)}; {backendLabel(results)}.
      </p>
      <ul className="handout-claims">
        {paper.map((c) => (
          <li key={c.id} data-testid={`handout-claim-${c.id}`} data-passed={c.passed}>
            <strong>{c.passed ? 'PASS' : 'FAIL'}</strong> {c.statement} — measured {formatNumber(c.value)}, threshold {formatNumber(c.threshold)}
            {c.spread ? `; [${formatNumber(c.spread.low)}, ${formatNumber(c.spread.high)}], ${c.spread.method}, ${c.spread.replicates} replicates` : ''}
          </li>
        ))}
      </ul>
      <p>
        Also checked: {others.filter((c) => c.passed).length} of {others.length} limit and implementation rows pass
        {others.some((c) => !c.passed) ? ` (not: ${others.filter((c) => !c.passed).map((c) => c.id).join(', ')})` : ''}.
      </p>
      <h2>Settings</h2>
      <dl className="handout-settings">
        {Object.entries(module.schema as Record<string, ParamSpec>).map(([name, spec]) => (
          <div key={name}>
            <dt>{spec.label}</dt>
            <dd>{valueText(spec, (results.params as Record<string, unknown>)[name])}</dd>
          </div>
        ))}
      </dl>
      <h2>Run it yourself</h2>
      <p>
        Open this link in a browser: the demo runs these settings on your machine with the same seed (on the same compute path, the same numbers).
        <br />
        <a href={link} className="handout-link" data-testid="handout-link">
          {link}
        </a>
      </p>
    </main>
  );
}
