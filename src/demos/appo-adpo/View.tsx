import type { DemoViewProps } from '../../ui/defineDemo';
import { ChartCard, DataTable } from '../../ui/ChartCard';
import { DotPlot } from '../../ui/DotPlot';
import { LinesChart } from '../../ui/LinesChart';
import { ADPO_METHODS } from './adpo';
import { GAMMA_COLOURS, MarginHistogram, METHOD_COLOURS, THRESHOLD_COLOURS } from './charts';
import { CLAIM_THRESHOLD, QUERY_RATIO_MAX, TARGET_SHARE } from './claims';
import { ADPO_BATCH, ADPO_EVAL_EVERY } from './jobs';
import { appoThresholds, GAMMAS, gammaLabel, METHOD_LABELS, thresholdLabel, type AppoAdpoResults, type GammaSweepRow } from './experiment';

const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '∞');
const f3 = (v: number) => v.toFixed(3);
const percent = (v: number) => `${Math.round(v * 100)}%`;

/** One method's last win-rate in the shown replicate's curve. */
const lmFinal = (rows: readonly { method: string; winRate: number }[], method: string) => rows.filter((r) => r.method === method).at(-1)?.winRate.toFixed(3) ?? '–';

/** The γ sweep with readable column names. */
function gammaTable(rows: readonly GammaSweepRow[]) {
  return rows.map((r) => ({
    γ: r.gamma,
    'ADPO: queries to target ÷ DPO’s': f2(r.adpoQueryRatio),
    'w/o PL: queries to target ÷ DPO’s': f2(r.noPlQueryRatio),
    'ADPO − DPO, final win-rate': f3(r.finalGap),
    'w/o PL − DPO, final win-rate': f3(r.noPlFinalGap),
    'share of the stream queried': percent(r.queriedShare),
    'pseudo-labels against the true preference': percent(r.againstTruthShare),
    'pseudo-labels against the noisy human': percent(r.againstHumanShare),
  }));
}

