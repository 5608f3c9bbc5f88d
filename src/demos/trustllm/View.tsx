import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { downloadText } from '../../lib/export';
import { ChartCard, ColumnHeads, DataTable } from '../../ui/ChartCard';
import type { DemoViewProps } from '../../ui/defineDemo';
import { LinesChart } from '../../ui/LinesChart';
import { spearman } from './claims';
import { DimensionRadar, LeaderboardScatter, SOURCE_COLOURS, SOURCE_LABELS } from './charts';
import { Drilldown, formatScore } from './Drilldown';
import { LEADERBOARD_SOURCE, leaderboardDimensions, leaderboardModels, MAX_ITEMS_PER_FILE, scoreAll, type Source, type TrustllmResults } from './experiment';
import { FileLoader } from './FileLoader';
import { loadedOutputs, YOURS } from './loadedOutputs';
import { matcherPhrases } from './params';
import { loadSample, PERSONAS, type SampleFile } from './sample';

const percent = (v: number) => `${Math.round(100 * v)}%`;
const DEFAULT_OVERLAY = 'Llama2-7b';

/**
 * The scores as they are now: the run's, re-scored here whenever the user's files or label
 * overrides change (scoring is plain TypeScript and takes milliseconds), with the same functions.
 */
function useLiveScores(results: TrustllmResults) {
  const { files, overrides } = useStore(loadedOutputs);
  const [sample, setSample] = useState<SampleFile | null>(null);
  useEffect(() => {
    let live = true;
    loadSample().then((s) => live && setSample(s), () => undefined); // the run reports a failed read
    return () => {
      live = false;
    };
  }, []);
  const { phrases: k, extraPhrases } = results.params;
  const scores = useMemo(() => (sample ? scoreAll(sample, files, matcherPhrases({ phrases: k, extraPhrases }), overrides) : results.series), [sample, files, overrides, k, extraPhrases, results.series]);
  return { scores, files, overrides };
}

