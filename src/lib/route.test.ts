import { describe, expect, it } from 'vitest';
import { buildHash, parseHash } from './route';

describe('hash routes', () => {
  it('reads the gallery, a demo, its parameters and flags', () => {
    expect(parseHash('').slug).toBeNull();
    expect(parseHash('#/')).toEqual({ slug: null, params: {}, present: false, step: null });
    expect(parseHash('#/sparse-pca?seed=3&p=40&present=1&step=2')).toEqual({ slug: 'sparse-pca', params: { seed: '3', p: '40' }, present: true, step: 2 });
  });

  it('round-trips', () => {
    const hash = buildHash('sparse-pca', 'seed=3&p=40', { present: true, step: 1 });
    expect(parseHash(hash)).toEqual({ slug: 'sparse-pca', params: { seed: '3', p: '40' }, present: true, step: 1 });
  });

  it('keeps a malformed escape in a demo name as typed instead of throwing', () => {
    expect(parseHash('#/%E0%A4%A?seed=2').slug).toBe('%E0%A4%A');
  });
});
