// "Export as a script" for SPIN: the tabular tier in NumPy (float64, the page's seeded streams and
// Adam steps, so its numbers agree with the page's to rounding) and the language-model tier in
// PyTorch (trained from scratch as on the page; float32, so it is not held to the page's numbers).

import body from './script.py?raw';
import { claimValue, rowWhere, type AgreementCheck, type DemoScript } from '../../lib/pythonScript';
import { TABULAR_REPLICATES } from './claims';
import { betaLabel, lmOptions, SWEEP_BETAS, TABULAR_SETUP, type SpinResults, type TabularIterationRow } from './experiment';
import { spinSchema, type SpinParams } from './params';
import { TASK_LETTERS } from '../../models/reversalTask';

/** The defaults the agreement run uses (the shipped run's parameters). */
const DEFAULT_BETA = spinSchema.beta.default;

const FLOAT64 = { rel: 1e-9 } as const;
const FLOAT64_WHY =
  'float64 NumPy against float64 TypeScript on the same seeded draws and Adam steps, exp and log from the C library as the page’s Math (SFT continued, whose Adam steps near its optimum amplify last-bit differences, then follows the same trajectory): equal to rounding.';
const EXACT = { abs: 0 } as const;

/** A word as the script's lm_held_out_word number: letters a–h as base-9 digits 1–8. */
const wordCode = (word: string) => Array.from(word).reduce((code, ch) => code * 9 + TASK_LETTERS.indexOf(ch) + 1, 0);

const row = (results: SpinResults, iteration: number): TabularIterationRow =>
  rowWhere(results.series.tabularIterations, (r) => r.iteration === iteration, `tabular iteration ${iteration}`);

const spreadOf = (results: SpinResults, id: string) => {
  const spread = results.claims.find((c) => c.id === id)?.spread;
  if (!spread) throw new Error(`claim ${id} has no interval in the results`);
  return spread;
};

const passedOf = (results: SpinResults, id: string) => (results.claims.find((c) => c.id === id)?.passed ? 1 : 0);

/** The shown β's iteration rows: script key suffix → page column. */
const ITERATION_FIELDS: readonly [string, keyof TabularIterationRow][] = [
  ['kl', 'spinKl'],
  ['sft_kl', 'sftKl'],
  ['closed_form_kl', 'closedFormKl'],
  ['held_out_ll', 'spinHeldOutLl'],
  ['sft_held_out_ll', 'sftHeldOutLl'],
  ['discriminability', 'discriminability'],
  ['rewards_real', 'rewardsReal'],
  ['rewards_generated', 'rewardsGenerated'],
  ['margin', 'margin'],
  ['reward_accuracy', 'rewardAccuracy'],
];

const TABULAR_CLAIMS = [
  'tabular-ll-gain',
  'tabular-discriminability-drop',
  'tabular-kl-beta1',
  'tabular-spin-beats-sft-continued',
  'tabular-sft-continued-ties',
  'tabular-mle-start-no-gain',
  'tabular-gain-needs-weak-start',
  'tabular-overshoot-beta01',
] as const;
const CLAIMS_WITH_INTERVALS = ['tabular-ll-gain', 'tabular-discriminability-drop', 'tabular-kl-beta1', 'tabular-spin-beats-sft-continued'] as const;
const METRICS = ['tabularSftKl', 'tabularSpinKl', 'tabularSftContinuedKl', 'tabularSpinHeldOutLl', 'tabularSftContinuedHeldOutLl'] as const;
/** The page's sample table: the first 12 held-out words of the language model's first replicate. */
const SAMPLE_WORDS = 12;

function agreement(): AgreementCheck<SpinResults>[] {
  const checks: AgreementCheck<SpinResults>[] = [];
  for (const id of TABULAR_CLAIMS) {
    checks.push({ key: `claim_${id}`, page: (r) => claimValue(r, id), tolerance: FLOAT64, why: FLOAT64_WHY });
  }
  for (const id of CLAIMS_WITH_INTERVALS) {
    for (const end of ['low', 'high'] as const) {
      checks.push({ key: `claim_${id}_${end}`, page: (r) => spreadOf(r, id)[end], tolerance: FLOAT64, why: `${FLOAT64_WHY} The t quantile is the page's own (Simpson + bisection), ported.` });
    }
  }
  checks.push({
    key: 'claim_tabular-loss-log2',
    page: (r) => claimValue(r, 'tabular-loss-log2'),
    tolerance: { abs: 1e-14 },
    why: 'The value is |loss − log 2| at θ = θ_opp, a float64 rounding residue (≈1e-14) of summing 2000 pairs’ log 2: it is compared on its own scale, far below the claim’s threshold of 1e-4.',
  });
  for (const id of [...TABULAR_CLAIMS, 'tabular-loss-log2']) {
    checks.push({ key: `passed_${id}`, page: (r) => passedOf(r, id), tolerance: EXACT, why: 'The claim’s verdict (1 pass, 0 fail): the same numbers give the same verdict.' });
  }
  for (const metric of METRICS) {
    checks.push({ key: metric, page: (r) => r.metrics[metric], tolerance: FLOAT64, why: FLOAT64_WHY });
  }
  for (let t = 0; t <= spinSchema.iterations.default; t++) {
    for (const [suffix, column] of ITERATION_FIELDS) {
      // iteration 0 is the SFT model: SFT continued is the same model, the closed form is the model itself, and no rewards are logged
      if (t === 0 && !['kl', 'held_out_ll', 'discriminability'].includes(suffix)) continue;
      const share = suffix === 'reward_accuracy';
      checks.push({
        key: `iter${t}_${suffix}`,
        page: (r) => row(r, t)[column],
        tolerance: share ? EXACT : FLOAT64,
        why: share ? 'A share of the 2000 SFT pairs (counted): exact.' : FLOAT64_WHY,
      });
    }
  }
  for (const beta of SWEEP_BETAS) {
    if (beta === DEFAULT_BETA) continue; // the shown β's KL is checked above
    for (let t = 1; t <= spinSchema.iterations.default; t++) {
      checks.push({ key: `sweep_kl_beta${beta}_iter${t}`, page: (r) => r.series.betaSweep.find((s) => s.iteration === t)![betaLabel(beta)], tolerance: FLOAT64, why: FLOAT64_WHY });
    }
  }
  for (let i = 0; i < SAMPLE_WORDS; i++) {
    checks.push({
      key: `lm_held_out_word${i}`,
      page: (r) => wordCode(r.series.lmSamples?.[i]?.prompt ?? ''),
      tolerance: EXACT,
      why: 'The language model’s held-out words are drawn by the same seeded streams (NumPy in the script): the page’s sample table shows the first 12, word for word.',
    });
  }
  return checks;
}

