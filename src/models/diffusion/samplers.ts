// Reverse samplers for absorbing (masked) discrete diffusion, written against any denoiser
// `logits = f(x, t/T)`: the Markov baselines (absorbing ancestral, RDM-k: T network calls) and
// DNDM's de-randomised samplers (DNDM, DNDM-k: one call per distinct transition time; DNDM-C:
// continuous times, one call per token). Shared by the DNDM and DPLM demos.
//
// Two top-k rules (docs/research/discrete_diffusion.md §2.3), named by the sampler:
// - `…-remask` is the authors' rule: after each call the K lowest-confidence positions among ALL
//   positions are masked, so a decoded token whose position the network is now unsure of goes back
//   to the mask; K is the code's count (RDM: ⌊L·(t−1)/T⌋; DNDM: #{n : τ_n < t}).
// - without the suffix a decoded token is kept: only still-masked positions compete for the K.
// Where we differ from the code: exactly K positions stay masked (the code's topk_masking cutoff
// adds 1e-10 and can keep K + 1); there are no special tokens (N = L).
// As in the code, one τ vector is shared by the whole batch, so NFE = |{τ_n}| over N = L tokens.

import type { RngStream } from '../../lib/rng';
import type { Ticker } from '../../lib/schedule';
import { denoiseStepKey, denoiseStepReference, selectLowestConfidence, type DenoiseStepOutput } from './denoiseStep';
import { distinctTimesDescending, sampleContinuousTransitionTimes, sampleTransitionTimes, type TransitionSchedule } from './transitionTimes';

/** Logits [B·L·V] for the current tokens x [B·L] at diffusion time tFraction ∈ (0, 1]. */
export type Denoiser = (x: Int32Array, tFraction: number) => Promise<Float32Array>;

/**
 * One network call plus the denoising step (forbidden tokens, temperature, Gumbel noise keyed by
 * `stepKey`, argmax and confidence). On the GPU the logits never leave the device (gpuDecoder in modelDecoder.ts);
 * `decoderFromLogits` does the step on the CPU.
 */
export type StepDecoder = (x: Int32Array, tFraction: number, stepKey: number) => Promise<DenoiseStepOutput>;

export type SamplerName = 'ancestral' | 'rdm-k' | 'rdm-k-remask' | 'dndm' | 'dndm-k' | 'dndm-k-remask' | 'dndm-c' | 'dndm-c-k' | 'dndm-c-k-remask';

/** How a sampler decides which positions stay masked: its own τ (random order), or top-k by confidence (keeping decoded tokens, or re-masking as the authors). */
export type RevealRule = 'tau' | 'topk-keep' | 'topk-remask';

export interface SamplerConfig {
  batch: number;
  length: number;
  vocab: number;
  maskToken: number;
  /** Tokens the sampler may never emit (the mask token is always added). */
  forbidden: readonly number[];
  /** Diffusion steps T (ignored by dndm-c). */
  steps: number;
  schedule: TransitionSchedule;
  temperature: number;
  /** 0: argmax decoding (DNDM's default); 1: Gumbel-max sampling. */
  noiseScale: number;
}

export interface SampleResult {
  tokens: Int32Array;
  /** Network calls. */
  nfe: number;
  wallMs: number;
  /** x before each network call, then the final x: the step-by-step view (only when asked for). */
  trajectory?: Int32Array[];
  /** DNDM samplers: each position's transition time (steps 1..T; DNDM-C: continuous in (0, 1)). */
  tau?: ArrayLike<number>;
}

interface RunState {
  x: Int32Array;
  masked: Uint8Array;
  nfe: number;
  step: number;
}

export function forbiddenMask(config: Pick<SamplerConfig, 'vocab' | 'forbidden' | 'maskToken'>): boolean[] {
  const mask = Array.from({ length: config.vocab }, () => false);
  for (const v of config.forbidden) mask[v] = true;
  mask[config.maskToken] = true;
  return mask;
}

