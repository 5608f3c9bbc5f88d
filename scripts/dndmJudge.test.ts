import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJudge, checkJudgeData, scoreSamples } from '../src/demos/dndm/quality';
import { kjvText } from './kjvCorpus';
import { makeJudgeData } from './make-dndm-judge';

describe('the shipped DNDM judge data', () => {
  const shipped = checkJudgeData(JSON.parse(readFileSync('public/data/dndm-judge/judge.json', 'utf8')));

  it('is exactly what scripts/make-dndm-judge.ts makes from the corpus', () => {
    expect(JSON.stringify(makeJudgeData(kjvText()))).toBe(JSON.stringify(shipped));
  });

  it('scores real held-out text far better than shuffled characters', () => {
    const judge = buildJudge(shipped);
    const windows = Array.from({ length: 8 }, (_, i) => shipped.referenceText.slice(i * 997, i * 997 + 64));
    const shuffled = windows.map((w) => Array.from(w).sort((a, b) => ((a.charCodeAt(0) * 31 + b.charCodeAt(0)) % 7) - 3).join(''));
    const real = scoreSamples(windows, judge);
    const noise = scoreSamples(shuffled, judge);
    expect(Math.exp(real.judgeNll)).toBeLessThan(8);
    expect(real.realWordShare).toBeGreaterThan(0.9);
    expect(noise.judgeNll).toBeGreaterThan(real.judgeNll + 1);
    expect(noise.realWordShare).toBeLessThan(real.realWordShare);
  });
});
