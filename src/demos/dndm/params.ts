import { decodeSpec, networkSpec, seedSpec, threadSpec, type NearbySetting, type ParamValues, type Schema } from '../../lib/params';

/**
 * The demo's whole state; the defaults are the paper-claim check (Beta(3, 3), N = 64, T up to 1000):
 * 5 seeds of 16 sequences give the quality equivalence test 80 sequences per sampler (power ≈ 0.9
 * at no true difference, for the per-sequence NLL s.d. ≈ 0.42 we measured), the bigram check 10
 * groups of 8 sequences, and the speed-up 5 per-seed replicates (docs/DESIGN.md §8: ≥ 5).
 */
export const dndmSchema = {
  seed: seedSpec,
  steps: { kind: 'int', default: 50, min: 2, max: 1000, label: 'Steps T (shown run)', help: 'Diffusion steps of the run shown step by step and in the τ histogram.' },
  schedule: {
    kind: 'enum',
    default: 'beta',
    options: [
      { value: 'beta', label: 'Beta(α, β)' },
      { value: 'uniform', label: 'Uniform' },
      { value: 'cosine', label: 'Cosine' },
    ],
    label: 'Transition-time schedule',
    help: 'The distribution of each token’s transition time τ over the T steps.',
  },
  alpha: { kind: 'float', default: 3, min: 1, max: 20, step: 0.5, label: 'α', help: 'Beta schedule: τ/T ~ Beta(α, β), so larger α moves transition times toward t = T, the start of the reverse process: tokens are revealed early (Beta(17, 4) reveals most tokens in the first steps).' },
  beta: { kind: 'float', default: 3, min: 1, max: 20, step: 0.5, label: 'β', help: 'Beta schedule: larger β moves transition times toward t = 0, the end of the reverse process: tokens are revealed late.' },
  pair: {
    kind: 'enum',
    default: 'topk',
    options: [
      { value: 'topk', label: 'RDM-k vs DNDM-k, re-masking top-k (the authors’ rule)' },
      { value: 'topk-keep', label: 'RDM-k vs DNDM-k, decoded tokens kept' },
      { value: 'random', label: 'Absorbing ancestral vs DNDM (random order)' },
    ],
    label: 'Samplers compared',
    help: 'The T-call Markov sampler and the DNDM sampler that decides the same way which tokens to reveal. Top-k: after each call the least confident positions stay masked; in the authors’ rule all positions compete, so a decoded token the network now doubts goes back to the mask; “kept” never re-masks. At T = ∞ the same rule runs in continuous time (DNDM-C).',
  },
  samples: { kind: 'int', default: 16, min: 1, max: 32, label: 'Sequences per seed', help: 'Batch size B: sequences generated together per seed (one transition-time vector per batch, as in the authors’ code).' },
  seeds: { kind: 'int', default: 5, min: 1, max: 10, label: 'Seeds', help: 'Independent repetitions per point: the bands on the charts.' },
  sweep: {
    kind: 'enum',
    default: 'full',
    options: [
      { value: 'full', label: 'T ∈ {25, 50, 100, 1000, ∞}' },
      { value: 'short', label: 'T ∈ {25, 50, 100, ∞} (no T = 1000)' },
      { value: 'off', label: 'Only the shown T' },
    ],
    label: 'Sweep over T',
    help: 'T = 1000 is where DNDM’s speed-up shows and the T-call sampler is slow (1000 network calls per seed).',
  },
  noise: {
    kind: 'enum',
    default: 'gumbel',
    options: [
      { value: 'gumbel', label: 'Sample (Gumbel-max)' },
      { value: 'argmax', label: 'Argmax' },
    ],
    label: 'Token choice',
    help: 'Sample each revealed token from the model’s distribution, or take its most likely token.',
    advanced: true,
  },
  temperature: { kind: 'float', default: 1, min: 0.1, max: 2, step: 0.05, label: 'Temperature', help: 'Logits are divided by it before sampling.', advanced: true },
  network: networkSpec('Network runs on'),
  thread: threadSpec('When the network runs on the CPU the whole run can go to a Web Worker, so the page stays responsive. The numbers are the same either way.'),
  decode: decodeSpec('Where the step after each network call runs (noise, argmax, confidence). Both give the same tokens for the same logits.'),
} as const satisfies Schema;

export type DndmSchema = typeof dndmSchema;
export type DndmParams = ParamValues<DndmSchema>;


/** docs/DESIGN.md §8: where `npm run claims` checks the claims besides the defaults (fixed before looking). */
export const nearbySettings: readonly NearbySetting<DndmParams>[] = [
  { label: 'Beta(5, 3)', params: { alpha: 5, beta: 3 } },
  { label: 'temperature 0.9', params: { temperature: 0.9 } },
];
