import { useState } from 'react';
import type { DemoViewProps } from '../../ui/defineDemo';
import { samplerNames, type DndmResults } from './experiment';
import { ChartCard, DataTable } from '../../ui/ChartCard';
import { NfeChart, QUALITY_METRICS, QualityChart, TauHistogram, TimeChart } from './charts';
import { SPEEDUP_T } from './claims';
import { DenoisingPlayer } from './DenoisingPlayer';
import { SAMPLER_LABELS } from './records';
import type { QualityMetric } from './summary';

export function DndmView({ results }: DemoViewProps<DndmResults>) {
  const [metric, setMetric] = useState<QualityMetric>('Ppl');
  if (!results) return null;
  const { series, params, metrics } = results;
  const { baseline: baselineName, dndm: dndmName } = samplerNames(params.pair, params.steps);
  const schedule = params.schedule === 'beta' ? `Beta(${params.alpha}, ${params.beta})` : params.schedule;
  const atSpeedupT = series.time.find((r) => r.steps === SPEEDUP_T);
  return (
    <div className="view">
      {series.trajectory && (
        <section className="card" aria-labelledby="denoise-title" data-testid="denoising">
          <h3 id="denoise-title">
            Watch a sequence denoise (T = {params.steps}, seed {params.seed}, first sequence)
          </h3>
          <p className="caption">
            Dots are masked positions. Drag the slider or press Play: the T-call sampler calls the network at every one of the {params.steps} steps; DNDM draws every token’s
            transition time τ first ({schedule}) and calls the network only at the {metrics.shownNfeDndm} distinct τ’s (expected {metrics.shownExpectedNfe?.toFixed(1)}). {params.pair === 'random'
              ? 'A token appears at its τ and never changes afterwards.'
              : params.pair === 'topk'
                ? 'The τ’s decide how many positions stay masked after each call; which ones is the network’s choice (least confident), and a decoded token it now doubts can go back to the mask.'
                : 'The τ’s decide how many positions stay masked after each call; which ones is the network’s choice (least confident); a decoded token is kept.'}
          </p>
          <DenoisingPlayer steps={params.steps} dndm={series.trajectory} baseline={series.baselineTrajectory ?? []} dndmLabel={SAMPLER_LABELS[dndmName]} baselineLabel={SAMPLER_LABELS[baselineName!]} />
        </section>
      )}
      {series.tau && (
        <ChartCard
          name="tau-histogram"
          title={`Transition times τ for ${schedule}, T = ${params.steps}`}
          rows={series.tau}
          caption={`Bars: how many of the N = ${series.positions?.length ?? 64} positions drew each step in the shown run. Line: the expected count N·p_t. Steps no token drew cost DNDM nothing.`}
        >
          <TauHistogram rows={series.tau} />
        </ChartCard>
      )}
      {series.nfe.length > 0 && (
        <ChartCard
          name="nfe-vs-t"
          title="Network calls (NFE) vs T"
          rows={series.nfe}
          caption="The T-call sampler needs T calls. DNDM needs one per distinct τ: at most N = 64 however large T gets, and the measured mean sits on E[NFE] (band: min–max over seeds; formulaSd in the table is the exact standard deviation of one draw). T = ∞ is DNDM-C, continuous τ: exactly N calls."
        >
          <NfeChart rows={series.nfe} />
        </ChartCard>
      )}
      {series.time.length > 0 && (
        <ChartCard
          name="time-vs-t"
          title="Wall time and speed-up vs T"
          rows={series.time}
          caption={`Milliseconds per batch of ${params.samples} sequences, both samplers in this run on the same backend (${results.timing.label}).${atSpeedupT && atSpeedupT.speedup !== null ? ` At T = ${SPEEDUP_T} DNDM is ${atSpeedupT.speedup.toFixed(1)}× faster.` : ''}`}
        >
          <TimeChart rows={series.time} />
        </ChartCard>
      )}
      {series.quality.length > 0 && (
        <ChartCard
          name="quality-vs-t"
          title="Sample quality vs T"
          rows={series.quality}
          caption={
            <>
              Scored by a 5-gram judge trained on held-out text the diffusion model never saw, by corpus words, and by character-frequency KL; the green line is real held-out text cut to the same
              sizes (its KL is not 0: that is the sampling noise of {params.samples} × 64 characters). Same quality at far fewer calls is the claim; at T = {SPEEDUP_T} it is tested on single sequences (judge NLL, an equivalence test with margin ln 1.25) and on letter pairs in groups of 8
              sequences (bigram KL, against real text of the same size).{' '}
              <label>
                Show{' '}
                <select value={metric} onChange={(e) => setMetric(e.target.value as QualityMetric)} data-testid="quality-metric">
                  {Object.entries(QUALITY_METRICS).map(([k, m]) => (
                    <option key={k} value={k}>
                      {m.label}
                    </option>
                  ))}
                </select>
              </label>
            </>
          }
        >
          <QualityChart rows={series.quality} metric={metric} />
        </ChartCard>
      )}
      {series.samples.length > 0 && (
        <details className="card" open>
          <summary>Generated text (seed {params.seed}, first two sequences per sampler and T)</summary>
          <DataTable rows={series.samples} caption={`Samples from the ${Math.round(metrics.parameters / 1000)} k-parameter teaching model: word-like strings with real short words, not scripture.`} />
        </details>
      )}
      {series.runs.length > 0 && (
        <details className="card">
          <summary>Every sampler run</summary>
          <DataTable rows={series.runs} caption="Per T, sampler and seed: network calls, wall time (ms), judge perplexity, real-word share, unigram and bigram KL" />
        </details>
      )}
    </div>
  );
}
