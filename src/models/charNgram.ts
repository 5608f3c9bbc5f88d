// A character n-gram model with Witten–Bell interpolation: the small, separately trained "judge"
// that scores generated text (generative perplexity) without a large language model.
//   P(c | h) = (C(h c) + T(h) · P(c | h⁻)) / (C(h) + T(h)),   T(h) = #distinct continuations of h,
// h⁻ = h without its oldest character, and a uniform base over the alphabet.

export class CharNgramModel {
  /** counts.get(history).get(next) for every history of length 0..order−1. */
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly totals = new Map<string, number>();

  constructor(
    readonly order: number,
    readonly alphabet: string,
  ) {
    if (order < 1) throw new Error('n-gram order must be ≥ 1');
  }

  static train(text: string, order: number, alphabet: string): CharNgramModel {
    const model = new CharNgramModel(order, alphabet);
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (!alphabet.includes(c)) throw new Error(`n-gram training text has "${c}", outside the alphabet`);
      for (let k = 0; k < order && k <= i; k++) model.add(text.slice(i - k, i), c);
    }
    return model;
  }

  private add(history: string, next: string): void {
    let row = this.counts.get(history);
    if (!row) {
      row = new Map();
      this.counts.set(history, row);
    }
    row.set(next, (row.get(next) ?? 0) + 1);
    this.totals.set(history, (this.totals.get(history) ?? 0) + 1);
  }

  probability(history: string, next: string): number {
    let p = 1 / this.alphabet.length;
    const h = history.slice(Math.max(0, history.length - (this.order - 1)));
    for (let k = 0; k <= h.length; k++) {
      const context = h.slice(h.length - k);
      const row = this.counts.get(context);
      if (!row) break;
      const total = this.totals.get(context)!;
      const types = row.size;
      p = ((row.get(next) ?? 0) + types * p) / (total + types);
    }
    return p;
  }

  /** Mean negative log-likelihood per character (nats) of `text`, each character given its history. */
  meanNll(text: string): number {
    if (text.length === 0) return NaN;
    let nll = 0;
    for (let i = 0; i < text.length; i++) nll -= Math.log(this.probability(text.slice(Math.max(0, i - this.order + 1), i), text[i]));
    return nll / text.length;
  }

  perplexity(text: string): number {
    return Math.exp(this.meanNll(text));
  }
}
