// SPIN on a tabular conditional model (docs/ALIGNMENT.md §5.6, docs/research/alignment.md §1c): K prompts × V
// responses, p_θ(y|x) = softmax(θ[x]). The SFT data are N samples (x, y) from p_data; the "SFT model"
// is the tempered empirical MLE (deliberately weak). Each SPIN iteration freezes the opponent
// p_t = p_θt, draws one synthetic y' ~ p_t(·|x_i) per real pair, and minimises
//   mean_i softplus(−β·[(log p_θ − log p_t)(y_i|x_i) − (log p_θ − log p_t)(y'_i|x_i)])
// with Adam, full batch. At the optimum p_{t+1} ∝ p_t·(p_data/p_t)^{1/β} (Thm 5.4): the ghost bar.
// Exact gradients: ∂ log p_θ(y|x)/∂θ[x] = onehot(y) − p_θ(·|x).

import type { RngStream } from '../../lib/rng';
import type { Ticker } from '../../lib/schedule';

export interface TabularSetup {
  prompts: number;
  responses: number;
  samples: number;
  /** Scale of the data logits: larger, more peaked p_data. */
  dataSharpness: number;
  /** The SFT model: θ = temper · log p̂ (p̂ the add-½ empirical distribution); 1 = the MLE. */
  temper: number;
}

export type Table = Float64Array[]; // [K][V]

export function softmaxRow(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const out = Float64Array.from(logits, (z) => Math.exp(z - max));
  const sum = out.reduce((a, b) => a + b, 0);
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

export const probabilities = (theta: Table): Table => theta.map(softmaxRow);

export const sampleFrom = (p: ArrayLike<number>, rng: RngStream): number => rng.categorical(p);

/** KL(p_data ‖ p_θ), averaged over prompts. */
export function meanKl(data: Table, model: Table): number {
  let kl = 0;
  data.forEach((p, x) => p.forEach((px, y) => px > 0 && (kl += px * Math.log(px / model[x][y]))));
  return kl / data.length;
}

/** Bayes accuracy of telling a real response from a generated one, 0.5 + TV/2, averaged over prompts. */
export function discriminability(data: Table, model: Table): number {
  let tv = 0;
  data.forEach((p, x) => p.forEach((px, y) => (tv += Math.abs(px - model[x][y]) / 2)));
  return 0.5 + tv / data.length / 2;
}

/** Mean log p_θ(y|x) over pairs. */
export function meanLogLikelihood(model: Table, pairs: readonly [number, number][]): number {
  return pairs.reduce((s, [x, y]) => s + Math.log(model[x][y]), 0) / pairs.length;
}

/** Closed-form next iterate at the optimum of the SPIN loss: p_t (p_data/p_t)^{1/β}, normalised. */
export function theoreticalNextIterate(pData: Float64Array, pT: Float64Array, beta: number): Float64Array {
  return softmaxRow(Array.from(pT, (q, y) => Math.log(q) + (Math.log(pData[y]) - Math.log(q)) / beta));
}

export interface TabularProblem {
  pData: Table;
  train: [number, number][];
  heldOut: [number, number][];
  sft: Table; // θ of the SFT model
}

export function makeTabularProblem(setup: TabularSetup, rng: RngStream): TabularProblem {
  const { prompts: K, responses: V } = setup;
  const dataRng = rng.split('p_data');
  const pData = Array.from({ length: K }, () => softmaxRow(Array.from({ length: V }, () => setup.dataSharpness * dataRng.normal())));
  const draw = (n: number, r: RngStream): [number, number][] =>
    Array.from({ length: n }, () => {
      const x = r.int(K);
      return [x, sampleFrom(pData[x], r)] as [number, number];
    });
  const train = draw(setup.samples, rng.split('train'));
  const heldOut = draw(setup.samples, rng.split('held-out'));
  const counts = Array.from({ length: K }, () => new Float64Array(V).fill(0.5));
  for (const [x, y] of train) counts[x][y]++;
  const sft = counts.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return Float64Array.from(row, (c) => setup.temper * Math.log(c / total));
  });
  return { pData, train, heldOut, sft };
}

export interface Optimiser {
  learningRate: number;
  steps: number;
}

