// Gradient of Σ_b g_b · S_b with respect to the logits, one thread per element of [B, T, V]:
//   ∂/∂z_btv = g_b · m_bt · (1[v = y_bt] − exp((z_btv − max_bt) − logSum_bt)),
// with the row max and log-sum from sequence_logprob.wgsl. Masked positions get exactly 0.
// Reference: sequenceLogProbGradReference() in src/models/sequenceLogProb.ts.

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
@group(0) @binding(4) var<storage, read> rowMax: array<f32>;
@group(0) @binding(5) var<storage, read> rowLogSum: array<f32>;
@group(0) @binding(6) var<storage, read> upstream: array<f32>;
@group(0) @binding(7) var<storage, read_write> grad: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = gid.x + gid.y * nwg.x * 64u;
  let total = params.batch * params.length * params.vocab;
  if (idx >= total) { return; }
  let row = idx / params.vocab;
  let v = idx % params.vocab;
  let b = row / params.length;
  let scale = upstream[b] * mask[row];
  if (scale == 0.0) {
    grad[idx] = 0.0;
    return;
  }
  let onehot = select(0.0, 1.0, i32(v) == targets[row]);
  grad[idx] = scale * (onehot - exp((logits[idx] - rowMax[row]) - rowLogSum[row]));
}
