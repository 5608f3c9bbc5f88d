// "Export as a script": DNDM's sampler and its T-call baseline in Python (script.py). NumPy draws
// every run's transition times from the page's seeded streams (so the network-call counts, E[NFE]
// and the NFE claims agree exactly) and runs the shown run with a NumPy forward pass of the network;
// PyTorch runs the whole sweep on the pretrained weights (wall times, quality, the speed-up claim).
import body from './script.py?raw';
import { claimValue, type DemoScript } from '../../lib/pythonScript';
import type { DndmResults } from './experiment';
import type { DndmParams } from './params';

const FORMULA = 'Both sides are float64 with the same Lanczos log-gamma and Simpson sums; only the libm (exp, log, pow) and the order of a few sums differ.';
const COUNT = 'A count of distinct transition times: the same seeded stream draws the same τ.';
const TEXT =
  'FNV-1a of the texts: equal only for identical tokens. The NumPy network is float64 against the page’s float32 tfjs (wasm); the Gumbel noise is the same hash, so they choose the same tokens unless two perturbed logits or two confidences fall within ~1e-6 of each other (at the defaults none did).';

/** The sweep's T's at the defaults, as the nfe and time series label them (∞ is DNDM-C). */
const GRID = ['25', '50', '100', '1000', '∞'] as const;
const key = (T: string) => (T === '∞' ? 'inf' : T);

/** FNV-1a (32 bits) over UTF-16 code units: the script's fingerprint of a list of texts joined by newlines. */
function fingerprint(texts: readonly string[]): number {
  const text = texts.join('\n');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const nfeRow = (r: DndmResults, T: string) => r.series.nfe.find((row) => row.T === T)!;
const timeRow = (r: DndmResults, T: string) => r.series.time.find((row) => row.T === T)!;
/** The samples series' texts at T (seed 0: the T-call sampler's two sequences, then DNDM's). */
const samplesAt = (r: DndmResults, T: string) => r.series.samples.filter((row) => row.T === T).map((row) => row.text);

export const script: DemoScript<DndmParams, DndmResults> = {
  frameworks: 'numpy+pytorch',
  body,
  constants: (p) => [
    { name: 'SEED', value: p.seed, comment: 'the seed: the same seed draws the same transition times and noise as the page' },
    { name: 'STEPS', value: p.steps, comment: 'T of the shown run (step by step, the tau histogram); also joins the sweep' },
    { name: 'SCHEDULE', value: p.schedule, comment: 'transition-time schedule: "beta", "uniform" or "cosine"' },
    { name: 'ALPHA', value: p.alpha, comment: 'Beta schedule alpha: larger moves transition times toward t = T (tokens revealed early)' },
    { name: 'BETA', value: p.beta, comment: 'Beta schedule beta: larger moves transition times toward t = 0 (tokens revealed late)' },
    { name: 'PAIR', value: p.pair, comment: 'samplers compared: "topk" (RDM-k vs DNDM-k, re-masking as the authors), "topk-keep", or "random" (ancestral vs DNDM)' },
    { name: 'SAMPLES', value: p.samples, comment: 'batch size B: sequences per seed, sharing one transition-time vector' },
    { name: 'SEEDS', value: p.seeds, comment: 'independent repetitions per T' },
    { name: 'SWEEP', value: p.sweep, comment: 'T grid: "full" (25, 50, 100, 1000, inf), "short" (no 1000) or "off" (only STEPS)' },
    { name: 'NOISE', value: p.noise, comment: 'token choice: "gumbel" samples (Gumbel-max), "argmax" takes the most likely token' },
    { name: 'TEMPERATURE', value: p.temperature, comment: 'logits are divided by it before the token choice' },
  ],
  weights: ['weights/dndm-kjv/'],
  data: ['data/dndm-judge/judge.json'],
  agreement: [
    { key: 'nfe-matches-formula', page: (r) => claimValue(r, 'nfe-matches-formula'), tolerance: { rel: 1e-9 }, why: `Measured NFE are exact counts; E[NFE] and Var[NFE]: ${FORMULA}` },
    { key: 'small-t-little-saving', page: (r) => claimValue(r, 'small-t-little-saving'), tolerance: { rel: 1e-12 }, why: 'T over the mean of exact counts: the same division on both sides.' },
    ...GRID.flatMap((T) => [
      { key: `nfe.T${key(T)}.dndmMean`, page: (r: DndmResults) => nfeRow(r, T).dndmMean, tolerance: { rel: 1e-12 }, why: `The mean over seeds of NFE. ${COUNT}` },
      { key: `nfe.T${key(T)}.dndmMin`, page: (r: DndmResults) => nfeRow(r, T).dndmMin, tolerance: { abs: 0 }, why: COUNT },
      { key: `nfe.T${key(T)}.dndmMax`, page: (r: DndmResults) => nfeRow(r, T).dndmMax, tolerance: { abs: 0 }, why: COUNT },
      { key: `nfe.T${key(T)}.formula`, page: (r: DndmResults) => nfeRow(r, T).formula, tolerance: { rel: 1e-9 }, why: `E[NFE] (N at T = ∞). ${FORMULA}` },
      { key: `nfe.T${key(T)}.formulaSd`, page: (r: DndmResults) => nfeRow(r, T).formulaSd, tolerance: { abs: 1e-9 }, why: `sqrt(Var[NFE]), a double sum over T² pairs (0 at T = ∞). ${FORMULA}` },
    ]),
    ...GRID.filter((T) => T !== '∞').map((T) => ({
      key: `time.T${key(T)}.nfeRatio`,
      page: (r: DndmResults) => timeRow(r, T).nfeRatio!,
      tolerance: { rel: 1e-12 },
      why: 'T-call sampler’s calls (T) over DNDM’s mean calls: exact counts.',
    })),
    { key: 'shownNfeDndm', page: (r) => r.metrics.shownNfeDndm!, tolerance: { abs: 0 }, why: COUNT },
    { key: 'shownNfeBaseline', page: (r) => r.metrics.shownNfeBaseline!, tolerance: { abs: 0 }, why: 'The T-call sampler calls the network T times.' },
    { key: 'shownExpectedNfe', page: (r) => r.metrics.shownExpectedNfe!, tolerance: { rel: 1e-9 }, why: FORMULA },
    {
      key: 'positions.tauWeightedSum',
      page: (r) => r.series.positions!.reduce((s, row) => s + (row.position + 1) * row.tau, 0),
      tolerance: { abs: 0 },
      why: 'Σ (n + 1)·τ_n of the shown run: each position’s transition time, from the same stream.',
    },
    { key: 'trajectory.fnv', page: (r) => fingerprint(r.series.trajectory!.map((row) => row.text)), tolerance: { abs: 0 }, why: `Every frame of the shown DNDM run (sequence 0). ${TEXT}` },
    { key: 'baselineTrajectory.fnv', page: (r) => fingerprint(r.series.baselineTrajectory!.map((row) => row.text)), tolerance: { abs: 0 }, why: `Every frame of the shown T-call run (sequence 0). ${TEXT}` },
    ...GRID.map((T) => ({
      key: `samples.T${key(T)}.fnv`,
      page: (r: DndmResults) => fingerprint(samplesAt(r, T)),
      tolerance: { abs: 0 },
      why: `Seed 0, sequences 0 and 1: both samplers’ final texts at T = ${T} (${T === '1000' ? '1 000 calls of the T-call sampler, each re-ranking every position' : T === '∞' ? 'DNDM-C: Beta transition times by Marsaglia–Tsang' : 'the page’s samples list'}). ${TEXT}`,
    })),
  ],
  seconds: 16,
};
