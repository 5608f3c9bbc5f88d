import { describe, expect, it } from 'vitest';
import { CHAR_ALPHABET } from '../../models/charVocab';
import { buildJudge, completeWords, countBigrams, countUnigrams, JUDGE_FORMAT, klFromCounts, scoreSamples, type JudgeData } from './quality';

const A = CHAR_ALPHABET.length;

function tinyJudge(text: string): JudgeData {
  return { format: JUDGE_FORMAT, version: 1, source: 'test', judgeText: text, referenceText: text, words: ['and', 'lord', 'said', 'the'], unigram: countUnigrams(text), bigram: countBigrams(text) };
}

describe('sample quality', () => {
  it('KL of a distribution to itself is zero and positive otherwise (hand-computed case)', () => {
    const q = Float64Array.from([0.5, 0.25, 0.25]);
    expect(klFromCounts([2, 1, 1], q)).toBeCloseTo(0, 12);
    // p = (1, 0, 0): KL = log(1 / 0.5)
    expect(klFromCounts([4, 0, 0], q)).toBeCloseTo(Math.log(2), 12);
  });

  it('counts unigrams and bigrams over the 27-letter alphabet', () => {
    const uni = countUnigrams('ab a');
    expect(uni[1]).toBe(2);
    expect(uni[0]).toBe(1);
    const bi = countBigrams('ab a');
    expect(bi[1 * A + 2]).toBe(1); // a→b
    expect(bi[2 * A + 0]).toBe(1); // b→space
    expect(bi.reduce((s, c) => s + c, 0)).toBe(3);
  });

  it('drops the cut words at both ends of a window', () => {
    expect(completeWords('rd and the lo')).toEqual(['and', 'the']);
    expect(completeWords('nothing')).toEqual([]);
  });

  it('scores corpus-like text better than noise', () => {
    const corpus = 'and the lord said unto moses and the lord spake '.repeat(20);
    const judge = buildJudge(tinyJudge(corpus));
    const good = scoreSamples(['rd and the lord said '], judge);
    const bad = scoreSamples(['xq zzv qqj kkw vvb pl'], judge);
    expect(good.realWordShare).toBe(1);
    expect(bad.realWordShare).toBe(0);
    expect(good.judgeNll).toBeLessThan(bad.judgeNll);
    expect(good.unigramKl).toBeLessThan(bad.unigramKl);
    expect(good.bigramKl).toBeLessThan(bad.bigramKl);
  });
});
