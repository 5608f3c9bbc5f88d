import type { TutorialStep } from '../../lib/demo';
import type { LinearMixtureSspParams } from './params';
import type { LinearMixtureSspResults } from './experiment';

const claim = (r: LinearMixtureSspResults, id: string) => r.claims.find((c) => c.id === id);

export const tutorial: TutorialStep<LinearMixtureSspParams, LinearMixtureSspResults>[] = [
  {
    title: 'A shortest path with long, noisy episodes',
    focus: 'chart-regret-vs-k',
    params: { sweep: 'off', scaleSweep: 'off' },
    body:
      'Stochastic shortest path: pay 1 per step until you reach the goal. Here every action reaches it with probability about δ = 0.025, the best one with δ + Δ = 0.035, so even the optimal policy ' +
      'needs B* ≈ 29 steps on average, with a standard deviation just as large. Regret compares the learner’s total cost with K·B*. The green line (the optimal policy itself) shows how much ' +
      'that noise alone moves the regret: it wanders around 0. The simulator is checked against 1/(δ + Δ) over 10 000 episodes.',
    expect: { label: 'The optimal policy’s mean cost is within 3% of 1/(δ + Δ).', check: (r) => claim(r, 'optimal-cost-matches')?.passed === true },
  },
  {
    title: 'Optimism with a confidence set',
    focus: 'chart-regret-vs-k',
    params: { sweep: 'off', scaleSweep: 'off' },
    body:
      'The learner never sees θ*, only features: it regresses the value of the next state on φ_V(s, a) and keeps an ellipsoid of plausible θ’s around the estimate. It plans with the most optimistic ' +
      'θ in it (extended value iteration, discounted by 1 − 1/t so it converges) and re-plans only when the data’s information doubles. Both learners stop paying for exploration over time: ' +
      'their regret curves bend (sublinear), unlike the random policy’s straight line.',
    expect: { label: 'Both learners: R(2000)/R(500) ≤ 3.5 (4 would be linear).', check: (r) => claim(r, 'regret-sublinear')?.passed === true },
  },
  {
    title: 'Variance-aware confidence sets',
    focus: 'chart-regret-vs-k',
    params: { sweep: 'off', scaleSweep: 'off' },
    body:
      'A Hoeffding-type set assumes each observation could be anywhere in its range [0, B]. But one step here is a coin flip that almost always keeps you where you are: its variance is about 1/B* of ' +
      'the range squared. The variance-aware learner estimates that variance (from a second regression, on the squared values) and weights each observation by 1/σ̄², so the same data pin θ* down ' +
      'much tighter. Less exploration, less regret. Its estimator here is HOME with M = 3 moment levels: the variance of V̄ comes from a regression on V̄², whose own ' +
      'variance comes from one on V̄⁴, and the top level gets the trivial bound. Both radii are multiplied by a common scale 0.1: the next steps show how much the advantage depends on it.',
    expect: { label: 'Variance-aware pseudo-regret ≤ 0.8 × Hoeffding pseudo-regret (mean over seeds).', check: (r) => claim(r, 'variance-aware-beats-hoeffding')?.passed === true },
  },
  {
    title: 'How regret scales with B*',
    focus: 'chart-regret-vs-bstar',
    params: { sweep: 'on', scaleSweep: 'off' },
    body:
      'The paper’s bound is Õ(d·B*·√K), which matches the lower bound; Hoeffding-style sets give Õ(d·B*^1.5·√K). The sweep repeats both learners for δ = 0.2, 0.1, 0.05, 0.025 (B* from 3.6 to 29) ' +
      'and fits slopes on log–log axes, seed by seed. With short episodes (small B*) the variance advantage is small; it grows with B*.',
    expect: {
      label: 'The variance-aware slope is below the Hoeffding slope.',
      check: (r) => r.metrics.varianceAwareSlope !== undefined && r.metrics.hoeffdingSlope !== undefined && r.metrics.varianceAwareSlope < r.metrics.hoeffdingSlope,
    },
  },
  {
    title: 'A fair comparison: each learner at its own radius scale',
    focus: 'chart-tuning-vs-scale',
    params: { sweep: 'off', scaleSweep: 'on' },
    body:
      'The theory’s radii are far too wide for 2000 episodes, so experiments multiply them by a scale, and the earlier steps used one common scale 0.1 for both learners. That is not ' +
      'fair: each learner’s regret is U-shaped in its own scale (too small and it sometimes locks onto a wrong action early, too large and it keeps exploring), with its minimum ' +
      'elsewhere. So each learner now gets its own scale, chosen on tuning seeds of its own from a grid fixed in advance, and is then measured on the run’s seeds; the full ' +
      'Bernstein-type radius, hundreds of times wider at equal scale, gets its own grid. Read the tuned row: with 5 seeds one lock-in can decide it, and it fails on some seeds. ' +
      'With the radii’s own constants (scale 1) neither learner learns at all: both play about like the random policy.',
    expect: { label: 'At scale 1 neither learner learns, so the ratio is about 1 (a limit, shown on purpose).', check: (r) => claim(r, 'no-advantage-at-theory-scale')?.passed === true },
  },
  {
    title: 'No c_min needed: a gridworld with free cells',
    focus: 'chart-regret-vs-k',
    params: { instance: 'gridworld', sweep: 'off', scaleSweep: 'off' },
    body:
      'Earlier algorithms assumed every step costs at least c_min > 0; with free steps an optimistic planner could imagine looping for ever at no cost. LEVIS’s fix is to add a small ε to every cost ' +
      '(purple), which biases what it learns; the paper’s analysis needs no such fix. This 4×4 gridworld has a free conveyor along the bottom. Compare the three learners’ regret here; ' +
      'the research notes calibrated their claims on the hard instance, so on this world the page only checks what holds in general.',
    expect: {
      label: 'On the gridworld the simulator check passes and all three learners ran (the ε-perturbed one too).',
      check: (r) => claim(r, 'optimal-cost-matches')?.passed === true && r.metrics.perturbedRegret !== undefined,
    },
  },
];
