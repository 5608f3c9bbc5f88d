// Test fixtures shared by Node and browser tests.

import { RngStream } from '../lib/rng';

/** A p×p symmetric matrix with standard normal entries on and above the diagonal. */
export function randomSymmetric(p: number, rng: RngStream): Float64Array {
  const a = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      const v = rng.normal();
      a[i * p + j] = v;
      a[j * p + i] = v;
    }
  }
  return a;
}
