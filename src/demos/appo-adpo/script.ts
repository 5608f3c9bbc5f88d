// "Export as a script": the dueling bandit (APPO) and the linear-policy ADPO tier with its tuning in
// NumPy (script.py), the same seeded streams, the same grid and the same selection rules, so the script
// prints the page's numbers; the language-model tier in PyTorch (float32, trained in the run, like the
// page's tfjs tier), which --only-numpy skips and the agreement test therefore does not compare. Run
// once by hand (PyTorch 1.13, CPU) at the defaults it gave the shipped run's four language-model
// metrics to the last digit: float32 rounding never flipped a sample's Gumbel argmax or a query.
import body from './script.py?raw';
import { claimValue, type AgreementCheck, type DemoScript } from '../../lib/pythonScript';
import { APPO_THRESHOLDS, DPO_BETAS, DPO_LEARNING_RATES, GAMMAS, thresholdLabel, type AppoAdpoResults } from './experiment';
import type { AppoAdpoParams } from './params';

type Check = AgreementCheck<AppoAdpoResults>;

const ROUNDING =
  'Both sides are float64 and draw the same numbers from the same streams; they differ only in summation order (BLAS against sequential loops) and LU against Cholesky solves, by ulps that one pass of SGD or a Newton solve keeps at that size (measured ≤ 1.1e-12 relative, the largest on win-rate differences of ~1e-3), far inside 1e-9.';
const COUNT = 'Counts (or shares and means of counts, the same divisions in the same order) of the same decisions on the same draws: exact.';
const CHOICE = 'A choice from the grid by the page’s rule, on numbers that agree to ~1e-12: exact.';
/** JSON stores the page’s Infinity (a ratio never reached) as null. */
const finite = (v: number | null | undefined) => v ?? Infinity;
const label = (x: number) => String(x);

/** The thresholds of the shipped run: always-query and the charts’ (the claim’s Γ = 1 and the default Γ are among them). */
const THRESHOLDS: (number | null)[] = [null, ...APPO_THRESHOLDS];

const claims: Check[] = [
  { key: 'appo-fewer-queries', page: (r) => claimValue(r, 'appo-fewer-queries'), tolerance: { rel: 1e-9 }, why: `A median of regret ratios; the regrets are sums of the same arms’ rewards. ${ROUNDING}` },
  { key: 'appo-queries-logarithmic', page: (r) => claimValue(r, 'appo-queries-logarithmic'), tolerance: { abs: 0 }, why: `A median of ratios of query counts. ${COUNT}` },
  {
    key: 'appo-mle-converged',
    page: (r) => claimValue(r, 'appo-mle-converged'),
    tolerance: { rel: 1e-9 },
    why: 'The Newton decrement ½ gᵀH⁻¹g ≈ 5e-9 left after the last step: g is a sum of ~3000 terms of size 1 that cancel to ~1e-3, so summation order moves it by ~1e-12 relative and the gap by more (measured 2.6e-11), the loosest float64 number here and still ~40× inside 1e-9.',
  },
  { key: 'adpo-fewer-queries', page: (r) => claimValue(r, 'adpo-fewer-queries'), tolerance: { rel: 1e-9 }, why: `Interpolated query counts at 98% of DPO’s final win-rate, after three tuning steps whose choices agree. ${ROUNDING}` },
  { key: 'adpo-small-gamma-falls-behind', page: (r) => claimValue(r, 'adpo-small-gamma-falls-behind'), tolerance: { rel: 1e-9 }, why: ROUNDING },
  {
    key: 'uniform-policy-half',
    page: (r) => claimValue(r, 'uniform-policy-half'),
    tolerance: { abs: 1e-13 },
    why: 'The value is itself rounding error (≈1.5e-14) of a 7200-term float64 sum; the script repeats the page’s order of operations and matched it bit for bit, but a libm exp that differs from V8’s in the last bit moves it by ulps of the sum, so the check is that both are rounding noise far below the claim’s 1e-12.',
  },
  { key: 'adpo-flag-rule', page: (r) => claimValue(r, 'adpo-flag-rule'), tolerance: { abs: 0 }, why: 'The flag rule on four fixed margins: the same integers.' },
];

