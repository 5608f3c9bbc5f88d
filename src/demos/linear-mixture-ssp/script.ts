// "Export as a script" for the linear-mixture SSP demo: the whole run (the shown instance's four
// policies, the B* and d sweeps, the tuning sweep and the tuned runs, the theory-scale and B-hint
// reruns, the simulator check) in NumPy, float64 as on the page, with the page's seeded streams draw
// for draw. The learner runs of a batch step together in NumPy arrays instead of one scalar loop per
// run, with the regressions' sums added in the page's order; every run takes the page's actions, so
// at the defaults the regrets and every number below come out identical to the last bit. Real-valued
// checks still allow rel 1e-9: the C library's log is not V8's in every last bit (radii,
// log-determinants), and DEVI on the 2-state instance is computed as a scalar map, so the learners'
// values may differ from the page's by ulps, which at another setting could tip a near-tie. Counts
// are exact.

import body from './script.py?raw';
import { claimValue, rowWhere, type AgreementCheck, type DemoScript } from '../../lib/pythonScript';
import type { LinearMixtureSspResults } from './experiment';
import type { LinearMixtureSspParams } from './params';

type R = LinearMixtureSspResults;

const EXACT: AgreementCheck<R>['tolerance'] = { abs: 0 };
const F64: AgreementCheck<R>['tolerance'] = { rel: 1e-9 };
const sameRuns =
  'Float64 on both sides, the same draws, the same actions: the regrets are the same sums in the same order (identical at the defaults); rel 1e-9 leaves room for a last-bit difference in a log or in DEVI’s factored 2-state sweep.';
const sameCount = 'A count over the same runs, which take the same actions: exact.';

const claim = (id: string): AgreementCheck<R> => ({ key: id, page: (r) => claimValue(r, id), tolerance: F64, why: sameRuns });
const metric = (key: keyof R['metrics'], tolerance = F64, why = sameRuns): AgreementCheck<R> => ({ key, page: (r) => r.metrics[key] ?? NaN, tolerance, why });

/** The B* sweep's δ values (experiment.ts SWEEP_DELTAS) and the B hints with the run's own (SWEEP_BOUND_FACTORS and 1). */
const SWEEP_DELTAS = [0.2, 0.1, 0.05, 0.025] as const;
const BOUND_FACTORS = [0.5, 1, 2] as const;
/** The tuning grids (experiment.ts TUNING_SCALES, FULL_RADIUS_SCALES). */
const LEADING_GRID = [0.025, 0.035, 0.05, 0.07, 0.1, 0.14, 0.2, 0.28] as const;
const FULL_GRID = [0.0001, 0.0002, 0.0003, 0.0005, 0.001] as const;

const bStarRow = (r: R, delta: number) => rowWhere(r.series.regretVsBStar, (x) => x.delta === delta, `regretVsBStar row at δ = ${delta}`);
const hintRow = (r: R, factor: number) => rowWhere(r.series.ratioVsBoundHint, (x) => x.factor === factor, `ratioVsBoundHint row at factor ${factor}`);
const tuningValue = (r: R, scale: number, column: 'hoeffding' | 'varianceAwareLeading' | 'varianceAwareFull') => {
  const value = rowWhere(r.series.tuningVsScale, (x) => x.scale === scale, `tuningVsScale row at scale ${scale}`)[column];
  if (value === undefined) throw new Error(`no tuningVsScale ${column} at scale ${scale}`);
  return value;
};

