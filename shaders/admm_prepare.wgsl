// ADMM, start of an iteration: the Fantope step's input  Φ − U + Σ̂/ρ  for every problem of the
// batch, after rescaling the scaled dual U by `dualScale` (0.5 on the iteration after ρ doubled,
// so that the unscaled dual y = ρU is unchanged). Reference: projectionInput() in algorithm.ts.

@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<storage, read> problems: array<Problem>;
@group(0) @binding(2) var<storage, read> sigma: array<f32>;
@group(0) @binding(3) var<storage, read> phi: array<f32>;
@group(0) @binding(4) var<storage, read_write> dual: array<f32>;
@group(0) @binding(5) var<storage, read_write> work: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = gid.x + gid.y * nwg.x * 256u;
  let pp = dims.p * dims.p;
  if (idx >= pp * dims.batch) { return; }
  let prob = problems[idx / pp];
  if (prob.running == 0u) { return; }
  let u = dual[idx] * prob.dualScale;
  dual[idx] = u;
  work[idx] = phi[idx] - u + sigma[idx] / prob.rho;
}
