// Counter-based random numbers, the WGSL twin of src/lib/rng.ts: pcg2d (Jarzynski & Olano 2020)
// of (key, counter). Prepended to the kernels that draw random numbers.

fn pcg2d(x: u32, y: u32) -> vec2u {
  var v = vec2u(x, y) * 1664525u + 1013904223u;
  v.x += v.y * 1664525u;
  v.y += v.x * 1664525u;
  v = v ^ (v >> vec2u(16u));
  v.x += v.y * 1664525u;
  v.y += v.x * 1664525u;
  v = v ^ (v >> vec2u(16u));
  return v;
}

fn hashU32(key: u32, counter: u32) -> u32 {
  return pcg2d(key, counter).x;
}

/** Uniform in [0, 1) with 24 random bits: exactly hashUniform01() in rng.ts. */
fn hashUniform01(key: u32, counter: u32) -> f32 {
  return f32(hashU32(key, counter) >> 8u) / 16777216.0;
}

/**
 * Standard Gumbel −log(−log u) from the hash, u = (24 bits + ½)/2²⁴: gumbelFromHash() in rng.ts.
 * Near u = 1, f32 log(u) loses all digits, so −log u = −log(1 − q) comes from its series in q = 1 − u
 * (exact in f32: also a 24-bit fraction) when q is small.
 */
fn gumbelFromHash(key: u32, counter: u32) -> f32 {
  let bits = f32(hashU32(key, counter) >> 8u);
  let u = (bits + 0.5) / 16777216.0;
  let q = (16777215.0 - bits + 0.5) / 16777216.0;
  var minusLogU: f32;
  if (q < 1e-2) {
    minusLogU = q * (1.0 + q * (0.5 + q * (1.0 / 3.0 + q * 0.25)));
  } else {
    minusLogU = -log(u);
  }
  return -log(minusLogU);
}