/** The denoising step in plain TypeScript on logits read back from the denoiser. */
export function decoderFromLogits(denoiser: Denoiser, config: SamplerConfig): StepDecoder {
  const forbidden = forbiddenMask(config);
  const { batch, length, vocab, temperature, noiseScale } = config;
  return async (x, tFraction, stepKey) =>
    denoiseStepReference({ logits: await denoiser(x, tFraction), positions: batch * length, vocab, forbidden, temperature, noiseScale, stepKey });
}

/**
 * Runs `body` with a fresh all-masked batch; `decode` calls the network once and returns the
 * step's proposed tokens and confidences.
 */
async function withState(
  config: SamplerConfig,
  decoder: StepDecoder,
  rng: RngStream,
  ticker: Ticker | undefined,
  keepTrajectory: boolean,
  body: (state: RunState, decode: (tFraction: number) => Promise<{ tokens: Int32Array; confidence: Float64Array }>) => Promise<void>,
): Promise<SampleResult> {
  const started = performance.now();
  const { batch, length, maskToken } = config;
  const state: RunState = { x: new Int32Array(batch * length).fill(maskToken), masked: new Uint8Array(batch * length).fill(1), nfe: 0, step: 0 };
  const noiseKey = rng.split('gumbel').key;
  const trajectory: Int32Array[] = [];
  await body(state, async (tFraction) => {
    await ticker?.tick();
    if (keepTrajectory) trajectory.push(Int32Array.from(state.x));
    const out = await decoder(state.x, tFraction, denoiseStepKey(noiseKey, state.step++));
    state.nfe++;
    return out;
  });
  if (keepTrajectory) trajectory.push(Int32Array.from(state.x));
  return { tokens: state.x, nfe: state.nfe, wallMs: performance.now() - started, ...(keepTrajectory ? { trajectory } : {}) };
}

function unmask(state: RunState, i: number, token: number): void {
  state.x[i] = token;
  state.masked[i] = 0;
}

/**
 * The top-k update after one call: per sequence, `stayMasked` positions of lowest confidence are
 * (or go back to being) the mask; every other masked position takes its proposed token.
 * topk-remask ranks all positions (the authors' rule), topk-keep only the still-masked ones.
 */
function topKUpdate(state: RunState, step: { tokens: Int32Array; confidence: Float64Array }, stayMasked: number, rule: 'topk-keep' | 'topk-remask', config: SamplerConfig): void {
  const { batch, length, maskToken } = config;
  const eligible = rule === 'topk-remask' ? new Uint8Array(state.x.length).fill(1) : state.masked;
  const stay = selectLowestConfidence(step.confidence, eligible, new Array<number>(batch).fill(stayMasked), batch, length);
  for (let i = 0; i < state.x.length; i++) {
    if (stay[i]) {
      state.x[i] = maskToken;
      state.masked[i] = 1;
    } else if (state.masked[i]) unmask(state, i, step.tokens[i]);
  }
}

/** Absorbing ancestral sampling: at step t each masked token is revealed with probability 1/t. */
export function sampleAncestral(config: SamplerConfig, decoder: StepDecoder, rng: RngStream, ticker?: Ticker, keepTrajectory = false): Promise<SampleResult> {
  const coin = rng.split('reveal');
  return withState(config, decoder, rng, ticker, keepTrajectory, async (state, decode) => {
    for (let t = config.steps; t >= 1; t--) {
      const { tokens } = await decode(t / config.steps);
      for (let i = 0; i < state.x.length; i++) if (state.masked[i] && coin.uniform() < 1 / t) unmask(state, i, tokens[i]);
    }
  });
}

/** RDM-k: T calls; after step t, ⌊L·(t−1)/T⌋ positions per sequence stay masked, the least confident. */
export function sampleRdmK(config: SamplerConfig, decoder: StepDecoder, rng: RngStream, rule: 'topk-keep' | 'topk-remask', ticker?: Ticker, keepTrajectory = false): Promise<SampleResult> {
  const { length, steps } = config;
  return withState(config, decoder, rng, ticker, keepTrajectory, async (state, decode) => {
    for (let t = steps; t >= 1; t--) topKUpdate(state, await decode(t / steps), Math.floor((length * (t - 1)) / steps), rule, config);
  });
}