export function AppoAdpoView({ results }: DemoViewProps<AppoAdpoResults>) {
  if (!results) return null;
  const { series, params, metrics } = results;
  const thresholds = appoThresholds(params);
  const lines = (what: 'regret' | 'queries') => thresholds.map((threshold, i) => ({ key: `${what}: ${thresholdLabel(threshold)}`, name: thresholdLabel(threshold), colour: THRESHOLD_COLOURS[i % THRESHOLD_COLOURS.length], dashed: threshold === null }));
  const shownGamma = metrics.shownGamma;
  return (
    <div className="view">
      <ChartCard
        name="appo-regret"
        title={`Bandit: cumulative regret over ${params.horizon} rounds`}
        rows={series.appoCurves}
        caption={`Mean over ${params.replicates} replicates (every threshold on the same contexts and label coins). Always-query asks the human every round; APPO only when √(d log t)·‖φ¹ − φ²‖_{Σ⁻¹} > Γ. The claim is made at Γ = ${CLAIM_THRESHOLD}: median regret ratio ${f2(metrics.appoRegretRatio)} at a median ${percent(metrics.appoQueryShare)} of the rounds queried.`}
      >
        <LinesChart rows={series.appoCurves} x="t" xLabel="round t" yLabel="cumulative regret" lines={lines('regret')} />
      </ChartCard>
      <ChartCard
        name="appo-queries"
        title="Bandit: cumulative queries against log t"
        rows={series.appoCurves}
        caption="On a logarithmic t axis a straight line is growth like log t; always-query (queries = t) curves upward. Every answered duel shrinks Σ⁻¹ in its direction, so APPO asks less and less. The paper’s bound Õ(d²/Δ²), flat in T, needs a gap Δ between the best arm and the rest; fresh Gaussian arms have none, so here the queries keep growing, slowly (about a hundred per doubling of t at the defaults)."
      >
        <LinesChart rows={series.appoCurves} x="t" logX xLabel="round t (log scale)" yLabel="cumulative queries" lines={lines('queries')} />
      </ChartCard>
      <ChartCard
        name="appo-tradeoff"
        title="Bandit: the regret / queries trade-off"
        rows={series.appoTradeoff}
        caption="Each point is one threshold: the median share of rounds queried and the median regret relative to always-query. A higher Γ asks less and learns slower."
      >
        <DotPlot
          groups={series.appoTradeoff.map((r, i) => ({ name: r.threshold, colour: THRESHOLD_COLOURS[i % THRESHOLD_COLOURS.length], points: [[r.queryShare, r.regretRatio] as const] }))}
          xLabel="share of rounds queried"
          yLabel="regret ÷ always-query’s"
          yDomain={[0, Math.max(2, ...series.appoTradeoff.map((r) => r.regretRatio)) * 1.05]}
          label="Median regret ratio against median query share, one point per threshold"
        />
      </ChartCard>
      {series.winVsQueries && shownGamma !== undefined && (
        <ChartCard
          name="adpo-win-vs-queries"
          title={`Linear policy: win-rate against the number of human labels (γ = ${shownGamma})`}
          rows={series.winVsQueries}
          caption={`The first replicate. DPO asks about every pair; ADPO only when |m| ≤ γ, and pseudo-labels the rest by the sign of m; ADPO without pseudo-labels skips the rest. DPO’s β and learning rate are its own best (${metrics.tunedBeta}, ${metrics.tunedLearningRate}), ADPO’s its own (${metrics.adpoBeta}, ${metrics.adpoLearningRate}); the claim asks ADPO to reach ${TARGET_SHARE * 100}% of DPO’s final win-rate with ≤ ${QUERY_RATIO_MAX} × DPO’s queries to the same point (median ratio at the tuned γ = ${metrics.tunedGamma}: ${f2(metrics.adpoQueryRatio ?? NaN)}).`}
        >
          <DotPlot
            groups={ADPO_METHODS.map((method) => ({ name: METHOD_LABELS[method], colour: METHOD_COLOURS[method], points: series.winVsQueries!.filter((r) => r.method === method).map((r) => [r.queries, r.winRate] as const) }))}
            xLabel="human labels asked"
            yLabel="win-rate vs reference"
            yDomain={[0.5, Math.max(0.6, ...series.winVsQueries.map((r) => r.winRate)) + 0.01]}
            label="Win-rate against queries, one dot per checkpoint, for DPO, ADPO and ADPO without pseudo-labels"
          />
        </ChartCard>
      )}
      {series.marginHistogram && shownGamma !== undefined && (
        <ChartCard
          name="adpo-margins"
          title={`Linear policy: ADPO’s margins, with the ±γ query band (γ = ${shownGamma})`}
          rows={series.marginHistogram}
          caption="Every pair of the first replicate’s stream, its margin in the human’s order when ADPO saw it. Red: |m| ≤ γ, queried. Blue: pseudo-labelled the human’s way. Grey: pseudo-labelled against the human’s label (m < −γ: the flag −1 flips the pair). The human is noisy, so grey is not all error: the γ table gives the share of pseudo-labels that contradict the true preference."
        >
          <MarginHistogram rows={series.marginHistogram} gamma={shownGamma} />
        </ChartCard>
      )}
      {series.wrongShare && (
        <ChartCard
          name="adpo-wrong-pseudo-labels"
          title="Linear policy: share of pseudo-labels that contradict the true preference, over the stream"
          rows={series.wrongShare}
          caption={`Per interval of ${ADPO_EVAL_EVERY * ADPO_BATCH} pairs, mean over replicates, for each γ: pseudo-labels whose order is against the hidden reward’s. A small γ pseudo-labels early, while the model is still rough; a large γ pseudo-labels only pairs it is sure about, and asks about nearly everything. Against the noisy human’s label the shares are far higher (the γ table): mostly the human’s own noise.`}
        >
          <LinesChart rows={series.wrongShare} x="pairs" xLabel="pairs of the stream seen" yLabel="wrong share" lines={GAMMAS.map((g, i) => ({ key: gammaLabel(g), name: gammaLabel(g), colour: GAMMA_COLOURS[i] }))} />
        </ChartCard>
      )}
      {series.gammaSweep && (
        <ChartCard
          name="adpo-gamma-sweep"
          title="Linear policy: what γ buys and what it costs"
          rows={gammaTable(series.gammaSweep)}
          caption={`Queries to reach ${TARGET_SHARE * 100}% of DPO’s final win-rate, as a multiple of DPO’s own (median over ${params.replicates} replicates; ∞ where a replicate never got there), with and without pseudo-labels. Its table has the final win-rate gaps and the pseudo-labels’ error shares: at the smallest γ ADPO stops asking early and ends under DPO.`}
        >
          <LinesChart
            rows={series.gammaSweep.map((r) => ({ γ: r.gamma, ADPO: Number.isFinite(r.adpoQueryRatio) ? r.adpoQueryRatio : null, 'w/o PL': Number.isFinite(r.noPlQueryRatio) ? r.noPlQueryRatio : null }))}
            x="γ"
            xLabel="γ"
            yLabel="queries ÷ DPO’s"
            lines={[
              { key: 'ADPO', name: 'ADPO', colour: METHOD_COLOURS.adpo },
              { key: 'w/o PL', name: 'ADPO without pseudo-labels', colour: METHOD_COLOURS['adpo-no-pl'] },
            ]}
          />
        </ChartCard>
      )}
      {series.lmWinVsQueries && (
        <ChartCard
          name="adpo-lm-win-vs-queries"
          title={`Language model: win-rate against the reference by human labels asked (γ = ${params.lmGamma})`}
          rows={series.lmWinVsQueries}
          caption={`The first of ${params.lmReplicates} replicates. A tiny transformer that reverses words, fine-tuned from its SFT reference on pairs of the reference’s own answers; the “human” prefers the answer with more letters of the reversed word in place (less one per letter of length difference), with probability σ(Δscore / ${params.lmOracleTemperature}). Win-rate: one answer per held-out word against the reference’s, so the first dots (the policy is still the reference) sit off 0.5 by that sampling noise. This replicate ends at DPO ${lmFinal(series.lmWinVsQueries, 'dpo')}, ADPO ${lmFinal(series.lmWinVsQueries, 'adpo')}; over all ${params.lmReplicates} replicates (the claim row’s) DPO ends at ${metrics.lmDpoFinalWinRate?.toFixed(3)}, ADPO at ${metrics.lmAdpoFinalWinRate?.toFixed(3)} on average.`}
        >
          <DotPlot
            groups={ADPO_METHODS.map((method) => ({ name: METHOD_LABELS[method], colour: METHOD_COLOURS[method], points: series.lmWinVsQueries!.filter((r) => r.method === method).map((r) => [r.queries, r.winRate] as const) }))}
            xLabel="human labels asked"
            yLabel="win-rate vs reference"
            yDomain={[0, 1]}
            label="Language-model tier: win-rate against queries, one dot per checkpoint, for DPO, ADPO and ADPO without pseudo-labels"
          />
        </ChartCard>
      )}
      {series.adpoTuning && (
        <details className="card">
          <summary>ADPO’s own tuning at γ = {metrics.tunedGamma}: queries to DPO’s target and final gap on the tuning replicates</summary>
          <DataTable rows={series.adpoTuning.map((r) => ({ β: r.beta, 'learning rate': r.learningRate, 'queries ÷ DPO’s': f2(r.queryRatio), 'ADPO − DPO, final': f3(r.finalGap), chosen: r.chosen }))} caption="ADPO at each (β, learning rate) of the grid against the tuned DPO, on the tuning replicates; the chosen point asks least among those ending within 0.01 of DPO" />
        </details>
      )}
      {series.dpoTuning && (
        <details className="card">
          <summary>DPO’s own tuning: final win-rate on the tuning replicates</summary>
          <DataTable rows={series.dpoTuning} caption="Mean final win-rate of DPO at each (β, learning rate) on replicates of their own; the chosen one is the baseline, and ADPO’s γ is tuned at it" />
        </details>
      )}
    </div>
  );
}
