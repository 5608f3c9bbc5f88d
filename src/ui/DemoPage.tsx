import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import type { Route } from '../lib/route';
import { buildHash } from '../lib/route';
import { defaults, toQuery } from '../lib/params';
import { downloadText } from '../lib/export';
import { fetchPrecomputed, fetchPrecomputedSteps } from '../lib/precomputed';
import type { AnyDemoModule } from './defineDemo';
import type { ResultsSource, RunStatus } from './demoStore';
import { BackendBanner } from './BackendBanner';
import { ParamControls } from './ParamControls';
import { RunBar } from './RunBar';
import { ClaimList } from './ClaimList';
import { TutorialPlayer } from './TutorialPlayer';
import { DataTable } from './ChartCard';
import { CopyLinkButton } from './CopyLinkButton';
import { ExportScriptButton } from './ExportScriptButton';
import { useSpotlight } from './spotlight';

type DemoRoute = Route & { slug: string };

/** Loads a demo's module on demand; tfjs and the demo's code arrive with it. */
export function DemoPage({ route, load }: { route: DemoRoute; load: (slug: string) => Promise<AnyDemoModule> }) {
  const [module, setModule] = useState<AnyDemoModule | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setModule(null);
    setLoadError(null);
    load(route.slug).then(
      (m) => live && setModule(m),
      (err: unknown) => live && setLoadError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [route.slug, load]);
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

const fetched = new Set<string>();

/**
 * Fetches a shipped file once per page (the default run; the tutorial's runs when it starts); the
 * store shows each run whenever its very parameters compute.
 */
async function loadPrecomputed(module: AnyDemoModule, which: 'default' | 'tutorial'): Promise<void> {
  const slug = module.meta.slug;
  const key = `${slug}/${which}`;
  if (fetched.has(key)) return;
  fetched.add(key);
  try {
    const { setPrecomputed } = module.useStore.getState();
    if (which === 'default') {
      const file = await fetchPrecomputed(import.meta.env.BASE_URL, slug);
      if (file) setPrecomputed(file.results, file.provenance);
    } else {
      const file = await fetchPrecomputedSteps(import.meta.env.BASE_URL, slug);
      if (file) for (const results of file.steps) setPrecomputed(results, file.provenance);
    }
  } catch (err) {
    fetched.delete(key);
    // the live run still comes; the console says why the shipped one was not shown
    console.warn(`precomputed run not shown: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function SourceNote({ source, status }: { source: ResultsSource; status: RunStatus }) {
  if (source.kind !== 'precomputed') return null;
  const when = new Date(source.createdAt).toISOString().slice(0, 10);
  const live = status === 'running' ? 'live run in progress' : status === 'cancelled' ? 'live run cancelled: press Run to compute here' : status === 'error' ? 'the live run failed (see the message beside Run)' : 'press Run to compute here';
  return (
    <p className="banner banner-info" role="status" data-testid="results-source" data-source="precomputed">
      Precomputed on {when} ({source.machine}) — {live}.
    </p>
  );
}

function LoadedDemo({ module, route }: { module: AnyDemoModule; route: DemoRoute }) {
  const useStore = module.useStore;
  const { params, linkIssues, status, progress, results, source, error, load, edit, run, cancel } = useStore();
  const [step, setStep] = useState<number | null>(route.step);
  const present = route.present;
  const routeKey = JSON.stringify(route.params);

  // The URL is the source of truth when the page opens or the hash changes from outside.
  useEffect(() => {
    load(route.params);
    void run();
    void loadPrecomputed(module, 'default');
    if (route.step !== null) void loadPrecomputed(module, 'tutorial');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [routeKey, route.slug]);

  // leaving the demo stops its run: nobody is watching it, and the next page wants the CPU
  useEffect(() => () => useStore.getState().cancel(), [useStore]);

  const query = useMemo(() => toQuery(module.schema, params), [module.schema, params]);
  useEffect(() => {
    const hash = buildHash(route.slug, query, { present, step });
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }, [query, present, step, route.slug]);

  const goToStep = useCallback(
    (index: number | null) => {
      setStep(index);
      if (index === null) return;
      void loadPrecomputed(module, 'tutorial');
      const store = useStore.getState();
      store.setParams({ ...defaults(module.schema), ...module.tutorial[index].params });
      // a step with the parameters of the finished run on screen has nothing new to compute
      if (!(store.status === 'done' && useStore.getState().showsCurrentParams())) void useStore.getState().run();
    },
    [module, useStore],
  );

  const togglePresent = () => {
    location.hash = buildHash(route.slug, query, { present: !present, step });
  };
  // memoised: progress ticks re-render the page every few ms, and a view full of charts must not follow them
  const View = useMemo(() => memo(module.View), [module]);
  // the parameters the view follows before a run: a new object only when one of them changed
  const followed: readonly string[] | undefined = module.viewFollows;
  const followedKey = followed ? JSON.stringify(followed.map((name) => params[name])) : '';
  const current = useMemo(
    () => (followed ? Object.fromEntries(followed.map((name) => [name, params[name]])) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [followed, followedKey],
  );
  const linkIssueByField = useMemo(() => Object.fromEntries(linkIssues.map((i) => [i.field, i.message])), [linkIssues]);
  const running = status === 'running';
  const focus = present && step !== null ? (module.tutorial[step]?.focus ?? null) : null;
  useSpotlight(focus);
  return (
    <main className={`page demo ${present ? 'present' : ''} ${focus ? 'staged' : ''}`}>
      <nav className="crumbs">
        <a href="#/">← All methods</a>
      </nav>
      <header className="demo-header">
        <h1>{module.meta.title}</h1>
        <p className="paper">
          {module.meta.paper.authors}, <cite>{module.meta.paper.title}</cite>, {module.meta.paper.venue}
        </p>
        <p className="claim">{module.meta.claim}</p>
        {present && 'seed' in module.schema && (
          <p className="seed-pin" data-testid="seed-pin">
            Seed {String(params.seed)} <small>(pinned: every run of this talk draws the same numbers; leave presenter mode to change it)</small>
          </p>
        )}
        <div className="header-actions">
          <CopyLinkButton />
          <button type="button" onClick={togglePresent} aria-pressed={present}>
            {present ? 'Leave presenter mode' : 'Presenter mode'}
          </button>
          <button type="button" disabled={!results} onClick={() => results && downloadText(`${route.slug}-results.json`, JSON.stringify(results, null, 2), 'application/json')} data-testid="export-json">
            Export results (JSON)
          </button>
          <ExportScriptButton module={module} params={params} />
        </div>
      </header>
      <BackendBanner />
      {linkIssues.length > 0 && (
        <div className="banner banner-error" role="alert" data-testid="param-issues">
          <strong>Some parameters in the link were not usable:</strong>
          <ul>
            {linkIssues.map((i) => (
              <li key={i.field + i.message} data-field={i.field}>
                {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <TutorialPlayer steps={module.tutorial} index={step} results={results} complete={useStore.getState().showsCurrentParams()} precomputed={source.kind === 'precomputed'} running={running} onGo={goToStep} keyboardStepping={present} />
      <div className="demo-body">
        <aside className="controls">
          <ParamControls schema={module.schema} values={params} onCommit={edit} linkIssues={linkIssueByField} hideAdvanced={present} pinned={present ? ['seed'] : []} />
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
              <SourceNote source={source} status={status} />
              <ClaimList claims={results.claims} />
              {results.notes.length > 0 && (
                <ul className="notes">
                  {results.notes.map((n: string) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              )}
              <View results={results} edit={edit} current={current} />
              {!present && (
                <details className="card">
                  <summary>All metrics and timing</summary>
                  <DataTable rows={Object.entries(results.metrics).map(([metric, value]) => ({ metric, value: value as number }))} caption="Metrics of this run" />
                  <p>
                    Total {results.timing.totalMs.toFixed(0)} ms ({results.timing.label}); stages:{' '}
                    {Object.entries(results.timing.stages as Record<string, number>)
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
