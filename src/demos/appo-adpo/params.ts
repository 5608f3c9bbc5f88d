import { logProbSpec, networkSpec, parallelSpec, seedSpec, type NearbySetting, type ParamValues, type Schema } from '../../lib/params';

/**
 * The demo's whole state. The defaults are the research notes' toys (docs/research/alignment.md §3c):
 * the dueling bandit at d = 8, K = 10, T = 3000 with Γ = 1, and the linear-policy ADPO toy at d = 16,
 * K = 6, a stream of 6000 pairs in batches of 32.
 */
export const appoAdpoSchema = {
  seed: seedSpec,
  replicates: { kind: 'int', default: 5, min: 2, max: 12, label: 'Replicates', help: 'Independent worlds (θ*, contexts, prompts, label coins) per method and setting: the claims are statistics over them.' },
  // APPO, the dueling bandit
  dim: { kind: 'int', default: 8, min: 2, max: 16, label: 'Bandit: feature dimension d', help: 'Arm features φ ∈ R^d, standard normal; the hidden reward is ⟨θ*, φ⟩ with ‖θ*‖ = 1.' },
  arms: { kind: 'int', default: 10, min: 2, max: 30, label: 'Bandit: arms K per round', help: 'Each round brings K fresh arms; the learner plays a greedy arm and duels it with an optimistic challenger.' },
  horizon: { kind: 'int', default: 3000, min: 200, max: 10000, label: 'Bandit: horizon T', help: 'Rounds. The always-query baseline asks the human every round, so its cost grows as T² in the MLE.' },
  threshold: { kind: 'float', default: 1, min: 0.1, max: 5, step: 0.05, label: 'Bandit: query threshold Γ', help: 'APPO asks for the duel’s outcome only when √(d log t)·‖φ¹ − φ²‖_{Σ⁻¹} > Γ. The claim is made at the notes’ Γ = 1; the charts also show Γ = 0.5 and 2.' },
  temperature: { kind: 'float', default: 1, min: 0.25, max: 4, step: 0.25, label: 'Bandit: Bradley–Terry temperature', help: 'P(a¹ ≻ a²) = σ(⟨θ*, φ¹ − φ²⟩ / temperature): larger is noisier feedback.' },
  lambda: { kind: 'float', default: 1, min: 0.1, max: 10, step: 0.1, label: 'Bandit: ridge λ', help: 'Regulariser of the MLE and of Σ = λI + Σ zzᵀ.', advanced: true },
  // ADPO, the linear policy
  policyDim: { kind: 'int', default: 16, min: 2, max: 32, label: 'Policy: feature dimension d', help: 'Response features φ(x, y) ∈ R^d; the policy is π_w(y | x) ∝ exp⟨w, φ⟩, the reference uniform.' },
  candidates: { kind: 'int', default: 6, min: 2, max: 12, label: 'Policy: candidate responses K', help: 'Responses per prompt; each pair of the stream is two distinct ones, drawn from the reference.' },
  pairs: { kind: 'int', default: 6000, min: 500, max: 20000, step: 100, label: 'Policy: stream of pairs', help: 'Every method sees the same pairs with the same human labels, one pass, in minibatches of 32. DPO asks the human about all of them.' },
  labelTemperature: { kind: 'float', default: 1, min: 0.25, max: 4, step: 0.25, label: 'Policy: Bradley–Terry temperature', help: 'How noisy the human is: P(y¹ ≻ y²) = σ(⟨θ*, φ¹ − φ²⟩ / temperature).' },
  shownGamma: {
    kind: 'enum',
    default: 'tuned',
    options: [
      { value: 'tuned', label: 'The γ tuned on separate replicates (the claim’s)' },
      { value: '0.1', label: 'γ = 0.1' },
      { value: '0.25', label: 'γ = 0.25' },
      { value: '0.5', label: 'γ = 0.5' },
      { value: '1', label: 'γ = 1 (the research notes’ toy)' },
      { value: '2', label: 'γ = 2' },
    ],
    label: 'Policy: γ shown in the charts',
    help: 'ADPO queries a pair when its implicit-reward margin |m| ≤ γ and pseudo-labels it by the sign of m otherwise. The official repository’s defaults disagree (0.9, 1.3, 2.0), and the margin’s scale depends on the model, so every γ of the list is run and the claim uses the one tuned on separate replicates.',
  },
  // ADPO, the tiny language model
  lm: {
    kind: 'toggle',
    default: 'on',
    label: 'Language-model tier',
    help: 'DPO, ADPO and ADPO without pseudo-labels fine-tune a tiny transformer that reverses words, on pairs of its own answers labelled by a stated scoring rule. Takes minutes on a CPU.',
  },
  lmReplicates: { kind: 'int', default: 5, min: 1, max: 8, label: 'Language model: replicates', help: 'Independent runs of the tier (SFT reference, labelled stream, the three methods). The claim is over them; the chart shows the first. Each adds the tier’s time again.', advanced: true },
  lmGamma: { kind: 'float', default: 1, min: 0.05, max: 4, step: 0.05, label: 'Language model: γ', help: 'ADPO’s query band on this tier: |m| ≤ γ is asked, the rest pseudo-labelled. Fixed at the research notes’ toy value (the official repository’s 0.9 and 1.3 are near): tuning it here would cost a run of the tier per γ.' },
  lmStreamPairs: { kind: 'int', default: 2048, min: 64, max: 8192, step: 64, label: 'Language model: stream of pairs', help: 'Held-out-free prompts, each answered twice by the SFT reference; one pass in batches of 32.', advanced: true },
  lmSftSteps: { kind: 'int', default: 150, min: 1, max: 1000, label: 'Language model: SFT steps', help: 'Steps of the reference (SFT on 128 pairs, batch 32): few enough that its answers vary in quality.', advanced: true },
  lmHeldOut: { kind: 'int', default: 256, min: 16, max: 1024, label: 'Language model: held-out words', help: 'Words never in the SFT data or the stream; the win-rate answers each once (most of the tier’s time on a slow device is these answers).', advanced: true },
  lmBeta: { kind: 'float', default: 0.3, min: 0.01, max: 2, step: 0.01, label: 'Language model: β', help: 'β of the DPO loss (and of ADPO’s margin m).', advanced: true },
  lmLearningRate: { kind: 'float', default: 0.001, min: 0.00001, max: 0.01, step: 0.00001, label: 'Language model: learning rate', help: 'Adam, the same for the three methods.', advanced: true },
  lmOracleTemperature: { kind: 'float', default: 0.5, min: 0.1, max: 4, step: 0.1, label: 'Language model: oracle temperature', help: 'The human prefers y¹ with probability σ((s(y¹) − s(y²)) / temperature), s the stated score.', advanced: true },
  network: networkSpec('Language model runs on'),
  logProb: logProbSpec('How log π(y|x) and its gradient are computed for the preference loss. Both give the same numbers to float precision.'),
  parallel: parallelSpec('Every replicate of the bandit and the linear policy is an independent job: spread over workers they finish sooner. Results are identical either way. The language model runs in the page, on the backend chosen above.'),
} as const satisfies Schema;

export type AppoAdpoSchema = typeof appoAdpoSchema;
export type AppoAdpoParams = ParamValues<AppoAdpoSchema>;

/** docs/DESIGN.md §8: where `npm run claims` checks the claims besides the defaults (fixed before looking). */
export const nearbySettings: readonly NearbySetting<AppoAdpoParams>[] = [
  { label: 'bandit d 6, K 12; policy K 8', params: { dim: 6, arms: 12, candidates: 8 } },
  { label: 'noisier labels (temperature 1.5 in both tiers)', params: { temperature: 1.5, labelTemperature: 1.5 } },
];
