import { describe, expect, it } from 'vitest';
import { CHAIR_FIXTURE, fixtureScores } from './claims';
import { captionText, chair, objectMentions, pope } from './metrics';
import { OBJECTS } from './world';

describe('CHAIR, from its definition', () => {
  it('matches the hand-counted fixture exactly: duplicates count twice, “hot dog” is no dog, an empty caption counts only in recall', () => {
    const got = fixtureScores();
    for (const [key, value] of Object.entries(CHAIR_FIXTURE.expected)) expect(got[key as keyof typeof got], key).toBe(value);
  });
  it('reads plurals, synonyms and two-word objects', () => {
    const ids = (text: string) => objectMentions(text).map((o) => OBJECTS[o]);
    expect(ids('Knives, a mug and two bikes under a traffic light by the stop signs.')).toEqual(['knife', 'cup', 'bicycle', 'traffic light', 'stop sign']);
    expect(ids('A couch facing a television; a remote control and a light bulb.')).toEqual(['sofa', 'tv', 'remote']);
    expect(ids('A hot dog.')).toEqual([]);
  });
  it('reads back every caption it writes, objects in order', () => {
    const tokens = OBJECTS.map((_, i) => i);
    expect(objectMentions(captionText(tokens))).toEqual(tokens);
    expect(objectMentions(captionText([3, 3, 7]))).toEqual([3, 3, 7]);
    expect(captionText([])).toBe('');
    expect(captionText([1])).toBe('A picture of a knife.');
  });
  it('counts a caption with two hallucinations once in CHAIR_s and twice in CHAIR_i', () => {
    const s = chair([{ text: 'A kite and a kite.', truth: [OBJECTS.indexOf('dog')] }, { text: 'A dog.', truth: [OBJECTS.indexOf('dog')] }]);
    expect(s).toMatchObject({ chairS: 0.5, chairI: 2 / 3, recall: 0.5, captions: 2, mentions: 3 });
  });
});

describe('POPE-style scores', () => {
  it('accuracy, precision, recall, F1 and yes-ratio of a small table', () => {
    const r = pope([
      { truth: true, answeredYes: true },
      { truth: true, answeredYes: false },
      { truth: false, answeredYes: true },
      { truth: false, answeredYes: false },
      { truth: false, answeredYes: false },
    ]);
    expect(r).toEqual({ accuracy: 3 / 5, precision: 1 / 2, recall: 1 / 2, f1: 1 / 2, yesRatio: 2 / 5 });
  });
});
