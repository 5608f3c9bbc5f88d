import { describe, expect, it } from 'vitest';
import { tfjsWasmThreads, threadsLabel } from './wasmThreads';

describe('tfjsWasmThreads', () => {
  it('is half the logical cores, at least 1 and at most 8, as tfjs chooses', () => {
    expect([1, 2, 3, 4, 8, 12, 16, 32].map(tfjsWasmThreads)).toEqual([1, 1, 1, 2, 4, 6, 8, 8]);
  });
});

describe('threadsLabel', () => {
  it('says why a page runs on one thread', () => {
    expect(threadsLabel({ threads: 1, isolated: false })).toMatch(/^1 thread: this page is not cross-origin isolated/);
    expect(threadsLabel({ threads: 4, isolated: true })).toMatch(/^4 threads: tfjs takes half the logical cores/);
    expect(threadsLabel({ threads: 1, isolated: true })).toMatch(/^1 thread: tfjs takes half the logical cores/);
  });
});
