import { describe, expect, it } from 'vitest';
import { RngStream } from '../lib/rng';
import { decodeTask, drawTaskPairs, encodeBatch, EQUALS, STOP, TASK_LENGTH } from './reversalTask';

describe('word-reversal task', () => {
  it('draws distinct prompts with reversed responses, and keeps held-out prompts apart', () => {
    const train = drawTaskPairs(200, RngStream.fromSeed(1).split('train'));
    const trainWords = new Set(train.map((p) => p.prompt));
    expect(trainWords.size).toBe(200);
    const held = drawTaskPairs(100, RngStream.fromSeed(1).split('held-out'), trainWords);
    expect(held.some((p) => trainWords.has(p.prompt))).toBe(false);
    for (const p of train) expect(p.response).toBe(Array.from(p.prompt).reverse().join(''));
  });

  it('encodes next-token rows whose mask covers exactly the response and the stop', () => {
    const { inputs, targets, mask } = encodeBatch([{ prompt: 'abc', response: 'cba' }]);
    expect(decodeTask(inputs.subarray(0, TASK_LENGTH))).toBe('abc=cba.');
    // position 3 holds '=', predicts 'c'; position 6 holds 'a', predicts '.'
    expect(inputs[3]).toBe(EQUALS);
    expect(targets[6]).toBe(STOP);
    expect(Array.from(mask.subarray(0, 8))).toEqual([0, 0, 0, 1, 1, 1, 1, 0]);
    expect(mask.reduce((a, b) => a + b, 0)).toBe(4);
  });
});
