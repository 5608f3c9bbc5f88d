// The tiny language models' task (the language-model tiers of SPIN and of ADPO): reverse a short
// word. Prompt "cabd=" → response "dbac.", over the letters a–h. A tiny causal transformer learns it
// partly by SFT, so the alignment methods have room to improve it.
// Pairs are drawn from a seeded stream; training and held-out prompts never overlap.

import type { RngStream } from '../lib/rng';

export const TASK_LETTERS = 'abcdefgh';
export const PAD = 0;
export const EQUALS = TASK_LETTERS.length + 1; // 9
export const STOP = TASK_LETTERS.length + 2; // 10
export const TASK_VOCAB = TASK_LETTERS.length + 3; // 11
export const MIN_WORD = 3;
export const MAX_WORD = 5;
/** prompt + '=' + response + '.' at the longest. */
export const TASK_LENGTH = 2 * MAX_WORD + 2;

export interface TaskPair {
  prompt: string;
  response: string;
}

export function reverseWord(word: string): string {
  return Array.from(word).reverse().join('');
}

export function encodeTask(text: string): number[] {
  return Array.from(text, (ch) => {
    if (ch === '=') return EQUALS;
    if (ch === '.') return STOP;
    const i = TASK_LETTERS.indexOf(ch);
    if (i < 0) throw new Error(`"${ch}" is not in the task alphabet`);
    return i + 1;
  });
}

export function decodeTask(tokens: ArrayLike<number>): string {
  return Array.from(tokens, (t) => (t === PAD ? '' : t === EQUALS ? '=' : t === STOP ? '.' : TASK_LETTERS[t - 1] ?? '?')).join('');
}

/** `count` distinct prompts with their correct responses; `exclude` keeps splits apart. */
export function drawTaskPairs(count: number, rng: RngStream, exclude: ReadonlySet<string> = new Set()): TaskPair[] {
  const seen = new Set<string>();
  const pairs: TaskPair[] = [];
  while (pairs.length < count) {
    const length = MIN_WORD + rng.int(MAX_WORD - MIN_WORD + 1);
    const word = Array.from({ length }, () => TASK_LETTERS[rng.int(TASK_LETTERS.length)]).join('');
    if (seen.has(word) || exclude.has(word)) continue;
    seen.add(word);
    pairs.push({ prompt: word, response: reverseWord(word) });
  }
  return pairs;
}

export interface EncodedBatch {
  /** [B·L] input tokens: prompt, '=', response, '.', padding. */
  inputs: Int32Array;
  /** [B·L] the next token at each position (what position t predicts). */
  targets: Int32Array;
  /** [B·L] 1 where the target is a response token or the final '.': the sequence log-prob counts these. */
  mask: Float32Array;
  batch: number;
  length: number;
}

/** Prompt–response pairs as next-token training rows (the response may be any string, e.g. generated). */
export function encodeBatch(pairs: readonly TaskPair[]): EncodedBatch {
  const L = TASK_LENGTH;
  const inputs = new Int32Array(pairs.length * L);
  const targets = new Int32Array(pairs.length * L);
  const mask = new Float32Array(pairs.length * L);
  pairs.forEach(({ prompt, response }, b) => {
    const tokens = encodeTask(`${prompt}=${response}.`).slice(0, L + 1);
    for (let t = 0; t < L; t++) {
      inputs[b * L + t] = tokens[t] ?? PAD;
      targets[b * L + t] = tokens[t + 1] ?? PAD;
      // position t predicts token t + 1: count it when token t + 1 is part of the response or the stop
      mask[b * L + t] = t >= prompt.length && t + 1 < tokens.length ? 1 : 0;
    }
  });
  return { inputs, targets, mask, batch: pairs.length, length: L };
}
