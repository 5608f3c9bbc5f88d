// Per-sequence summed log-probabilities of the target tokens, S_b = Σ_t m_bt · log_softmax(z_bt)[y_bt],
// one workgroup per sequence b. Each thread takes rows t = lid, lid + 64, …; a row is one pass over
// V with an online max/sum-exp (the running sum is rescaled when the max grows), so no [B, T, V]
// intermediate exists. The row's max and log-sum-exp relative to it are written out for the
// backward kernel: kept apart so that large logits (|z| ~ 1e4, where an f32 ulp is ~1e-3) lose
// nothing in z − lse.
// Reference: sequenceLogProbReference() in src/models/sequenceLogProb.ts.

struct Params {
  batch: u32,
  length: u32,
  vocab: u32,
  _pad: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read> targets: array<i32>;
@group(0) @binding(3) var<storage, read> mask: array<f32>;
@group(0) @binding(4) var<storage, read_write> sums: array<f32>;
@group(0) @binding(5) var<storage, read_write> rowMax: array<f32>;
@group(0) @binding(6) var<storage, read_write> rowLogSum: array<f32>;

const WG: u32 = 64u;
var<workgroup> partial: array<f32, 64>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let b = wid.x;
  var acc = 0.0;
  if (b < params.batch) {
    for (var t = lid.x; t < params.length; t += WG) {
      let row = b * params.length + t;
      let base = row * params.vocab;
      var m = logits[base];
      var s = 1.0;
      for (var v = 1u; v < params.vocab; v++) {
        let z = logits[base + v];
        if (z > m) {
          s = s * exp(m - z) + 1.0;
          m = z;
        } else {
          s += exp(z - m);
        }
      }
      let logSum = log(s);
      rowMax[row] = m;
      rowLogSum[row] = logSum;
      let w = mask[row];
      if (w != 0.0) {
        acc += w * ((logits[base + u32(targets[row])] - m) - logSum);
      }
    }
  }
  partial[lid.x] = acc;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride /= 2u) {
    if (lid.x < stride) { partial[lid.x] += partial[lid.x + stride]; }
    workgroupBarrier();
  }
  if (lid.x == 0u && b < params.batch) { sums[b] = partial[0]; }
}
