// How good generated text is, measured against the KJV corpus without a large language model:
// generative perplexity under a separately trained character n-gram judge (trained on held-out text
// the diffusion model never saw), the share of complete words that are real corpus words, and the
// KL divergence of the samples' unigram and bigram frequencies from the corpus's.

import { CharNgramModel } from '../../models/charNgram';
import { CHAR_ALPHABET } from '../../models/charVocab';

export const JUDGE_ORDER = 5;
export const JUDGE_FORMAT = 'webgpu-ml-playground/dndm-judge';

/** public/data/dndm-judge/judge.json, written by scripts/make-dndm-judge.ts. */
export interface JudgeData {
  format: typeof JUDGE_FORMAT;
  version: 1;
  source: string;
  /** Held-out text the n-gram judge is trained on. */
  judgeText: string;
  /** Further held-out text: the "real text" reference rows, scored exactly like samples. */
  referenceText: string;
  /** Distinct words of the diffusion model's training split, sorted. */
  words: string[];
  /** Counts over the training split: unigram [27] and bigram [27·27] (row = first character). */
  unigram: number[];
  bigram: number[];
}

export interface Judge {
  ngram: CharNgramModel;
  words: Set<string>;
  unigram: Float64Array;
  bigram: Float64Array;
  referenceText: string;
}

const A = CHAR_ALPHABET.length;

/** Corpus distributions with add-½ smoothing, so a KL to them is always finite. */
function normalise(counts: readonly number[]): Float64Array {
  const total = counts.reduce((s, c) => s + c + 0.5, 0);
  return Float64Array.from(counts, (c) => (c + 0.5) / total);
}

export function checkJudgeData(raw: unknown): JudgeData {
  const d = raw as Partial<JudgeData>;
  if (!d || d.format !== JUDGE_FORMAT) throw new Error(`judge data: not a DNDM judge file (format ${JSON.stringify(d?.format)})`);
  if (d.version !== 1) throw new Error(`judge data: version ${d.version}, this app reads version 1`);
  if (typeof d.judgeText !== 'string' || typeof d.referenceText !== 'string' || !Array.isArray(d.words)) throw new Error('judge data: texts or word list missing');
  if (d.unigram?.length !== A || d.bigram?.length !== A * A) throw new Error(`judge data: expected ${A} unigram and ${A * A} bigram counts`);
  return d as JudgeData;
}

export function buildJudge(data: JudgeData): Judge {
  return {
    ngram: CharNgramModel.train(data.judgeText, JUDGE_ORDER, CHAR_ALPHABET),
    words: new Set(data.words),
    unigram: normalise(data.unigram),
    bigram: normalise(data.bigram),
    referenceText: data.referenceText,
  };
}

export function countUnigrams(text: string): number[] {
  const counts = new Array<number>(A).fill(0);
  for (const ch of text) counts[CHAR_ALPHABET.indexOf(ch)]++;
  return counts;
}

export function countBigrams(text: string): number[] {
  const counts = new Array<number>(A * A).fill(0);
  for (let i = 1; i < text.length; i++) counts[CHAR_ALPHABET.indexOf(text[i - 1]) * A + CHAR_ALPHABET.indexOf(text[i])]++;
  return counts;
}

/** KL(p̂ ‖ q) in nats for empirical counts p̂ and a smoothed reference q. */
export function klFromCounts(counts: readonly number[], reference: Float64Array): number {
  const total = counts.reduce((s, c) => s + c, 0);
  if (total === 0) return NaN;
  let kl = 0;
  counts.forEach((c, i) => {
    if (c > 0) kl += (c / total) * Math.log(c / total / reference[i]);
  });
  return kl;
}

/**
 * Complete words only: a sample is a window cut from running text, so its first and last words
 * are fragments and are not counted.
 */
export function completeWords(text: string): string[] {
  const parts = text.split(' ');
  return parts.slice(1, -1).filter((w) => w.length > 0);
}

export interface SampleQuality {
  /** Mean negative log-likelihood per character under the judge (nats); perplexity = exp. */
  judgeNll: number;
  realWordShare: number;
  unigramKl: number;
  bigramKl: number;
}

/** Quality of one group of samples (one seed), pooled over its sequences. */
export function scoreSamples(texts: readonly string[], judge: Judge): SampleQuality {
  let nll = 0;
  let chars = 0;
  let words = 0;
  let real = 0;
  const uni = new Array<number>(A).fill(0);
  const bi = new Array<number>(A * A).fill(0);
  for (const text of texts) {
    nll += judge.ngram.meanNll(text) * text.length;
    chars += text.length;
    for (const w of completeWords(text)) {
      words++;
      if (judge.words.has(w)) real++;
    }
    countUnigrams(text).forEach((c, i) => (uni[i] += c));
    countBigrams(text).forEach((c, i) => (bi[i] += c));
  }
  return {
    judgeNll: nll / chars,
    realWordShare: words === 0 ? 0 : real / words,
    unigramKl: klFromCounts(uni, judge.unigram),
    bigramKl: klFromCounts(bi, judge.bigram),
  };
}
