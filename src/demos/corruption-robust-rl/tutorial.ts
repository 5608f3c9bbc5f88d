import type { TutorialStep } from '../../lib/demo';
import type { CorruptionRobustParams } from './params';
import { ONLINE_METHODS, type CorruptionRobustResults } from './experiment';

const claim = (r: CorruptionRobustResults, id: string) => r.claims.find((c) => c.id === id);
const atC = (r: CorruptionRobustResults, C: number) => r.series.regretVsC.find((row) => row.C === C);

export const tutorial: TutorialStep<CorruptionRobustParams, CorruptionRobustResults>[] = [
  {
    title: 'Optimism on a chain, no adversary',
    focus: 'chart-regret-vs-t',
    params: { corruption: 0, offline: 'off' },
    body:
      'A 5-state chain: “right” advances with an unknown probability θ, and the reward waits at the far end. The learner knows 19 candidate θ’s and keeps a confidence set of those whose ' +
      'log-likelihood is close to the best. It acts optimistically: it plays as if the most rewarding model in the set were true. Trying right reveals θ, so optimism learns fast; ' +
      'regret (what it lost against the optimal policy, exactly computed) stays tiny for all three learners.',
    expect: {
      label: 'Without corruption every learner’s mean regret over 800 episodes is below 5.',
      check: (r) => {
        const clean = atC(r, 0);
        return clean !== undefined && ONLINE_METHODS.every((m) => clean[`${m}Mean` as const] < 5);
      },
    },
  },
  {
    title: 'An adversary strikes early',
    focus: 'chart-regret-vs-t',
    params: { corruption: 80, offline: 'off' },
    body:
      'Now the first 80 right moves are drawn with θ = 0.1: right looks hopeless. The unweighted MLE believes it, the true θ* = 0.6 falls out of the confidence set, and the learner ' +
      'plays left forever, never collecting the evidence that would correct it. Its regret grows linearly with the number of episodes: 80 corrupted transitions cost ~1000.',
    expect: { label: 'Unweighted OMLE reaches regret ≥ 500 on at least 90% of the 10 seeds.', check: (r) => claim(r, 'omle-regret-linear')?.passed === true },
  },
  {
    title: 'Weights: distrust what would move you too much',
    focus: 'chart-weight-trace',
    params: { corruption: 80, offline: 'off' },
    body:
      'CR-OMLE gives each sample a weight w = min{1, α/Γ}, where Γ compares how much the models still in the set disagree about this sample with how much they have disagreed on all data so far. ' +
      'Early samples are highly informative (large Γ), so they get small weights: an adversary who strikes early can only move the likelihood a little. Later samples get weight 1. ' +
      'See the weight trace: the red (corrupted) points sit low; the total weight on corruption stays near 4 instead of 80.',
    expect: {
      label: 'CR-OMLE’s regret stays ≤ 10 on at least 90% of seeds, and Σ weights on corrupted samples ≤ 10.',
      check: (r) => claim(r, 'cr-omle-regret-bounded')?.passed === true && claim(r, 'weights-cap-corruption')?.passed === true,
    },
  },
  {
    title: 'Additive, not multiplicative',
    focus: 'chart-regret-vs-c',
    params: { corruption: 160, offline: 'off' },
    body:
      'The bound is Õ(√T + C): corruption adds to the regret instead of multiplying it. Doubling C to 160 moves CR-OMLE’s regret by a few units, not by hundreds. ' +
      'The known-C baseline (its radius inflated by the whole corruption budget) is also safe on this chain, and at C = 160 even slightly better; the theory separates them on richer classes, ' +
      'where an inflated radius costs C·√T (multiplicative) and the weights cost √T + C. Both are told the true budget C here; the next step tells them a wrong one.',
    expect: {
      label: 'CR-OMLE’s mean regret at C = 160 exceeds that at C = 0 by at most 0.1 × C.',
      check: (r) => {
        const [clean, high] = [atC(r, 0), atC(r, 160)];
        return clean !== undefined && high !== undefined && high['cr-omleMean'] - clean['cr-omleMean'] <= 16;
      },
    },
  },
  {
    title: 'A wrong budget',
    focus: 'wrong-budget',
    params: { corruption: 80, offline: 'off' },
    body:
      'Both robust learners were told the true budget. Nobody knows it in practice, so the run also tells them half (40) and double (160) the true 80. The inflated radius told 40 is too narrow: ' +
      'on some seeds the corruption pushes the true model out and it never comes back. CR-OMLE’s radius does not depend on C at all (β₀ + √β₀); only its weight threshold α does, so a wrong budget ' +
      'changes how fast it trusts samples, not whether it can be fooled. And tuned for C = 80 but facing no corruption, it pays a couple of units of regret: the fair “no cost without corruption” check. ' +
      'Open “Wrong budgets” below the charts for the numbers.',
    expect: {
      label: 'Told half or double, CR-OMLE keeps regret ≤ 10 on at least 90% of seeds, while the known-C radius told half fails on some seed; tuned for 80, clean data costs CR-OMLE ≤ 8.',
      check: (r) => {
        const half = r.series.wrongBudget.find((row) => row.C === 80 && row.told === 40);
        return claim(r, 'wrong-budget-graceful')?.passed === true && half !== undefined && half['known-cWithin10'] < 1 && claim(r, 'no-corruption-no-cost')?.passed === true;
      },
    },
  },
  {
    title: 'Offline: pessimism needs a corruption-aware radius',
    focus: 'chart-offline-failures',
    params: { corruption: 80, offline: 'on' },
    body:
      'Offline, the learner gets a log of random play (θ* = 0.2, so left is optimal) in which the first c right moves were reported as successes of θ = 0.9. Plug-in MLE trusts the best fit; ' +
      'PMLE is pessimistic (the policy with the best worst case over its confidence set) but its set is sized for clean data, and it breaks past about 2.4 corrupted samples per episode. ' +
      'CR-PMLE widens the set by what c corrupted samples can do and goes left — but left is also what pessimism does when in doubt, so here it cannot fail. The other instance is ' +
      'θ* = 0.6 (right optimal) with c right moves reported as failures. There caution is wrong, and CR-PMLE must gather enough data (n ≳ 13c) for its wider set to drop the models that favour left; ' +
      'but that corruption pushes toward pessimism’s own choice, so PMLE needs no protection and CR-PMLE at best ties it (a limit row). On a two-action chain this is always so: the offline win over PMLE is shown only where left is optimal. A richer MDP with three policies could show more; it is not built.',
    expect: {
      label: 'PMLE fails on ≥ 90% of logs at (n, c) = (50, 120) and (100, 240); with right optimal, CR-PMLE is right on ≥ 90% at (n, c) = (400, 10) (the no-cost limit row: PMLE is too).',
      check: (r) => claim(r, 'offline-pmle-breaks')?.passed === true && claim(r, 'offline-cr-pmle-recovers')?.passed === true,
    },
  },
  {
    title: 'The price of robustness',
    focus: 'chart-robustness-price',
    params: { corruption: 80, offline: 'on', offlineEpisodes: 100 },
    body:
      'Robustness is not free. On clean data where right is optimal (θ* = 0.6), a CR-PMLE told to expect c corrupted samples keeps models under which right looks bad, and pessimism picks left. ' +
      'With 100 episodes, guarding against a handful of corruptions already costs the right answer; a larger dataset buys more robustness. This is the C/n in the offline bound.',
    expect: {
      label: 'PMLE gets it right on clean data, and CR-PMLE told to expect 32 corruptions does not (the limit row).',
      check: (r) => {
        const rows = r.series.robustnessPrice ?? [];
        return rows.find((x) => x.budget === 0)?.pmleFailRate === 0 && claim(r, 'offline-robustness-price')?.passed === true;
      },
    },
  },
];
