// The size lists and time budgets of each bench suite, with one parser for both places they come
// from: the bench page's query (?b=1,16,64 in the browser) and the command line (--b=1,16,64 in
// Node). The defaults below are the sizes the README quotes.

export type SuiteOptions = Record<string, number | readonly number[]>;

export const DENOISE_DEFAULTS = { b: [1, 16, 64], l: [64, 256], v: [28, 33, 64], budgetMs: 1500 } satisfies SuiteOptions;
export const LOSS_DEFAULTS = { b: [8, 64], t: [32, 128], v: [32, 256], budgetMs: 1500 } satisfies SuiteOptions;
/** budgetMs: stop timing one configuration once this much time was spent on it (after ≥ 1 iteration). */
export const ADMM_DEFAULTS = { p: [64, 128, 256], b: [1, 16, 64], budgetMs: 4000 } satisfies SuiteOptions;

/** What readOptions returns for `defaults` of type T: the same keys, numbers and number lists. */
export type OptionsOf<T extends SuiteOptions> = { [K in keyof T]: T[K] extends number ? number : number[] };

/**
 * Each option of `defaults` overridden by `lookup(key)` when that gives text: a comma-separated list
 * for list options, one number otherwise. A value that is not a number throws, naming the option.
 */
export function readOptions<T extends SuiteOptions>(defaults: T, lookup: (key: string) => string | null | undefined): OptionsOf<T> {
  const out: Record<string, number | number[]> = {};
  for (const [key, fallback] of Object.entries(defaults)) {
    const text = lookup(key);
    if (text === null || text === undefined || text === '') {
      out[key] = typeof fallback === 'number' ? fallback : [...fallback];
      continue;
    }
    const values = text.split(',').map(Number);
    if (values.some((x) => !Number.isFinite(x)) || (typeof fallback === 'number' && values.length !== 1)) {
      throw new Error(`bench option ${key}=${text}: expected ${typeof fallback === 'number' ? 'a number' : 'a comma-separated list of numbers'}`);
    }
    out[key] = typeof fallback === 'number' ? values[0] : values;
  }
  return out as OptionsOf<T>;
}
