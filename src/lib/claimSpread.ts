// The spread a paper claim carries (docs/DESIGN.md §8): a pass rate with its Wilson interval, or a
// mean over replicates with mean ± t(0.975, n − 1) s.e.

import type { ClaimSpread } from './results';
import { meanInterval, wilsonInterval } from './stats';

/** k of n replicates passed: the rate with its Wilson 95% interval. */
export function rateSpread(successes: number, trials: number): ClaimSpread {
  return { replicates: trials, ...wilsonInterval(successes, trials), method: `${successes} of ${trials}, Wilson 95%` };
}

/** A statistic measured once per replicate: the mean with its Student-t 95% interval. */
export function meanSpread(values: readonly number[], unit = ''): ClaimSpread {
  return { replicates: values.length, ...meanInterval(values), method: `mean ± t(0.975, ${values.length - 1}) s.e. over ${values.length}${unit ? ` ${unit}` : ''}` };
}