export const script: DemoScript<LinearMixtureSspParams, R> = {
  frameworks: 'numpy',
  body,
  constants: (p) => [
    { name: 'SEED', value: p.seed, comment: 'root seed of every stream (instance signs, each seed’s environment and tie-breaks, tuning seeds, the simulator check)' },
    { name: 'INSTANCE', value: p.instance, comment: '"hard": the 2-state lower-bound instance (the calibrated claims); "gridworld": 4x4 with a free conveyor (c_min = 0)' },
    { name: 'DIM', value: p.dim, comment: 'd: theta* in R^d; the hard instance has 2^(d-1) actions, the gridworld mixes d in {3, 4, 5} base kernels' },
    { name: 'DELTA', value: p.delta, comment: 'hard instance: delta, the goal probability P(goal | a) = delta + <mu, a> (B* ~ 1/(delta + gap))' },
    { name: 'GAP', value: p.gap, comment: 'hard instance: Delta, how much better the best action is (must be below DELTA)' },
    { name: 'EPISODES', value: p.episodes, comment: 'episodes K of every run (each capped at 50 B* steps)' },
    { name: 'SEEDS', value: p.seeds, comment: 'independent runs per policy (the tuning sweep always uses 5 seeds of its own)' },
    { name: 'SWEEP', value: p.sweep, comment: '"on": the B* sweep (delta in 0.2, 0.1, 0.05, 0.025 with gap = 0.4 delta) and the regret-vs-B* slopes' },
    { name: 'D_SWEEP', value: p.dSweep, comment: '"on": both learners on the hard instance for d = 2 ... 6 at DELTA and GAP' },
    { name: 'SCALE_SWEEP', value: p.scaleSweep, comment: '"on": radius scales tuned per learner on tuning seeds, both at scale 1, and the B hints 0.5 B* and 2 B*' },
    { name: 'RADIUS_SCALE', value: p.radiusScale, comment: 'common multiplier of both confidence radii (the theory’s constants are conservative)' },
    { name: 'BERNSTEIN', value: p.bernstein, comment: 'variance-aware radius: "leading" (sqrt(d log(...)) term) or "full" (Zhou & Gu 2022 form)' },
    { name: 'BOUND_FACTOR', value: p.boundFactor, comment: 'the learners are told B = BOUND_FACTOR x B* (the paper assumes B >= B*)' },
    { name: 'MOMENTS', value: p.moments, comment: 'HOME’s moment levels M of the variance-aware learner (level m regresses V^(2^m))' },
    { name: 'ALPHA', value: p.alpha, comment: 'variance floor: sigma >= alpha caps a sample’s weight at 1/alpha^2' },
    { name: 'LAMBDA', value: p.lambda, comment: 'ridge regulariser in value units (lambda / B^2 on the normalised values)' },
  ],
  agreement: [
    claim('variance-aware-beats-tuned-hoeffding'),
    claim('variance-aware-beats-hoeffding'),
    claim('variance-aware-beats-hoeffding-loose-bound'),
    claim('regret-sublinear'),
    claim('slope-gap'),
    claim('no-advantage-at-theory-scale'),
    claim('optimal-cost-matches'),
    metric('bStar'),
    metric('actions', EXACT, 'The instance’s number of actions, 2^(d−1): a count.'),
    metric('states', EXACT, 'The instance’s number of states: a count.'),
    metric('hoeffdingRegret'),
    metric('varianceAwareRegret'),
    metric('hoeffdingPseudoRegret'),
    metric('varianceAwarePseudoRegret'),
    metric('randomRegret'),
    metric('optimalMeanCost'),
    metric('cappedEpisodes', EXACT, sameCount),
    metric('hoeffdingSlope'),
    metric('varianceAwareSlope'),
    ...SWEEP_DELTAS.flatMap((delta): AgreementCheck<R>[] => [
      { key: `regretVsBStar ${delta} hoeffding`, page: (r) => bStarRow(r, delta).hoeffdingPerSqrtK, tolerance: F64, why: sameRuns },
      { key: `regretVsBStar ${delta} varianceAware`, page: (r) => bStarRow(r, delta).varianceAwarePerSqrtK, tolerance: F64, why: sameRuns },
    ]),
    ...BOUND_FACTORS.map((factor): AgreementCheck<R> => ({ key: `ratioVsBoundHint ${factor} ratio`, page: (r) => hintRow(r, factor).ratio, tolerance: F64, why: sameRuns })),
    ...LEADING_GRID.flatMap((scale): AgreementCheck<R>[] => [
      { key: `tuningVsScale ${scale} hoeffding`, page: (r) => tuningValue(r, scale, 'hoeffding'), tolerance: F64, why: sameRuns },
      { key: `tuningVsScale ${scale} varianceAwareLeading`, page: (r) => tuningValue(r, scale, 'varianceAwareLeading'), tolerance: F64, why: sameRuns },
    ]),
    ...FULL_GRID.map((scale): AgreementCheck<R> => ({ key: `tuningVsScale ${scale} varianceAwareFull`, page: (r) => tuningValue(r, scale, 'varianceAwareFull'), tolerance: F64, why: sameRuns })),
  ],
  seconds: 17,
};
