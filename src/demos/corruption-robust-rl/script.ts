// "Export as a script" for CR-OMLE / CR-PMLE: the whole run (online sweep, wrong budgets, the narrow
// θ* = 0.55 runs, the offline grids and the price of robustness) in NumPy, float64 as on the page,
// with the page's seeded streams draw for draw. So every number agrees to the last bit at the
// defaults; the real-valued checks still allow rel 1e-9 (a libm's pow where κ ≠ 1, say), the shares
// and counts none.

import body from './script.py?raw';
import { claimValue, rowWhere, type AgreementCheck, type DemoScript } from '../../lib/pythonScript';
import type { CorruptionRobustResults } from './experiment';
import type { CorruptionRobustParams } from './params';

type R = CorruptionRobustResults;

const EXACT = { abs: 0 };
const F64 = { rel: 1e-9 };
const sameShare = 'A share of seeds or logs: the same runs, seeded the same, make the same decisions, so it agrees exactly.';
const sameF64 = 'Float64 on both sides, the same draws and the same order of every sum (fdlibm log ported), so it agrees to rounding.';

const claim = (id: string, tolerance: { abs?: number; rel?: number }, why: string): AgreementCheck<R> => ({ key: id, page: (r) => claimValue(r, id), tolerance, why });

/** The sweep's budgets (experiment.ts SWEEP_C; the claims' C and the default C are among them). */
const SWEEP = [0, 20, 40, 80, 160] as const;
const METHODS = ['omle', 'known-c', 'cr-omle'] as const;
const TUNED = ['known-c', 'cr-omle'] as const;
const WRONG: readonly [number, number][] = [
  [80, 40],
  [80, 160],
  [0, 80],
];
const OFFLINE = [
  ['plug-in', 'plugInFailRate'],
  ['pmle', 'pmleFailRate'],
  ['cr-pmle', 'crPmleFailRate'],
] as const;

/** A failure count from a series of rates: Σ round(rate × seeds) (the rates are counts over seeds). */
const failures = (r: R, rows: readonly Record<string, number>[] | undefined, column: string) => (rows ?? []).reduce((a, row) => a + Math.round(row[column] * r.params.seeds), 0);

const regretRow = (r: R, C: number) => rowWhere(r.series.regretVsC, (x) => x.C === C, `regretVsC row at C = ${C}`);

