// Writes public/data/dndm-judge/judge.json: what the DNDM demo scores samples with (see
// src/demos/dndm/quality.ts). All of it comes from the KJV corpus split the model was trained on:
//   judgeText      first 80 % of the held-out 5 % (the n-gram judge learns from it),
//   referenceText  the last 20 % of the held-out text (real-text windows scored like samples),
//   words, unigram and bigram counts of the training 95 %.
// Usage: npx tsx scripts/make-dndm-judge.ts [--data data/text/kjv_verses.txt] [--out public/data/dndm-judge]
import { mkdirSync, writeFileSync } from 'node:fs';
import { countBigrams, countUnigrams, JUDGE_FORMAT, type JudgeData } from '../src/demos/dndm/quality';
import { KJV_PATH, kjvText, TRAIN_SHARE } from './kjvCorpus';

export const JUDGE_SHARE = 0.8;

export function makeJudgeData(text: string): JudgeData {
  const split = Math.floor(text.length * TRAIN_SHARE);
  const train = text.slice(0, split);
  const heldOut = text.slice(split);
  const judgeSplit = Math.floor(heldOut.length * JUDGE_SHARE);
  return {
    format: JUDGE_FORMAT,
    version: 1,
    source: 'King James Bible (public domain), data/text/kjv_verses.txt, normalised to a–z + space; split as scripts/kjvCorpus.ts',
    judgeText: heldOut.slice(0, judgeSplit),
    referenceText: heldOut.slice(judgeSplit),
    words: Array.from(new Set(train.split(' ').filter((w) => w.length > 0))).sort(),
    unigram: countUnigrams(train),
    bigram: countBigrams(train),
  };
}

function main(): void {
  const args = Object.fromEntries(process.argv.slice(2).reduce<[string, string][]>((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
  const out = args.out ?? 'public/data/dndm-judge';
  const data = makeJudgeData(kjvText(args.data ?? KJV_PATH));
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}/judge.json`, JSON.stringify(data));
  console.log(`wrote ${out}/judge.json: judge text ${data.judgeText.length} chars, reference ${data.referenceText.length}, ${data.words.length} words`);
}

if (process.argv[1]?.endsWith('make-dndm-judge.ts')) main();