export const script: DemoScript<SpinParams, SpinResults> = {
  frameworks: 'numpy+pytorch',
  body,
  constants: (p) => [
    { name: 'SEED', value: p.seed, comment: 'the seed: the same seed draws the same data and synthetic responses as the page' },
    { name: 'BETA', value: p.beta, comment: 'β of the shown tabular run: at the optimum p_{t+1} ∝ p_t·(p_data/p_t)^{1/β}' },
    { name: 'ITERATIONS', value: p.iterations, comment: 'SPIN iterations shown (the tabular claims always run at least two)' },
    { name: 'MIX_PREVIOUS', value: p.mix === 'previous', comment: 'True: iteration t trains on the synthetic data of iterations t and t − 1 (the official recipe); False: t only' },
    { name: 'TEMPER', value: p.temper, comment: 'tabular SFT model θ = TEMPER · log p̂: below 1 a deliberately weak model, 1 the maximum-likelihood fit' },
    { name: 'LEARNING_RATE', value: p.learningRate, comment: 'tabular Adam rate, for SPIN and SFT continued alike' },
    { name: 'ADAM_STEPS', value: p.adamSteps, comment: 'tabular full-batch Adam steps per iteration' },
    { name: 'PROMPTS', value: TABULAR_SETUP.prompts, comment: 'tabular prompts K (fixed on the page)' },
    { name: 'RESPONSES', value: TABULAR_SETUP.responses, comment: 'tabular responses V per prompt (fixed on the page)' },
    { name: 'SAMPLES', value: TABULAR_SETUP.samples, comment: 'tabular SFT pairs, and as many held-out pairs (fixed on the page)' },
    { name: 'DATA_SHARPNESS', value: TABULAR_SETUP.dataSharpness, comment: 'scale of p_data’s normal logits: larger, more peaked (fixed on the page)' },
    { name: 'SWEEP_BETAS', value: SWEEP_BETAS, comment: 'β values of the KL-per-iteration chart, BETA added (0.1 feeds the overshoot claim; fixed on the page)' },
    { name: 'TABULAR_REPLICATES', value: TABULAR_REPLICATES, comment: 'independent replicates behind each tabular claim (fixed on the page)' },
    { name: 'LM_TIER', value: p.lm === 'on', comment: 'run the language-model tier (PyTorch; --only-numpy skips it)' },
    { name: 'LM_BETA', value: p.lmBeta, comment: 'β of the language model’s SPIN loss' },
    { name: 'LM_SFT_PAIRS', value: p.lmSftPairs, comment: 'SFT prompt–response pairs (SPIN reuses exactly these)' },
    { name: 'LM_SFT_STEPS', value: p.lmSftSteps, comment: 'Adam steps of the initial SFT model' },
    { name: 'LM_HELD_OUT', value: p.lmHeldOut, comment: 'held-out words for exact match and log-likelihood' },
    { name: 'LM_WIDTH', value: p.lmWidth, comment: 'transformer width (four heads, FFN twice the width)' },
    { name: 'LM_LAYERS', value: p.lmLayers, comment: 'transformer layers' },
    { name: 'LM_STEPS', value: p.lmSteps, comment: 'steps of each SPIN iteration, and of SFT continued over the same span' },
    { name: 'LM_LEARNING_RATE', value: p.lmLearningRate, comment: 'Adam rate of SFT and SFT continued' },
    { name: 'LM_SPIN_LEARNING_RATE', value: p.lmSpinLearningRate, comment: 'Adam rate of the SPIN steps' },
    { name: 'LM_REPLICATES', value: p.lmReplicates, comment: 'independent runs of the language-model tier behind its claim' },
    { name: 'LM_BATCH', value: lmOptions(p).batch, comment: 'minibatch of every language-model step (fixed on the page)' },
  ],
  agreement: agreement(),
  seconds: 14,
};