/** Adam on a table, full-batch gradient from `gradient(θ)` (same shape), minimising. */
function adam(theta: Table, gradient: (t: Table) => Table, { learningRate, steps }: Optimiser): Table {
  const t = theta.map((row) => Float64Array.from(row));
  const m = t.map((row) => new Float64Array(row.length));
  const v = t.map((row) => new Float64Array(row.length));
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  for (let step = 1; step <= steps; step++) {
    const g = gradient(t);
    for (let x = 0; x < t.length; x++) {
      for (let y = 0; y < t[x].length; y++) {
        m[x][y] = b1 * m[x][y] + (1 - b1) * g[x][y];
        v[x][y] = b2 * v[x][y] + (1 - b2) * g[x][y] ** 2;
        t[x][y] -= (learningRate * (m[x][y] / (1 - b1 ** step))) / (Math.sqrt(v[x][y] / (1 - b2 ** step)) + eps);
      }
    }
  }
  return t;
}

export interface SpinPair {
  x: number;
  real: number;
  generated: number;
  /** How many pairs this one stands for (1 when absent). */
  count?: number;
}

/** Identical (x, real, generated) pairs merged into one with a count: the loss and gradient are unchanged, the work drops to at most K·V² terms. */
export function mergePairs(pairs: readonly SpinPair[]): SpinPair[] {
  const merged = new Map<string, SpinPair>();
  for (const p of pairs) {
    const key = `${p.x},${p.real},${p.generated}`;
    const seen = merged.get(key);
    if (seen) seen.count = (seen.count ?? 1) + (p.count ?? 1);
    else merged.set(key, { ...p, count: p.count ?? 1 });
  }
  return Array.from(merged.values());
}

/** The SPIN loss and its exact gradient in θ for fixed opponent probabilities. */
export function spinLoss(theta: Table, opponent: Table, pairs: readonly SpinPair[], beta: number): { loss: number; gradient: Table; rewardsReal: number; rewardsGenerated: number; accuracy: number } {
  const p = probabilities(theta);
  const gradient = theta.map((row) => new Float64Array(row.length));
  let loss = 0;
  let rewardsReal = 0;
  let rewardsGenerated = 0;
  let correct = 0;
  const n = pairs.reduce((total, p) => total + (p.count ?? 1), 0);
  for (const { x, real, generated, count = 1 } of pairs) {
    const rReal = beta * (Math.log(p[x][real]) - Math.log(opponent[x][real]));
    const rGen = beta * (Math.log(p[x][generated]) - Math.log(opponent[x][generated]));
    const margin = rReal - rGen;
    // softplus(−m), stable; d/dm = −σ(−m)
    loss += count * (margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin)));
    const dMargin = -1 / (1 + Math.exp(margin));
    // ∂margin/∂θ[x] = β·(onehot(real) − onehot(generated)) — the softmax terms cancel
    gradient[x][real] += (count * dMargin * beta) / n;
    gradient[x][generated] -= (count * dMargin * beta) / n;
    rewardsReal += count * rReal;
    rewardsGenerated += count * rGen;
    if (rReal > rGen) correct += count;
  }
  return { loss: loss / n, gradient, rewardsReal: rewardsReal / n, rewardsGenerated: rewardsGenerated / n, accuracy: correct / n };
}

/** log softmax of each row. */
const logProbabilities = (theta: Table): Table =>
  theta.map((row) => {
    const p = softmaxRow(row);
    return Float64Array.from(p, Math.log);
  });

/**
 * The SPIN loss's gradient alone (what Adam needs), with the log-probabilities taken once per row
 * instead of four logarithms per pair: the same numbers as spinLoss(…).gradient, several times faster.
 */
export function spinGradient(theta: Table, logOpponent: Table, pairs: readonly SpinPair[], beta: number): Table {
  const logP = logProbabilities(theta);
  const gradient = theta.map((row) => new Float64Array(row.length));
  let n = 0;
  for (const p of pairs) n += p.count ?? 1;
  for (const { x, real, generated, count = 1 } of pairs) {
    const margin = beta * (logP[x][real] - logOpponent[x][real] - (logP[x][generated] - logOpponent[x][generated]));
    const g = (count * beta) / (1 + Math.exp(margin)) / n;
    gradient[x][real] -= g;
    gradient[x][generated] += g;
  }
  return gradient;
}