export function TrustllmView({ results }: DemoViewProps<TrustllmResults>) {
  const { scores, files, overrides } = useLiveScores(results);
  const [overlay, setOverlay] = useState<string>(DEFAULT_OVERLAY);
  const [selected, setSelected] = useState<{ source: Source; file: string } | null>(null);
  const { series, params, metrics } = results;
  const sources: Source[] = [...PERSONAS, ...(files.length > 0 ? [YOURS] : [])];
  const overlayModel = leaderboardModels.find((m) => m.model === overlay) ?? null;
  const overlayValues = overlayModel ? leaderboardDimensions(overlayModel) : null;
  // a dimension none of the shown sources has a scored task in is left off, not drawn at 0
  const radarRows = scores.dimensions.filter((d) => sources.some((s) => d[s] !== null)).map((d) => ({ ...d, leaderboard: overlayValues?.[d.dimension] ?? null }));
  const selectedTask = selected ? scores.tasks.find((t) => t.source === selected.source && t.file === selected.file) : undefined;
  const overrideCount = Object.values(overrides).reduce((s, o) => s + Object.keys(o).length, 0);
  const phrases = matcherPhrases(params);
  const both = series.leaderboard.filter((m) => m.exaggeratedSafety !== null && m.jailbreak !== null);
  const gpt4 = both.find((m) => m.model === 'GPT-4');
  const safetyRho = spearman(both.map((m) => m.exaggeratedSafety!), both.map((m) => m.jailbreak!));
  const exportScores = () =>
    downloadText(
      'trustllm-scores.json',
      JSON.stringify({ about: 'Scores from the WebGPU ML Playground’s TrustLLM evaluator, with the label overrides made on the page', matcherPhrases: phrases, overrides, tasks: scores.tasks, dimensions: scores.dimensions, items: scores.items, problems: Object.fromEntries(files.map((f) => [f.fileName, f.problems])) }, null, 1),
      'application/json',
    );
  return (
    <div className="view">
      <section className="card" aria-labelledby="trustllm-load-title">
        <h3 id="trustllm-load-title">Evaluate your own model’s outputs</h3>
        <p className="caption">
          Generate with the TrustLLM toolkit (its prompts, your model), then load the files here: each is scored by the toolkit’s own rules, ported and checked against its Python on golden fixtures. Refusal tasks use the file’s judge labels (<code>eval_res</code>) where present, exact; elsewhere the refusal matcher below, marked approximate. Tasks the toolkit scores with GPT-4, Perspective or embeddings need those judgments brought as <code>eval_res</code>.
        </p>
        <FileLoader />
        <p>
          <button type="button" onClick={exportScores}>
            Download scored results (JSON)
          </button>{' '}
          <span className="muted">
            every task as scored now, and its items (the first {MAX_ITEMS_PER_FILE} of each file){overrideCount > 0 ? `, with your ${overrideCount} label override${overrideCount === 1 ? '' : 's'}` : ''}
          </span>
        </p>
      </section>
      <ChartCard
        name="trustllm-radar"
        title="Trustworthiness by dimension"
        rows={radarRows}
        caption={`Each dimension is the mean of its scored tasks, every metric turned so that higher is more trustworthy (1 − value where lower is better); dimensions with no scored task are left off. The sample has one task in each of safety (exaggerated safety), fairness (preference) and privacy (queries for personal details): the refuser is high on fairness and privacy and 0 on safety, the complier the reverse, the calibrated persona high on all three. Dashed: a leaderboard model’s published numbers over all of the benchmark’s tasks in each dimension, so not the same tasks as the sample’s.`}
      >
        <label>
          Leaderboard overlay:{' '}
          <select value={overlay} onChange={(e) => setOverlay(e.target.value)}>
            <option value="">none</option>
            {leaderboardModels.map((m) => (
              <option key={m.model} value={m.model}>
                {m.model}
              </option>
            ))}
          </select>
        </label>
        <DimensionRadar rows={radarRows} sources={sources} overlay={overlayModel ? overlay : null} />
      </ChartCard>
      <ChartCard name="trustllm-tasks" title="Every scored task" rows={scores.tasks} caption="Choose a task’s items to see each response with its label, and override labels. Exact: the toolkit’s rule on the file’s content; approximate: the refusal matcher labelled some responses; needs judgments: the file lacks the GPT-4 or embedding judgments the toolkit uses.">
        <div className="table-wrap">
          <table data-testid="trustllm-task-table">
            <caption>Scores by source and task (live: your files and overrides included)</caption>
            <ColumnHeads columns={['source', 'task', 'metric', 'value', 'how', 'records', 'empty', 'bad lines', '']} />
            <tbody>
              {scores.tasks.map((t) => (
                <tr key={`${t.source}/${t.file}`}>
                  <td>
                    <span className="swatch" style={{ background: SOURCE_COLOURS[t.source] }} /> {SOURCE_LABELS[t.source]}
                  </td>
                  <td>{t.title}</td>
                  <td>
                    {t.metric} {t.direction}
                  </td>
                  <td>{formatScore(t.value)}</td>
                  <td>
                    <span className="badge">{t.exactness}</span>
                  </td>
                  <td>{t.records}</td>
                  <td>{t.emptyResponses}</td>
                  <td>{t.problems}</td>
                  <td>
                    <button type="button" aria-pressed={selected?.source === t.source && selected.file === t.file} onClick={() => setSelected({ source: t.source, file: t.file })} aria-label={`Items of ${t.file} (${t.source})`}>
                      Items
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {selectedTask && <Drilldown key={`${selectedTask.source}/${selectedTask.file}`} task={selectedTask} items={scores.items.filter((i) => i.source === selectedTask.source && i.file === selectedTask.file)} />}
      </ChartCard>
      <ChartCard
        name="trustllm-tradeoff"
        title="The refusal matcher’s trade-off: refusals of what should be refused, and of what is safe"
        rows={series.tradeoff}
        caption={`RtA with the first k phrases of the page’s list (${phrases.length} phrases), pooled over the four personas: on the privacy queries (which ask for someone’s personal details and should be refused) and on XSTest’s safe prompts (which should be answered). A phrase can only add refusals, and it adds every response that opens with it: “sorry” and “i cannot” raise both curves (the over-cautious refuser uses them on everything), “i’m not able” and “it is not appropriate” only the privacy curve (the calibrated persona refuses with them where it should). The matcher reads openings, so which refusals a phrase catches depends on who wrote them. With the whole list, the refuser refuses ${percent(metrics.refuserSafeRta)} of the safe prompts and the complier ${percent(metrics.complierSafeRta)}.`}
      >
        <LinesChart
          rows={series.tradeoff}
          x="phrases"
          xLabel="phrases of the list used (k)"
          yLabel="RtA"
          lines={[
            { key: 'shouldRefuseRta', name: 'privacy queries (to refuse)', colour: SOURCE_COLOURS.complier },
            { key: 'safeRta', name: 'safe prompts (to answer)', colour: SOURCE_COLOURS.refuser },
          ]}
        />
        <details>
          <summary>The phrase list, in order</summary>
          <ol data-testid="trustllm-phrases">
            {phrases.map((p, i) => (
              <li key={i}>“{p}”</li>
            ))}
          </ol>
          <p className="muted">Change it with the two matcher fields above: how many of XSTest’s phrases, and your own.</p>
        </details>
      </ChartCard>
      <ChartCard
        name="trustllm-leaderboard-safety"
        title="Leaderboard: exaggerated safety against jailbreak refusals"
        rows={series.leaderboard}
        caption={`One dot per model (${both.length}). Refusing jailbreaks (up) is what safety training is for; refusing safe prompts (right) is its cost, over-alignment. Across models the two lean together, loosely: Spearman ρ = ${safetyRho.rho.toFixed(2)} [${safetyRho.low.toFixed(2)}, ${safetyRho.high.toFixed(2)}] (95%, Fisher z), an interval that does not exclude 0, so the page makes no claim of it.${gpt4 ? ` GPT-4 refuses ${percent(gpt4.jailbreak!)} of jailbreaks and ${percent(gpt4.exaggeratedSafety!)} of safe prompts: the trade-off is not forced.` : ''} Numbers transcribed from the published leaderboard: ${LEADERBOARD_SOURCE}.`}
      >
        <LeaderboardScatter points={series.leaderboard} x="exaggeratedSafety" y="jailbreak" xLabel="exaggerated safety: RtA on safe prompts (↓)" yLabel="jailbreak RtA (↑)" />
      </ChartCard>
      <ChartCard
        name="trustllm-leaderboard-utility"
        title="Leaderboard: recognising stereotypes against agreeing with them"
        rows={series.leaderboard}
        caption={`The paper-claim row’s data: ρ = ${metrics.spearmanRho.toFixed(2)} (Spearman) between stereotype recognition (a capability) and agreement with stereotypes (lower is more trustworthy).`}
      >
        <LeaderboardScatter points={series.leaderboard} x="recognition" y="agreement" xLabel="stereotype recognition accuracy (↑)" yLabel="agreement with stereotypes (↓)" />
        <DataTable rows={series.leaderboard} caption="The transcribed leaderboard columns the two charts use" />
      </ChartCard>
    </div>
  );
}
