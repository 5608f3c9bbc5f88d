import { logProbSpec, networkSpec, seedSpec, threadSpec, type NearbySetting, type ParamValues, type Schema } from '../../lib/params';

/**
 * The demo's whole state. The defaults are the claim check: the tabular tier of the research notes
 * (K = 8 prompts, V = 12 responses, 2000 SFT pairs, a tempered SFT model) and a language-model tier
 * small enough to train in the page.
 */
export const spinSchema = {
  seed: seedSpec,
  beta: { kind: 'float', default: 2, min: 0.05, max: 5, scale: 'log', label: 'β (shown run)', help: 'The SPIN loss’s inverse temperature. At the optimum p_{t+1} ∝ p_t·(p_data/p_t)^{1/β}: β = 1 jumps to the data, β > 1 moves part of the way, β < 1 overshoots.' },
  iterations: { kind: 'int', default: 3, min: 1, max: 6, label: 'SPIN iterations', help: 'Each iteration freezes the model as the opponent, generates its responses and trains against them.' },
  mix: {
    kind: 'enum',
    default: 'previous',
    options: [
      { value: 'previous', label: 'This and the previous iteration’s synthetic data (official)' },
      { value: 'current', label: 'This iteration’s synthetic data only' },
    ],
    label: 'Synthetic data per iteration',
    help: 'The official recipe trains iteration t on the responses generated at iterations t and t − 1.',
  },
  temper: { kind: 'float', default: 0.25, min: 0.1, max: 1, step: 0.05, label: 'SFT model: tempering', help: 'Tabular SFT model θ = temper · log p̂ (p̂ the empirical distribution): below 1 it is a deliberately weak, too-flat model; 1 is the maximum-likelihood fit.', advanced: true },
  learningRate: { kind: 'float', default: 0.05, min: 0.001, max: 0.5, step: 0.001, label: 'Tabular learning rate', help: 'Adam, full batch, for SPIN and for SFT continued alike.', advanced: true },
  adamSteps: { kind: 'int', default: 300, min: 10, max: 2000, label: 'Tabular Adam steps per iteration', help: 'Enough steps to approach each iteration’s optimum, where the closed form (the ghost bar) holds.', advanced: true },
  lm: {
    kind: 'toggle',
    default: 'on',
    label: 'Language-model tier',
    help: 'A tiny transformer learns to reverse words: SFT, then SPIN iterations next to SFT continued for the same number of steps. Takes tens of seconds.',
  },
  lmBeta: { kind: 'float', default: 2, min: 0.05, max: 5, scale: 'log', label: 'β (language model)', help: 'β of the language-model tier’s SPIN loss.', advanced: true },
  lmSftPairs: { kind: 'int', default: 128, min: 16, max: 1024, label: 'SFT pairs', help: 'Prompt–response pairs of the SFT data; SPIN reuses exactly these prompts and responses.', advanced: true },
  lmSftSteps: { kind: 'int', default: 200, min: 1, max: 2000, label: 'SFT steps', help: 'Training steps of the initial SFT model.', advanced: true },
  lmHeldOut: { kind: 'int', default: 128, min: 8, max: 512, label: 'Held-out words', help: 'Words never in the SFT data, on which exact match and log-likelihood are measured each iteration (decoding them is most of the tier’s time on a slow device).', advanced: true },
  lmWidth: { kind: 'int', default: 32, min: 8, max: 64, step: 8, label: 'LM width', help: 'The transformer’s width (four heads). Narrower models plateau below a perfect score: the regime search tried width 16.', advanced: true },
  lmLayers: { kind: 'int', default: 2, min: 1, max: 3, label: 'LM layers', help: 'Transformer layers.', advanced: true },
  lmSteps: { kind: 'int', default: 100, min: 1, max: 1000, label: 'Steps per iteration', help: 'Steps of each SPIN iteration, and of SFT continued over the same span.', advanced: true },
  lmLearningRate: { kind: 'float', default: 0.001, min: 0.0001, max: 0.01, step: 0.0001, label: 'LM learning rate (SFT)', help: 'Adam, for the initial SFT and for SFT continued.', advanced: true },
  lmReplicates: { kind: 'int', default: 3, min: 1, max: 8, label: 'Replicates (language model)', help: 'Independent runs of the tier (SFT, then SPIN and SFT continued) that the language-model claim is over; the chart shows the first. Each adds the tier’s time again.', advanced: true },
  lmSpinLearningRate: { kind: 'float', default: 0.0001, min: 0.00001, max: 0.01, step: 0.00001, label: 'LM learning rate (SPIN)', help: 'Adam, for the SPIN steps: the paper trains SPIN at a far smaller rate than SFT.', advanced: true },
  network: networkSpec('Language model runs on'),
  thread: threadSpec('When the language model runs on the CPU (or not at all), the whole run can go to a Web Worker, so the page stays responsive. The numbers are the same either way.'),
  logProb: logProbSpec('How log π(y|x) and its gradient are computed. Both give the same numbers to float precision.'),
} as const satisfies Schema;

export type SpinSchema = typeof spinSchema;
export type SpinParams = ParamValues<SpinSchema>;


/** docs/DESIGN.md §8: where `npm run claims` checks the claims besides the defaults (fixed before looking). */
export const nearbySettings: readonly NearbySetting<SpinParams>[] = [
  { label: 'tempering 0.35, 192 SFT pairs', params: { temper: 0.35, lmSftPairs: 192 } },
  { label: 'tabular rate 0.03, 150 LM steps', params: { learningRate: 0.03, lmSteps: 150 } },
];