/**
 * DNDM (rule tau): token n is revealed at its transition time τ_n; the network is called only at
 * the distinct τ's, latest first. DNDM-k (top-k rules): at time t, #{n : τ_n < t} positions stay
 * masked, chosen by lowest confidence.
 */
export async function sampleDndm(config: SamplerConfig, decoder: StepDecoder, rng: RngStream, rule: RevealRule, ticker?: Ticker, keepTrajectory = false): Promise<SampleResult> {
  const { batch, length, steps, schedule } = config;
  const tau = sampleTransitionTimes(schedule, length, steps, rng.split('tau'));
  const times = distinctTimesDescending(tau);
  const result = await withState(config, decoder, rng, ticker, keepTrajectory, async (state, decode) => {
    for (const t of times) {
      const step = await decode(t / steps);
      if (rule !== 'tau') topKUpdate(state, step, tau.reduce((count, tn) => count + (tn < t ? 1 : 0), 0), rule, config);
      else {
        for (let b = 0; b < batch; b++) {
          for (let n = 0; n < length; n++) if (tau[n] === t) unmask(state, b * length + n, step.tokens[b * length + n]);
        }
      }
    }
  });
  return { ...result, tau };
}

/**
 * DNDM-C: continuous τ ~ Beta(α, β); one call per token, latest τ first (NFE = L). Rule tau
 * reveals token n at τ_n (a random order); the top-k rules reveal, at the k-th call, whichever
 * positions are most confident so that L − k stay masked (the authors' continuous-time top-k).
 */
export async function sampleDndmContinuous(config: SamplerConfig, decoder: StepDecoder, rng: RngStream, rule: RevealRule, ticker?: Ticker, keepTrajectory = false): Promise<SampleResult> {
  const { batch, length, schedule } = config;
  const [alpha, beta] = schedule.kind === 'beta' ? [schedule.alpha, schedule.beta] : [1, 1];
  const tau = sampleContinuousTransitionTimes(alpha, beta, length, rng.split('tau'));
  const order = Array.from({ length }, (_, n) => n).sort((i, j) => tau[j] - tau[i]);
  const result = await withState(config, decoder, rng, ticker, keepTrajectory, async (state, decode) => {
    for (let k = 0; k < length; k++) {
      const n = order[k];
      const step = await decode(tau[n]);
      if (rule !== 'tau') topKUpdate(state, step, length - (k + 1), rule, config);
      else for (let b = 0; b < batch; b++) unmask(state, b * length + n, step.tokens[b * length + n]);
    }
  });
  return { ...result, tau };
}

export function sample(name: SamplerName, config: SamplerConfig, decoder: StepDecoder, rng: RngStream, ticker?: Ticker, keepTrajectory = false): Promise<SampleResult> {
  switch (name) {
    case 'ancestral':
      return sampleAncestral(config, decoder, rng, ticker, keepTrajectory);
    case 'rdm-k':
      return sampleRdmK(config, decoder, rng, 'topk-keep', ticker, keepTrajectory);
    case 'rdm-k-remask':
      return sampleRdmK(config, decoder, rng, 'topk-remask', ticker, keepTrajectory);
    case 'dndm':
      return sampleDndm(config, decoder, rng, 'tau', ticker, keepTrajectory);
    case 'dndm-k':
      return sampleDndm(config, decoder, rng, 'topk-keep', ticker, keepTrajectory);
    case 'dndm-k-remask':
      return sampleDndm(config, decoder, rng, 'topk-remask', ticker, keepTrajectory);
    case 'dndm-c':
      return sampleDndmContinuous(config, decoder, rng, 'tau', ticker, keepTrajectory);
    case 'dndm-c-k':
      return sampleDndmContinuous(config, decoder, rng, 'topk-keep', ticker, keepTrajectory);
    case 'dndm-c-k-remask':
      return sampleDndmContinuous(config, decoder, rng, 'topk-remask', ticker, keepTrajectory);
  }
}