/** Counts of each (x, y) among the pairs: [K][V]. */
export function pairCounts(pairs: readonly [number, number][], prompts: number, responses: number): Table {
  const counts = Array.from({ length: prompts }, () => new Float64Array(responses));
  for (const [x, y] of pairs) counts[x][y]++;
  return counts;
}

/** Negative log-likelihood of the pairs summarised by `counts`, and its gradient (SFT continued). */
export function nllLoss(theta: Table, counts: Table): { loss: number; gradient: Table } {
  const p = probabilities(theta);
  const n = counts.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  const gradient = theta.map((row) => new Float64Array(row.length));
  let loss = 0;
  counts.forEach((row, x) => {
    const rowTotal = row.reduce((a, b) => a + b, 0);
    row.forEach((c, y) => {
      if (c > 0) loss -= c * Math.log(p[x][y]);
      // Σ_pairs (p − onehot) over the row's pairs
      gradient[x][y] += (rowTotal * p[x][y] - c) / n;
    });
  });
  return { loss: loss / n, gradient };
}

export interface IterationRecord {
  iteration: number;
  kl: number;
  heldOutLogLikelihood: number;
  discriminability: number;
  /** SPIN's logged metrics at the end of the iteration's training. */
  rewardsReal: number;
  rewardsGenerated: number;
  margin: number;
  rewardAccuracy: number;
  /** The same quantities for SFT continued for as many steps. */
  sftKl: number;
  sftHeldOutLogLikelihood: number;
}

export interface SpinRunOptions {
  beta: number;
  iterations: number;
  optimiser: Optimiser;
  /** Train iteration t on the synthetic data of iterations t and t − 1 (the official recipe). */
  mixPrevious: boolean;
}

/** SPIN iterations from the SFT model, next to SFT continued for the same number of steps. Yields to `ticker` between iterations. */
export async function runTabularSpin(problem: TabularProblem, options: SpinRunOptions, rng: RngStream, ticker?: Ticker): Promise<{ records: IterationRecord[]; tables: Table[] }> {
  const { pData, train, heldOut } = problem;
  let theta = problem.sft;
  let sftTheta = problem.sft;
  const initial = probabilities(theta);
  const records: IterationRecord[] = [
    {
      iteration: 0,
      kl: meanKl(pData, initial),
      heldOutLogLikelihood: meanLogLikelihood(initial, heldOut),
      discriminability: discriminability(pData, initial),
      rewardsReal: 0,
      rewardsGenerated: 0,
      margin: 0,
      rewardAccuracy: 0,
      sftKl: meanKl(pData, initial),
      sftHeldOutLogLikelihood: meanLogLikelihood(initial, heldOut),
    },
  ];
  const tables: Table[] = [initial];
  let previous: SpinPair[] = [];
  const counts = pairCounts(train, pData.length, pData[0].length);
  for (let t = 1; t <= options.iterations; t++) {
    await ticker?.tick();
    const opponent = probabilities(theta);
    const gen = rng.split(`generate-${t}`);
    const current: SpinPair[] = train.map(([x, y]) => ({ x, real: y, generated: sampleFrom(opponent[x], gen) }));
    const pairs = mergePairs(options.mixPrevious ? [...current, ...previous] : current);
    const logOpponent = opponent.map((row) => Float64Array.from(row, Math.log));
    theta = adam(theta, (th) => spinGradient(th, logOpponent, pairs, options.beta), options.optimiser);
    sftTheta = adam(sftTheta, (th) => nllLoss(th, counts).gradient, options.optimiser);
    const end = spinLoss(theta, opponent, mergePairs(current), options.beta);
    const p = probabilities(theta);
    const pSft = probabilities(sftTheta);
    records.push({
      iteration: t,
      kl: meanKl(pData, p),
      heldOutLogLikelihood: meanLogLikelihood(p, heldOut),
      discriminability: discriminability(pData, p),
      rewardsReal: end.rewardsReal,
      rewardsGenerated: end.rewardsGenerated,
      margin: end.rewardsReal - end.rewardsGenerated,
      rewardAccuracy: end.accuracy,
      sftKl: meanKl(pData, pSft),
      sftHeldOutLogLikelihood: meanLogLikelihood(pSft, heldOut),
    });
    tables.push(p);
    previous = current;
  }
  return { records, tables };
}
