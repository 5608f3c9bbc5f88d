// Rebuilds Π = V diag(w) Vᵀ for every problem, one thread per entry. Only eigenpairs with w_i > 0
// contribute (after a few ADMM iterations that is about k of the p), and w·(v_r v_c) keeps Π
// exactly symmetric. Reference: rebuildFromEigen() in src/lib/linalg.ts.

@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<storage, read> problems: array<Problem>;
@group(0) @binding(2) var<storage, read> V: array<f32>;
@group(0) @binding(3) var<storage, read> weights: array<f32>;
@group(0) @binding(4) var<storage, read_write> pi: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = gid.x + gid.y * nwg.x * 256u;
  let p = dims.p;
  let pp = p * p;
  if (idx >= pp * dims.batch) { return; }
  let b = idx / pp;
  if (problems[b].running == 0u) { return; }
  let r = (idx % pp) / p;
  let c = idx % p;
  let base = b * pp;
  var s = 0.0;
  for (var i = 0u; i < p; i++) {
    let w = weights[b * p + i];
    if (w > 0.0) { s += w * (V[base + r * p + i] * V[base + c * p + i]); }
  }
  pi[idx] = s;
}
