import type { TutorialStep } from '../../lib/demo';
import type { AppoAdpoParams } from './params';
import type { AppoAdpoResults } from './experiment';

const claim = (r: AppoAdpoResults, id: string) => r.claims.find((c) => c.id === id);
const tradeoff = (r: AppoAdpoResults, label: string) => r.series.appoTradeoff.find((row) => row.threshold === label);
const sweep = (r: AppoAdpoResults, gamma: number) => r.series.gammaSweep?.find((row) => row.gamma === gamma);

/**
 * The last step changes the shown γ at a small size, so that it runs in seconds; the others are the
 * default run (the claim's sizes), which the page has precomputed.
 */
const SMALL: Partial<AppoAdpoParams> = { replicates: 2, horizon: 600, pairs: 1000, lm: 'off' };

export const tutorial: TutorialStep<AppoAdpoParams, AppoAdpoResults>[] = [
  {
    title: 'A human in the loop costs a label per round',
    focus: 'chart-appo-queries',
    params: {},
    body:
      'Each round of the dueling bandit brings ten arms. The learner plays its best guess a¹ and an optimistic challenger a², and may ask a human which of the two is better (a Bradley–Terry coin on the hidden reward). ' +
      'Always asking is the baseline: one label per round. APPO asks only when it is unsure about this duel — when √(d log t)·‖φ¹ − φ²‖_{Σ⁻¹} exceeds Γ, where Σ sums the duels it has already asked about.',
    expect: {
      label: 'At Γ = 1 APPO asks in under 30% of the rounds.',
      check: (r) => (tradeoff(r, 'Γ = 1')?.queryShare ?? 1) < 0.3,
    },
  },
  {
    title: 'Queries that stop growing',
    focus: 'chart-appo-queries',
    params: {},
    body:
      'Look at the cumulative queries on the log-t axis: always-query bends upward (it is t), APPO at Γ = 1 and 2 runs nearly straight, i.e. like log t. Every answered duel shrinks Σ⁻¹ in its direction, so the same question soon stops being uncertain. ' +
      'The paper’s bound says the number of queries does not grow with T at all (Õ(d²/Δ²)), but it needs a gap Δ between the best arm and the rest; fresh Gaussian arms have none, so here the queries keep growing, slowly: about as many in each doubling of t as in the one before.',
    expect: {
      label: 'At Γ = 1 APPO asks fewer than 1.2 times as many questions in the last doubling of t as in the one before (always-query: 2).',
      check: (r) => claim(r, 'appo-queries-logarithmic')?.passed === true,
    },
  },
  {
    title: 'The price: a higher Γ learns slower',
    focus: 'chart-appo-tradeoff',
    params: {},
    body:
      'The trade-off chart puts each Γ at its query share and its regret relative to always-query. Γ = 0.5 asks in about two thirds of the rounds for the same regret; Γ = 1 in about a fifth for a little more; Γ = 2 in a twentieth, and its regret is several times higher.',
    expect: {
      label: 'Γ = 2 asks less than Γ = 1 and has the higher regret.',
      check: (r) => {
        const [one, two] = [tradeoff(r, 'Γ = 1'), tradeoff(r, 'Γ = 2')];
        return one !== undefined && two !== undefined && two.queryShare < one.queryShare && two.regretRatio > one.regretRatio;
      },
    },
  },
  {
    title: 'ADPO: ask only about close calls, pseudo-label the rest',
    focus: 'chart-adpo-margins',
    params: {},
    body:
      'The second tier trains a log-linear policy with DPO on a stream of response pairs. The implicit-reward margin m = β⟨w, φ(chosen) − φ(rejected)⟩ says how sure the model is. ADPO asks the human when |m| ≤ γ (the red band of the histogram); otherwise it takes the sign of m as the label — the official trainer’s flag sign(m + γ), which flips the pair when the model confidently disagrees with the human’s label (the grey bars). The human is noisy: most grey bars are the model being right and the human wrong.',
    expect: {
      label: 'The flag rule gives [−1, +1, +1, +1] on margins [−3, −0.5, 0.5, 3] at γ = 1, and at the tuned γ ADPO asks about fewer pairs than DPO.',
      check: (r) => claim(r, 'adpo-flag-rule')?.passed === true && (sweep(r, r.metrics.tunedGamma ?? NaN)?.queriedShare ?? 1) < 1,
    },
  },
  {
    title: 'Against a DPO tuned for itself',
    focus: 'chart-adpo-gamma-sweep',
    params: {},
    body:
      'DPO gets its own best β and learning rate from a grid, on replicates of their own; ADPO gets its own γ and then its own β and learning rate, on the same tuning replicates. Then the question is like for like: how many labels does ADPO need to reach 98% of DPO’s final win-rate, against the labels DPO itself needed? ' +
      'Read the claim row and the γ chart: on this toy a tuned DPO gets there early; ADPO saves about a third of DPO’s labels, short of the claimed 0.6, and ends a little below DPO. Against DPO’s whole stream (the literal reading) the ratio looks small, but DPO’s own is just as small.',
    expect: {
      label: 'The tuned DPO ends above a win-rate of 0.6, and the ADPO claim reports its ratio over replicates.',
      check: (r) => (r.metrics.dpoFinalWinRate ?? 0) > 0.6 && (claim(r, 'adpo-fewer-queries')?.spread?.replicates ?? 0) >= 3,
    },
  },
  {
    title: 'The same rule on a language model',
    focus: 'chart-adpo-lm-win-vs-queries',
    params: {},
    body:
      'The third tier fine-tunes a tiny transformer that reverses words. Its SFT reference answers each stream prompt twice, and a stated scoring rule plays the human. The margin m is now β times a difference of sequence log-probability ratios, computed by the fused kernel on WebGPU. ' +
      'Read its claim row and chart: whatever the outcome, it is reported over replicates. Here the oracle’s score is known, so a pseudo-label can be checked against the truth: the note gives the share that contradicts it.',
    expect: {
      label: 'The language-model claim is reported over 5 replicates, with DPO’s and ADPO’s final win-rates.',
      check: (r) => (claim(r, 'adpo-lm-fewer-queries')?.spread?.replicates ?? 0) >= 5 && r.metrics.lmDpoFinalWinRate !== undefined && r.metrics.lmAdpoFinalWinRate !== undefined,
    },
  },
  {
    title: 'When pseudo-labels take over',
    focus: 'chart-adpo-wrong-pseudo-labels',
    params: { ...SMALL, shownGamma: '0.1' },
    body:
      'This step runs a smaller problem (2 replicates, 600 rounds, 1000 pairs, no language model) and shows γ = 0.1. At a small γ ADPO soon stops asking: its margins pass γ early, and from then on it labels pairs itself. Those labels are mostly right, but they only repeat what the model already believes, so the rough early estimate is trained further in its own direction instead of corrected. The error chart shows more pseudo-labels against the truth at γ = 0.1 than at larger γ, and the γ table shows ADPO ending below DPO there.',
    expect: {
      label: 'At γ = 0.1 a larger share of pseudo-labels contradicts the true preference than at γ = 2.',
      check: (r) => (sweep(r, 0.1)?.againstTruthShare ?? 0) > (sweep(r, 2)?.againstTruthShare ?? 1),
    },
  },
];
