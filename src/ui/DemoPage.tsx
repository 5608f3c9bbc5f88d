import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import type { Route } from '../lib/route';
import { buildHash } from '../lib/route';
import { toQuery, defaults } from '../lib/params';
import { downloadText } from '../lib/export';
import { loadDemo } from '../demos/registry';
import type { DemoModule } from '../demos/types';
import { BackendBanner } from './BackendBanner';
import { ParamControls } from './ParamControls';
import { RunBar } from './RunBar';
import { ClaimList } from './ClaimList';
import { TutorialPlayer } from './TutorialPlayer';
import { DataTable } from './ChartCard';
import { CopyLinkButton } from './CopyLinkButton';

/** Loads a demo's module on demand; tfjs and the demo's code arrive with it. */
export function DemoPage({ route }: { route: Route & { slug: string } }) {
  const [module, setModule] = useState<DemoModule | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setModule(null);
    setLoadError(null);
    loadDemo(route.slug).then(
      (m) => live && setModule(m),
      (err: unknown) => live && setLoadError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [route.slug]);
  if (loadError) {
    return (
      <main className="page">
        <p role="alert" className="banner banner-error">
          {loadError} <a href="#/">Back to the gallery</a>
        </p>
      </main>
    );
  }
  if (!module) {
    return (
      <main className="page">
        <p role="status">Loading the demo…</p>
      </main>
    );
  }
  return <LoadedDemo module={module} route={route} />;
}

function LoadedDemo({ module, route }: { module: DemoModule; route: Route & { slug: string } }) {
  const useStore = module.useStore;
  const { params, issues, status, progress, results, error, load, setParams, run, cancel } = useStore();
  const [step, setStep] = useState<number | null>(route.step);
  const present = route.present;
  const routeKey = JSON.stringify(route.params);

  // The URL is the source of truth when the page opens or the hash changes from outside.
  useEffect(() => {
    load(route.params);
    void run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [routeKey, route.slug]);

  const query = useMemo(() => toQuery(module.schema, params), [module.schema, params]);
  useEffect(() => {
    const hash = buildHash(route.slug, query, { present, step });
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }, [query, present, step, route.slug]);

  const goToStep = useCallback(
    (index: number | null) => {
      setStep(index);
      if (index === null) return;
      useStore.getState().setParams({ ...defaults(module.schema), ...module.tutorial[index].params });
      void useStore.getState().run();
    },
    [module, useStore],
  );

  const togglePresent = () => {
    location.hash = buildHash(route.slug, query, { present: !present, step });
  };
  // memoised: progress ticks re-render the page every few ms, and a view full of charts must not follow them
  const View = useMemo(() => memo(module.View), [module]);
  const running = status === 'running';
  return (
    <main className={`page demo ${present ? 'present' : ''}`}>
      <nav className="crumbs">
        <a href="#/">← All methods</a>
      </nav>
      <header className="demo-header">
        <h1>{module.meta.title}</h1>
        <p className="paper">
          {module.meta.paper.authors}, <cite>{module.meta.paper.title}</cite>, {module.meta.paper.venue}
        </p>
        <p className="claim">{module.meta.claim}</p>
        <div className="header-actions">
          <CopyLinkButton />
          <button type="button" onClick={togglePresent} aria-pressed={present}>
            {present ? 'Leave presenter mode' : 'Presenter mode'}
          </button>
          <button type="button" disabled={!results} onClick={() => results && downloadText(`${route.slug}-results.json`, JSON.stringify(results, null, 2), 'application/json')} data-testid="export-json">
            Export results (JSON)
          </button>
        </div>
      </header>
      <BackendBanner />
      {issues.length > 0 && (
        <div className="banner banner-error" role="alert" data-testid="param-issues">
          <strong>Some parameters in the link were not usable:</strong>
          <ul>
            {issues.map((i) => (
              <li key={i.field + i.message} data-field={i.field}>
                {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <TutorialPlayer steps={module.tutorial} index={step} results={results} running={running} onGo={goToStep} keyboardStepping={present} />
      <div className="demo-body">
        <aside className="controls">
          <ParamControls schema={module.schema} values={params as Record<string, number | string>} onChange={(name, value) => setParams({ [name]: value } as Partial<typeof params>)} disabled={running} hideAdvanced={present} />
          <RunBar status={status} progress={progress} onRun={() => void run()} onCancel={cancel} />
          {error && (
            <p role="alert" className="banner banner-error" data-testid="run-error">
              {error}
            </p>
          )}
        </aside>
        <div className="results" aria-busy={running}>
          {results ? (
            <>
              <ClaimList claims={results.claims} />
              {results.notes.length > 0 && (
                <ul className="notes">
                  {results.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              )}
              <View results={results} />
              {!present && (
                <details className="card">
                  <summary>All metrics and timing</summary>
                  <DataTable rows={Object.entries(results.metrics).map(([metric, value]) => ({ metric, value }))} caption="Metrics of this run" />
                  <p>
                    Total {results.timing.totalMs.toFixed(0)} ms ({results.timing.label}); stages:{' '}
                    {Object.entries(results.timing.stages)
                      .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
                      .join(', ')}
                    .
                  </p>
                </details>
              )}
            </>
          ) : (
            <p className="placeholder">{running ? 'Computing the first results…' : 'Press Run to compute.'}</p>
          )}
        </div>
      </div>
    </main>
  );
}
