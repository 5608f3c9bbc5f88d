import type { DemoViewProps } from '../../ui/defineDemo';
import type { LinearMixtureSspResults } from './experiment';
import { BandChart } from '../../ui/BandChart';
import { ChartCard, DataTable } from '../../ui/ChartCard';
import { LinesChart } from '../../ui/LinesChart';
import { FULL_RADIUS_SCALES, POLICY_LABELS, SLOPE_MIN_BSTAR, TUNING_SEEDS } from './experiment';
import { RATIO_MAX } from './claims';
import { NEUTRAL, OKABE_ITO } from '../../ui/palette';

const COLOURS = { hoeffding: OKABE_ITO.blue, 'hoeffding-perturbed': OKABE_ITO.reddishPurple, 'variance-aware': OKABE_ITO.vermillion, optimal: OKABE_ITO.bluishGreen, random: NEUTRAL };

export function LinearMixtureSspView({ results }: DemoViewProps<LinearMixtureSspResults>) {
  if (!results) return null;
  const { series, params, metrics } = results;
  const { regretVsBStar = [], regretVsD = [], tuningVsScale = [], ratioVsBoundHint = [], perSeed = [] } = series;
  const slope = (v: number | undefined) => (v === undefined ? 'n/a' : v.toFixed(2));
  return (
    <div className="view">
      {params.instance === 'hard' ? (
        <section className="card" aria-labelledby="instance-title">
          <h3 id="instance-title">The hard instance</h3>
          <p className="caption">
            One state and a goal. Each of the {metrics.actions} actions a ∈ {'{−1, +1}'}^{params.dim - 1} reaches the goal with probability δ + ⟨μ, a⟩ = {params.delta} ± up to {params.gap}, and every step
            costs 1, so an episode lasts B* = 1/(δ + Δ) = {metrics.bStar?.toFixed(1)} steps on average under the best action. The learner knows the features φ(s′ | s, a) but not θ* = (μ, 1): it must find
            the best action from long, noisy episodes. Costs per episode are geometric, with a standard deviation of about B*; but each step’s outcome is a coin with variance only about 1/B* of its
            range. The variance-aware confidence set exploits exactly that.
          </p>
        </section>
      ) : (
        <section className="card" aria-labelledby="instance-title">
          <h3 id="instance-title">The zero-cost gridworld</h3>
          <p className="caption">
            4×4 cells, start top left, goal top right, four moves. Moves slip sideways, stick or jump, by a mixture of {params.dim} base kernels with unknown weights θ*. Every step costs 1 except on the
            bottom row, a conveyor that carries you right and up the far edge for free but slowly: c_min = 0, which Hoeffding-style LEVIS cannot handle without raising every cost by a small ε (the purple
            line). The optimal policy pays V*(start) = {metrics.bStar?.toFixed(2)} per episode.
          </p>
        </section>
      )}
      {series.regretVsK.length > 0 && (
        <ChartCard
          name="regret-vs-k"
          title={`Regret over ${params.episodes} episodes (B* = ${metrics.bStar?.toFixed(1)})`}
          rows={series.regretVsK}
          caption={`Mean over ${params.seeds} seeds, band min–max. The optimal policy’s line is the noise floor (its regret is 0 in expectation); the random policy’s is linear. Final mean regret: variance-aware ${metrics.varianceAwareRegret?.toFixed(0)}, Hoeffding ${metrics.hoeffdingRegret?.toFixed(0)}.`}
        >
          <BandChart
            rows={series.regretVsK}
            x="episode"
            xLabel="episode K"
            yLabel="cumulative regret"
            bands={(['hoeffding', 'hoeffding-perturbed', 'variance-aware', 'optimal', 'random'] as const).filter((p) => series.regretVsK[0]?.[`${p}Mean` as const] !== undefined).map((p) => ({ key: p, name: POLICY_LABELS[p], colour: COLOURS[p] }))}
          />
        </ChartCard>
      )}
      {regretVsBStar.length > 0 && (
        <ChartCard
          name="regret-vs-bstar"
          title="Regret/√K vs B* (log–log)"
          rows={regretVsBStar}
          caption={`Same K, d and seeds; δ ∈ {0.2, 0.1, 0.05, 0.025} with Δ = 0.4 δ (the shown instance is one of the points only when its own Δ is 0.4 δ). Pseudo-regret (the regret without its sampling noise). Theory: Hoeffding sets pay about B*^1.5, variance-aware ones B*. Slopes fitted over B* ≥ ${SLOPE_MIN_BSTAR} (shorter episodes are dominated by which action a learner happens to try first), each seed alone, then averaged: Hoeffding ${slope(metrics.hoeffdingSlope)} (theory 1.5), variance-aware ${slope(metrics.varianceAwareSlope)} (theory 1). Each seed’s slope rests on three points: read the gap between the slopes and its spread (the claim row), not their exact values.`}
        >
          <LinesChart
            rows={regretVsBStar}
            x="bStar"
            xLabel="B* = 1/(δ + Δ)"
            yLabel="regret / √K (log)"
            log
            logX
            lines={[
              { key: 'hoeffdingPerSqrtK', name: POLICY_LABELS.hoeffding, colour: COLOURS.hoeffding },
              { key: 'varianceAwarePerSqrtK', name: POLICY_LABELS['variance-aware'], colour: COLOURS['variance-aware'] },
            ]}
          />
        </ChartCard>
      )}
      {tuningVsScale.length > 0 && (
        <ChartCard
          name="tuning-vs-scale"
          title="Each learner’s own radius scale: pseudo-regret vs scale (tuning seeds)"
          rows={tuningVsScale}
          caption={`The tuning sweep: each learner on ${TUNING_SEEDS} tuning seeds of their own (not the run’s seeds), at every scale of its grid, fixed before looking. Each curve is U-shaped: too small a scale and a learner sometimes locks onto a wrong action early; too large and it keeps exploring (at the radii’s own constants, scale 1, neither learns at all). The full Bernstein-type radius is hundreds of times the others at equal scale, so its grid (${FULL_RADIUS_SCALES[0]}…${FULL_RADIUS_SCALES[FULL_RADIUS_SCALES.length - 1]}) sits far to the left. Each learner then runs at its own best scale on the run’s seeds: the tuned claim row compares them; one common scale for both (the other ratio row) is not a fair comparison.`}
        >
          <LinesChart
            rows={tuningVsScale}
            x="scale"
            xLabel="radius scale"
            yLabel="mean pseudo-regret after K (log)"
            log
            logX
            lines={[
              { key: 'hoeffding', name: POLICY_LABELS.hoeffding, colour: COLOURS.hoeffding },
              { key: 'varianceAwareLeading', name: `${POLICY_LABELS['variance-aware']}, leading-term radius`, colour: COLOURS['variance-aware'] },
              { key: 'varianceAwareFull', name: `${POLICY_LABELS['variance-aware']}, full Bernstein-type radius`, colour: COLOURS['hoeffding-perturbed'] },
            ]}
          />
        </ChartCard>
      )}
      {ratioVsBoundHint.length > 0 && (
        <ChartCard
          name="ratio-vs-bound-hint"
          title="The B hint: learners told B = factor × B*"
          rows={ratioVsBoundHint}
          caption={`The paper assumes a known bound B ≥ B*; the learners normalise values by it. Factor 2 is a loose but valid bound; 0.5 is wrong (values above B are clipped). Same instance, common radius scale ${params.radiusScale}, K and seeds: values are normalised by B, so for the Hoeffding set B = 2·B* acts like doubling its radius scale; this is a common-scale comparison, not a tuned one. Mean pseudo-regret of each learner (the table has their ratio; the claim’s margin is ${RATIO_MAX}).`}
        >
          <LinesChart
            rows={ratioVsBoundHint}
            x="factor"
            xLabel="B hint (× B*)"
            yLabel="pseudo-regret after K episodes"
            logX
            lines={[
              { key: 'hoeffding', name: POLICY_LABELS.hoeffding, colour: COLOURS.hoeffding },
              { key: 'varianceAware', name: POLICY_LABELS['variance-aware'], colour: COLOURS['variance-aware'] },
            ]}
          />
        </ChartCard>
      )}
      {regretVsD.length > 0 && (
        <ChartCard
          name="regret-vs-d"
          title="Final pseudo-regret vs dimension d (hard instance)"
          rows={regretVsD}
          caption={`Same δ = ${params.delta}, Δ = ${params.gap}, K and seeds; d = 2 … 6, so 1 … 32 actions. The bounds grow linearly in d (Õ(d·B*·√K)).`}
        >
          <LinesChart
            rows={regretVsD}
            x="d"
            xLabel="dimension d"
            yLabel="final pseudo-regret"
            lines={[
              { key: 'hoeffding', name: POLICY_LABELS.hoeffding, colour: COLOURS.hoeffding },
              { key: 'varianceAware', name: POLICY_LABELS['variance-aware'], colour: COLOURS['variance-aware'] },
            ]}
          />
        </ChartCard>
      )}
      {perSeed.length > 0 && (
        <details className="card">
          <summary>Every seed</summary>
          <DataTable rows={perSeed} caption="Final regret of each policy, the learners’ number of planning phases, and episodes cut at the cap" />
        </details>
      )}
    </div>
  );
}
