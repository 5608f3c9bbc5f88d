import { useState } from 'react';
import type { DemoViewProps } from '../../ui/defineDemo';
import type { SpinResults } from './experiment';
import { ChartCard, DataTable } from '../../ui/ChartCard';
import { LinesChart } from '../../ui/LinesChart';
import { COLOURS, DistributionBars, RewardLines } from './charts';
import { betaLabel, SWEEP_BETAS, TABULAR_SETUP } from './experiment';
import { OKABE_ITO } from '../../ui/palette';

const BETA_COLOURS = [OKABE_ITO.vermillion, OKABE_ITO.orange, OKABE_ITO.bluishGreen, OKABE_ITO.blue, OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue];
const pct = (share: number) => `${(100 * share).toFixed(1)}%`;

export function SpinView({ results }: DemoViewProps<SpinResults>) {
  const [prompt, setPrompt] = useState(0);
  const [iteration, setIteration] = useState(0);
  if (!results) return null;
  const { series, params, metrics } = results;
  const shownIteration = Math.min(iteration, params.iterations - 1);
  const bars = series.tabularBars.filter((r) => r.prompt === prompt && r.iteration === shownIteration);
  const betas = Array.from(new Set<number>([...SWEEP_BETAS, params.beta])).sort((a, b) => a - b);
  const lm = series.lmIterations ?? [];
  const lmLast = lm.at(-1);
  return (
    <div className="view">
      {bars.length > 0 && (
        <ChartCard
          name="tabular-bars"
          title={`Tabular tier: one prompt’s responses, iteration ${shownIteration} → ${shownIteration + 1} (β = ${params.beta})`}
          rows={bars}
          caption={
            <>
              Grey: the data distribution p_data(·|x). Blue: the model at the start of the iteration, the opponent, which generates the synthetic responses. Red: the model after this
              iteration’s SPIN training. Dashed ghost: the closed-form optimum p_t·(p_data/p_t)^(1/β); where red sits on the ghost, training reached the theory’s optimum. β = 1 would
              put the ghost on the grey bar; β &gt; 1 stops part of the way; β &lt; 1 goes past it.{' '}
              <label>
                Prompt{' '}
                <select value={prompt} onChange={(e) => setPrompt(Number(e.target.value))} data-testid="bars-prompt">
                  {Array.from({ length: TABULAR_SETUP.prompts }, (_, x) => (
                    <option key={x} value={x}>
                      x = {x}
                    </option>
                  ))}
                </select>
              </label>{' '}
              <label>
                Iteration{' '}
                <select value={shownIteration} onChange={(e) => setIteration(Number(e.target.value))} data-testid="bars-iteration">
                  {Array.from({ length: params.iterations }, (_, t) => (
                    <option key={t} value={t}>
                      {t} → {t + 1}
                    </option>
                  ))}
                </select>
              </label>
            </>
          }
        >
          <DistributionBars rows={bars} />
        </ChartCard>
      )}
      {series.tabularIterations && (
        <ChartCard
          name="tabular-kl"
          title={`Tabular tier: KL(p_data ‖ p) per iteration, β = ${params.beta}`}
          rows={series.tabularIterations}
          caption={`Iteration 0 is the SFT model (tempered, too flat). SPIN (red) vs SFT continued for the same Adam steps (green), which first reaches the maximum-likelihood fit of the ${TABULAR_SETUP.samples} pairs and then has nothing left to learn from them. Dashed: the closed-form iterate from the previous model. After ${params.iterations} iterations: SPIN ${metrics.tabularSpinKl?.toFixed(3)}, SFT continued ${metrics.tabularSftContinuedKl?.toFixed(3)}.`}
        >
          <LinesChart
            rows={series.tabularIterations}
            x="iteration"
            xLabel="iteration"
            yLabel="KL to p_data (log)"
            log
            lines={[
              { key: 'spinKl', name: 'SPIN', colour: COLOURS.spin },
              { key: 'sftKl', name: 'SFT continued', colour: COLOURS.sft },
              { key: 'closedFormKl', name: 'closed-form iterate', colour: COLOURS.closedForm, dashed: true },
            ]}
          />
        </ChartCard>
      )}
      {series.betaSweep && (
        <ChartCard
          name="beta-sweep"
          title="Tabular tier: KL per iteration for several β"
          rows={series.betaSweep}
          caption="Same SFT model, same learning rate, same synthetic draws at iteration 1. β = 1 jumps close to the data in one iteration; β > 1 moves conservatively; small β overshoots (the KL rises): at full optimisation the step (p_data/p_t)^{1/β} is raised to a power above 1."
        >
          <LinesChart
            rows={series.betaSweep}
            x="iteration"
            xLabel="iteration"
            yLabel="KL to p_data (log)"
            log
            lines={[...betas.map((b, i) => ({ key: betaLabel(b), name: betaLabel(b), colour: BETA_COLOURS[i % BETA_COLOURS.length] })), { key: 'SFT continued', name: 'SFT continued', colour: '#222', dashed: true }]}
          />
        </ChartCard>
      )}
      {series.tabularIterations && (
        <ChartCard
          name="tabular-rewards"
          title="Tabular tier: rewards of real and generated responses"
          rows={series.tabularIterations}
          caption="The implicit reward β·log(p_θ/p_opp) of the real and the generated responses at the end of each iteration’s training, their difference (the margin) and the share of pairs where the real one wins (reward accuracy). As the model approaches the data, generated and real look alike and the next iteration has less to learn."
        >
          <RewardLines rows={series.tabularIterations} />
        </ChartCard>
      )}
      {params.lm === 'on' && lm.length === 0 && <p className="caption">The language-model tier is training…</p>}
      {lm.length > 0 && (
        <ChartCard
          name="lm-exact-match"
          title="Language model: held-out exact match per iteration"
          rows={lm}
          caption={`Reversing ${params.lmHeldOut} held-out words (never in the SFT data), near-greedy decoding. Iteration 0 is the SFT model; then SPIN (red) vs SFT continued for as many steps (green). This is the first of the claim’s replicates.${lmLast && lm.length > 1 ? ` Last iteration: SPIN ${pct(lmLast.spinExactMatch)}, SFT continued ${pct(lmLast.sftExactMatch)}.` : ''} Whether SPIN wins over the replicates is reported as measured, in the claim list.`}
        >
          <LinesChart
            rows={lm}
            x="iteration"
            xLabel="iteration"
            yLabel="exact match"
            lines={[
              { key: 'spinExactMatch', name: 'SPIN', colour: COLOURS.spin },
              { key: 'sftExactMatch', name: 'SFT continued', colour: COLOURS.sft },
              { key: 'generatedCorrect', name: 'opponent’s training responses already correct', colour: COLOURS.generated, dashed: true },
            ]}
          />
        </ChartCard>
      )}
      {lm.length > 0 && (
        <ChartCard name="lm-log-likelihood" title="Language model: held-out log-likelihood per iteration" rows={lm} caption="Mean log π(correct response | prompt) on the held-out words, summed over the response’s tokens.">
          <LinesChart
            rows={lm}
            x="iteration"
            xLabel="iteration"
            yLabel="log-likelihood (nats)"
            lines={[
              { key: 'spinHeldOutLogLikelihood', name: 'SPIN', colour: COLOURS.spin },
              { key: 'sftHeldOutLogLikelihood', name: 'SFT continued', colour: COLOURS.sft },
            ]}
          />
        </ChartCard>
      )}
      {lm.length > 1 && (
        <ChartCard
          name="lm-rewards"
          title="Language model: rewards, margin and reward accuracy"
          rows={lm.slice(1)}
          caption="At the last step of each iteration, over its batch: β·log(π/π_opp) of the real and the generated responses, the margin between them, and the share of pairs where the real response scores higher. A generated response identical to the real one scores the same (it counts as not won)."
        >
          <RewardLines rows={lm.slice(1)} />
        </ChartCard>
      )}
      {series.lmSamples && series.lmSamples.length > 0 && (
        <details className="card" open>
          <summary>Held-out words: the final SPIN and SFT-continued answers</summary>
          <DataTable rows={series.lmSamples} caption="Prompt, the correct reversal, and each model’s near-greedy answer after the last iteration" />
        </details>
      )}
    </div>
  );
}
