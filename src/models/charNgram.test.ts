import { describe, expect, it } from 'vitest';
import { CHAR_ALPHABET } from './charVocab';
import { CharNgramModel } from './charNgram';

const corpus = 'in the beginning god created the heaven and the earth and the earth was without form and void and darkness was upon the face of the deep';

describe('character n-gram judge (Witten–Bell)', () => {
  const model = CharNgramModel.train(corpus, 4, CHAR_ALPHABET);

  it('gives a proper distribution over the alphabet for any history', () => {
    for (const history of ['', 'th', 'the', 'xqz', 'and the ear']) {
      const total = Array.from(CHAR_ALPHABET).reduce((s, c) => s + model.probability(history, c), 0);
      expect(total).toBeCloseTo(1, 10);
    }
  });

  it('scores text like its training data far better than scrambled text', () => {
    const real = 'and the earth was the heaven';
    const scrambled = 'dna eht htrae saw eht nevaeh';
    expect(model.perplexity(real)).toBeLessThan(0.5 * model.perplexity(scrambled));
    expect(model.perplexity(real)).toBeGreaterThan(1);
    expect(Number.isFinite(model.perplexity('zzzzqqqq'))).toBe(true);
  });

  it('rejects training text outside the alphabet', () => {
    expect(() => CharNgramModel.train('Hello', 3, CHAR_ALPHABET)).toThrow(/"H"/);
  });
});
