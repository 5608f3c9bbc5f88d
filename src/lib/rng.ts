// Counter-based, splittable random streams.
//
// Every random number in the playground is a pure function of (key, counter): the key names a
// stream (derived from the URL seed by splitting), the counter is the position in the stream.
// The same hash (`pcg2d`, Jarzynski & Olano 2020) is written in WGSL in `shaders/rng.wgsl`, so a
// kernel can draw exactly the numbers the TypeScript reference draws.

const M = 1664525;
const C = 1013904223;

/** pcg2d: a 2×u32 → 2×u32 bijective mix. Mirrors `pcg2d` in shaders/rng.wgsl. */
export function pcg2d(x: number, y: number): [number, number] {
  let vx = (Math.imul(x >>> 0, M) + C) >>> 0;
  let vy = (Math.imul(y >>> 0, M) + C) >>> 0;
  vx = (vx + Math.imul(vy, M)) >>> 0;
  vy = (vy + Math.imul(vx, M)) >>> 0;
  vx = (vx ^ (vx >>> 16)) >>> 0;
  vy = (vy ^ (vy >>> 16)) >>> 0;
  vx = (vx + Math.imul(vy, M)) >>> 0;
  vy = (vy + Math.imul(vx, M)) >>> 0;
  vx = (vx ^ (vx >>> 16)) >>> 0;
  vy = (vy ^ (vy >>> 16)) >>> 0;
  return [vx, vy];
}

/** One u32 from (key, counter): the x word of pcg2d. Mirrors `hashU32` in rng.wgsl. */
export function hashU32(key: number, counter: number): number {
  return pcg2d(key, counter)[0];
}

/** Uniform in [0, 1) with 24 random bits (exactly representable in f32). Mirrors `hashUniform01`. */
export function hashUniform01(key: number, counter: number): number {
  return (hashU32(key, counter) >>> 8) / 16777216;
}

/** Standard Gumbel −log(−log u) with u = (24 hash bits + ½)/2²⁴ ∈ (0, 1). Mirrors `gumbelFromHash`. */
export function gumbelFromHash(key: number, counter: number): number {
  const u = ((hashU32(key, counter) >>> 8) + 0.5) / 16777216;
  return -Math.log(-Math.log(u));
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Derives a child key; children of one key with different labels are independent streams. */
export function deriveKey(key: number, label: string | number): number {
  const tag = typeof label === 'number' ? (label >>> 0) ^ 0xa511e9b3 : fnv1a(label);
  const [a, b] = pcg2d(key >>> 0, tag);
  return (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
}

/** A sequential stream over one key. Not shared between consumers: split instead. */
export class RngStream {
  readonly key: number;
  private counter = 0;
  private spareNormal: number | null = null;

  constructor(key: number) {
    this.key = key >>> 0;
  }

  static fromSeed(seed: number): RngStream {
    return new RngStream(deriveKey(seed >>> 0, 'root'));
  }

  /** An independent child stream named by a label (e.g. 'data', 'init', 'sampling') or an index. */
  split(label: string | number): RngStream {
    return new RngStream(deriveKey(this.key, label));
  }

  nextU32(): number {
    return hashU32(this.key, this.counter++);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const [hi, lo] = pcg2d(this.key, this.counter++);
    return ((hi >>> 5) * 67108864 + (lo >>> 6)) / 9007199254740992;
  }

  /** Standard normal by Box–Muller (both variates used). */
  normal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    let u1 = this.uniform();
    while (u1 <= 0) u1 = this.uniform();
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** An index drawn from the distribution p[offset … offset + n − 1] (inverse CDF, one uniform); rounding leftovers go to the last index. */
  categorical(p: ArrayLike<number>, offset = 0, n = p.length - offset): number {
    let u = this.uniform();
    for (let i = 0; i < n; i++) {
      u -= p[offset + i];
      if (u < 0) return i;
    }
    return n - 1;
  }
}