const metrics: Check[] = [
  { key: 'appoQueryShare', page: (r) => r.metrics.appoQueryShare, tolerance: { abs: 0 }, why: COUNT },
  ...(['tunedBeta', 'tunedLearningRate', 'tunedGamma', 'adpoBeta', 'adpoLearningRate', 'shownGamma'] as const).map((key): Check => ({ key, page: (r) => r.metrics[key]!, tolerance: { abs: 0 }, why: CHOICE })),
  { key: 'adpoQueryRatio', page: (r) => r.metrics.adpoQueryRatio!, tolerance: { rel: 1e-9 }, why: ROUNDING },
  { key: 'dpoFinalWinRate', page: (r) => r.metrics.dpoFinalWinRate!, tolerance: { rel: 1e-9 }, why: ROUNDING },
];

const bandit: Check[] = THRESHOLDS.flatMap((threshold): Check[] => {
  const name = thresholdLabel(threshold);
  const row = (r: AppoAdpoResults) => r.series.appoTradeoff.find((x) => x.threshold === name)!;
  const last = (r: AppoAdpoResults) => r.series.appoCurves[r.series.appoCurves.length - 1];
  return [
    { key: `appoTradeoff.${name}.queryShare`, page: (r) => row(r).queryShare, tolerance: { abs: 0 }, why: COUNT },
    { key: `appoTradeoff.${name}.regretRatio`, page: (r) => row(r).regretRatio, tolerance: { rel: 1e-9 }, why: ROUNDING },
    { key: `appoTradeoff.${name}.doublingRatio`, page: (r) => row(r).doublingRatio, tolerance: { abs: 0 }, why: COUNT },
    { key: `appoCurves.last.regret: ${name}`, page: (r) => last(r)[`regret: ${name}`], tolerance: { rel: 1e-9 }, why: ROUNDING },
    { key: `appoCurves.last.queries: ${name}`, page: (r) => last(r)[`queries: ${name}`], tolerance: { abs: 0 }, why: COUNT },
  ];
});

const grid: Check[] = DPO_BETAS.flatMap((beta) =>
  DPO_LEARNING_RATES.flatMap((lr): Check[] => {
    const at = <T extends { beta: number; learningRate: number }>(rows: readonly T[] | undefined) => rows!.find((x) => x.beta === beta && x.learningRate === lr)!;
    const name = `${label(beta)}.${label(lr)}`;
    return [
      { key: `dpoTuning.${name}.finalWinRate`, page: (r) => at(r.series.dpoTuning).finalWinRate, tolerance: { rel: 1e-9 }, why: ROUNDING },
      { key: `adpoTuning.${name}.finalGap`, page: (r) => at(r.series.adpoTuning).finalGap, tolerance: { rel: 1e-9 }, why: `A mean difference of win-rates (as small as 1e-3): ${ROUNDING}` },
      { key: `adpoTuning.${name}.queryRatio`, page: (r) => finite(at(r.series.adpoTuning).queryRatio), tolerance: { rel: 1e-9 }, why: `Infinity (the page’s null) where the target is never reached. ${ROUNDING}` },
    ];
  }),
);

const sweep: Check[] = GAMMAS.flatMap((gamma): Check[] => {
  const row = (r: AppoAdpoResults) => r.series.gammaSweep!.find((x) => x.gamma === gamma)!;
  const name = `gammaSweep.${label(gamma)}`;
  return [
    ...(['adpoQueryRatio', 'noPlQueryRatio'] as const).map((c): Check => ({ key: `${name}.${c}`, page: (r) => finite(row(r)[c]), tolerance: { rel: 1e-9 }, why: `Infinity (the page’s null) where the median replicate never reaches the target. ${ROUNDING}` })),
    ...(['finalGap', 'noPlFinalGap'] as const).map((c): Check => ({ key: `${name}.${c}`, page: (r) => row(r)[c], tolerance: { rel: 1e-9 }, why: ROUNDING })),
    ...(['queriedShare', 'againstTruthShare', 'againstHumanShare'] as const).map((c): Check => ({ key: `${name}.${c}`, page: (r) => row(r)[c], tolerance: { abs: 0 }, why: COUNT })),
  ];
});

