// The spread a paper claim carries (docs/DESIGN.md §8): a pass rate with its Wilson interval, or a
// mean over replicates with mean ± 1.96 s.e.

import type { ClaimSpread } from './results';
import { meanInterval, wilsonInterval } from './stats';

/** k of n replicates passed: the rate with its Wilson 95% interval. */
export function rateSpread(successes: number, trials: number): ClaimSpread {
  return { replicates: trials, ...wilsonInterval(successes, trials), method: `${successes} of ${trials}, Wilson 95%` };
}

/** A statistic measured once per replicate: the mean with mean ± 1.96 s.e. */
export function meanSpread(values: readonly number[]): ClaimSpread {
  return { replicates: values.length, ...meanInterval(values), method: `mean ± 1.96 s.e. over ${values.length}` };
}