export const script: DemoScript<CorruptionRobustParams, R> = {
  frameworks: 'numpy',
  body,
  constants: (p) => [
    { name: 'SEED', value: p.seed, comment: 'root seed of every stream (online environment and adversary, offline logs)' },
    { name: 'ENVIRONMENT', value: p.environment, comment: '"chain" (5 states, 19 models; the calibrated claims) or "mixture" (6 states mixing 3 random kernels, 66 models)' },
    { name: 'THETA_STAR', value: p.thetaStar, comment: 'chain: probability that "right" moves on (snapped to the grid 0.05, 0.10, ..., 0.95)' },
    { name: 'CORRUPTION', value: p.corruption, comment: 'corruption budget C shown (the sweep always runs C = 0, 20, 40, 80, 160 too)' },
    { name: 'BAD_THETA', value: p.badTheta, comment: "chain: the adversary's theta for the corrupted right moves" },
    { name: 'TIMING', value: p.timing, comment: '"first": the first C targeted transitions; "random": each with probability 1/2 until C are spent' },
    { name: 'EPISODES', value: p.episodes, comment: 'online episodes T (horizon 10 on the chain)' },
    { name: 'SEEDS', value: p.seeds, comment: 'independent runs per method and setting (and logs per offline case)' },
    { name: 'KAPPA', value: p.kappa, comment: 'exponent of the weight w = min{1, (alpha / Gamma)^kappa}' },
    { name: 'LAMBDA', value: p.lambda, comment: "regulariser in the information ratio's denominator sqrt(lambda + sum w TV^2)" },
    { name: 'DELTA', value: p.delta, comment: 'confidence delta of the base radius beta0 = log(M / delta)' },
    { name: 'OFFLINE', value: p.offline, comment: '"on" runs the offline part (plug-in MLE, PMLE, CR-PMLE); "off" skips it' },
    { name: 'OFFLINE_EPISODES', value: p.offlineEpisodes, comment: 'offline episodes n of the shown case and of the clean-data price-of-robustness logs' },
    { name: 'OFFLINE_CORRUPTION', value: p.offlineCorruption, comment: 'offline corrupted samples c of the shown case' },
  ],
  agreement: [
    claim('cr-omle-regret-bounded', EXACT, sameShare),
    claim('omle-regret-linear', EXACT, sameShare),
    claim('wrong-budget-graceful', EXACT, sameShare),
    claim('wrong-budget-narrow', EXACT, sameShare),
    claim('weights-cap-corruption', F64, sameF64),
    claim('no-corruption-no-cost', F64, sameF64),
    claim('known-c-ties', EXACT, sameShare),
    claim('alpha-infinite-identity', EXACT, 'Told C = 0, CR-OMLE is OMLE operation for operation: the largest difference is exactly 0 on both sides.'),
    claim('offline-pmle-breaks', EXACT, sameShare),
    claim('offline-cr-pmle-recovers', EXACT, sameShare),
    claim('offline-radius-cost', EXACT, sameShare),
    claim('offline-robustness-price', EXACT, sameShare),
    { key: 'models', page: (r) => r.metrics.models, tolerance: EXACT, why: 'The size of the model class: a count.' },
    { key: 'cr_omle_mean_regret', page: (r) => r.metrics.crOmleMeanRegret, tolerance: F64, why: sameF64 },
    { key: 'omle_mean_regret', page: (r) => r.metrics.omleMeanRegret, tolerance: F64, why: sameF64 },
    { key: 'known_c_mean_regret', page: (r) => r.metrics.knownCMeanRegret, tolerance: F64, why: sameF64 },
    { key: 'corruption_tv', page: (r) => r.metrics.corruptionTv, tolerance: F64, why: sameF64 },
    // every online run: the mean final regret of each method at each budget, and CR-OMLE's weight on corrupted samples
    ...SWEEP.flatMap((C) => [
      ...METHODS.map((m): AgreementCheck<R> => ({ key: `regret_${m}_C${C}`, page: (r) => regretRow(r, C)[`${m}Mean`], tolerance: F64, why: sameF64 })),
      { key: `cr_weight_on_corrupted_C${C}`, page: (r: R) => regretRow(r, C).crWeightOnCorrupted, tolerance: F64, why: sameF64 },
    ]),
    ...WRONG.flatMap(([C, told]) =>
      TUNED.map(
        (m): AgreementCheck<R> => ({
          key: `wrong_${m}_C${C}_told${told}`,
          page: (r) => rowWhere(r.series.wrongBudget, (w) => w.C === C && w.told === told, `wrongBudget row at C = ${C}, told ${told}`)[`${m}Mean`],
          tolerance: F64,
          why: sameF64,
        }),
      ),
    ),
    // CR-OMLE's traced run (seed 0 at the shown C): its first 800 informative samples
    { key: 'trace_samples', page: (r) => r.series.weightTrace.length, tolerance: EXACT, why: 'How many informative samples the traced run had (capped at 800): a count.' },
    { key: 'trace_weight_sum', page: (r) => r.series.weightTrace.reduce((a, s) => a + s.weight, 0), tolerance: F64, why: sameF64 },
    { key: 'trace_corrupted', page: (r) => r.series.weightTrace.filter((s) => s.corrupted).length, tolerance: EXACT, why: 'Which traced samples were corrupted: a count.' },
    // every offline log: failures summed over the grid and the right-optimal points, and the price of robustness per budget
    ...OFFLINE.flatMap(([m, column]): AgreementCheck<R>[] => [
      { key: `offline_failures_${m}`, page: (r) => failures(r, r.series.offlineGrid, column), tolerance: EXACT, why: 'Wrong-policy counts over the left-optimal grid: the same logs, the same decisions.' },
      { key: `right_optimal_failures_${m}`, page: (r) => failures(r, r.series.rightOptimal, column), tolerance: EXACT, why: 'Wrong-policy counts at the right-optimal points: the same logs, the same decisions.' },
    ]),
    ...[0, 2, 4, 8, 16, 32].map(
      (b): AgreementCheck<R> => ({
        key: `price_cr_pmle_failures_b${b}`,
        page: (r) => failures(r, r.series.robustnessPrice?.filter((row) => row.budget === b), 'crPmleFailRate'),
        tolerance: EXACT,
        why: 'Clean-data wrong-policy count of CR-PMLE told this budget: the same logs, the same decisions.',
      }),
    ),
    { key: 'price_pmle_failures', page: (r) => failures(r, r.series.robustnessPrice?.slice(0, 1), 'pmleFailRate'), tolerance: EXACT, why: "PMLE's clean-data wrong-policy count: the same logs, the same decisions." },
  ],
  seconds: 12,
};