const shown: Check[] = [
  {
    key: 'marginHistogram.queriedCount',
    page: (r) => r.series.marginHistogram!.filter((b) => b.queried).reduce((s, b) => s + b.count, 0),
    tolerance: { abs: 0 },
    why: 'Margins of the shown run in the bins inside ±γ: the same margins (to ulps, none near a bin edge) fall in the same bins.',
  },
  ...(['dpo', 'adpo', 'adpo-no-pl'] as const).flatMap((method): Check[] => {
    const last = (r: AppoAdpoResults) => {
      const rows = r.series.winVsQueries!.filter((x) => x.method === method);
      return rows[rows.length - 1];
    };
    return [
      { key: `winVsQueries.${method}.finalWinRate`, page: (r) => last(r).winRate, tolerance: { rel: 1e-9 }, why: ROUNDING },
      { key: `winVsQueries.${method}.finalQueries`, page: (r) => last(r).queries, tolerance: { abs: 0 }, why: COUNT },
    ];
  }),
];

export const script: DemoScript<AppoAdpoParams, AppoAdpoResults> = {
  frameworks: 'numpy+pytorch',
  body,
  constants: (p) => [
    { name: 'SEED', value: p.seed, comment: 'the seed: the same seed draws the same worlds, contexts, stream and label coins as the page' },
    { name: 'REPLICATES', value: p.replicates, comment: 'independent worlds per method and setting (bandit and the claim’s linear-policy replicates)' },
    { name: 'DIM', value: p.dim, comment: 'bandit: feature dimension d (arm features standard normal, ‖θ*‖ = 1)' },
    { name: 'ARMS', value: p.arms, comment: 'bandit: fresh arms K per round' },
    { name: 'HORIZON', value: p.horizon, comment: 'bandit: rounds T (always-query’s MLE costs grow as T²)' },
    { name: 'THRESHOLD', value: p.threshold, comment: 'bandit: the user’s query threshold Gamma (run besides 0.5, 1 and 2)' },
    { name: 'TEMPERATURE', value: p.temperature, comment: 'bandit: Bradley–Terry temperature of the duel feedback' },
    { name: 'LAMBDA', value: p.lambda, comment: 'bandit: ridge lambda of the MLE and of Sigma' },
    { name: 'POLICY_DIM', value: p.policyDim, comment: 'linear policy: response feature dimension d' },
    { name: 'CANDIDATES', value: p.candidates, comment: 'linear policy: candidate responses K per prompt' },
    { name: 'PAIRS', value: p.pairs, comment: 'linear policy: pairs in the stream (one pass, batches of 32)' },
    { name: 'LABEL_TEMPERATURE', value: p.labelTemperature, comment: 'linear policy: Bradley–Terry temperature of the human labels' },
    { name: 'SHOWN_GAMMA', value: p.shownGamma === 'tuned' ? 'tuned' : Number(p.shownGamma), comment: 'linear policy: the gamma of the shown run ("tuned": the one tuned on separate replicates)' },
    { name: 'LM_TIER', value: p.lm === 'on', comment: 'run the language-model tier (PyTorch; minutes on a CPU)' },
    { name: 'LM_REPLICATES', value: p.lmReplicates, comment: 'language model: replicates (SFT reference, labelled stream, three methods each)' },
    { name: 'LM_GAMMA', value: p.lmGamma, comment: 'language model: ADPO’s query band |m| <= gamma (fixed, not tuned)' },
    { name: 'LM_STREAM_PAIRS', value: p.lmStreamPairs, comment: 'language model: stream of pairs (one pass, batches of 32)' },
    { name: 'LM_SFT_STEPS', value: p.lmSftSteps, comment: 'language model: SFT steps of the reference (128 pairs, batch 32)' },
    { name: 'LM_HELD_OUT', value: p.lmHeldOut, comment: 'language model: held-out words of the win-rate' },
    { name: 'LM_BETA', value: p.lmBeta, comment: 'language model: beta of the DPO loss and of ADPO’s margin' },
    { name: 'LM_LEARNING_RATE', value: p.lmLearningRate, comment: 'language model: Adam learning rate of the three methods' },
    { name: 'LM_ORACLE_TEMPERATURE', value: p.lmOracleTemperature, comment: 'language model: the human prefers y1 with probability sigmoid(score difference / temperature)' },
  ],
  agreement: [...claims, ...metrics, ...bandit, ...grid, ...sweep, ...shown],
  seconds: 17,
};
