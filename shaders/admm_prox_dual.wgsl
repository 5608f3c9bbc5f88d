// ADMM, end of an iteration, one workgroup per problem:
//   Φ ← prox_{p_λ/ρ}(Π + U) entrywise (ℓ1 soft / MCP firm / SCAD thresholding),  U ← U + Π − Φ,
// and the residuals ‖Π − Φ‖_F and ρ‖ΔΦ‖_F by a workgroup reduction.
// Reference: proxPenalty() and proxDualUpdate() in src/demos/sparse-pca/algorithm.ts.

const WG: u32 = 256u;
const PENALTY_L1: u32 = 0u;
const PENALTY_MCP: u32 = 1u;

@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<storage, read> problems: array<Problem>;
@group(0) @binding(2) var<storage, read> pi: array<f32>;
@group(0) @binding(3) var<storage, read_write> phi: array<f32>;
@group(0) @binding(4) var<storage, read_write> dual: array<f32>;
@group(0) @binding(5) var<storage, read_write> residuals: array<f32>;

var<workgroup> primalSum: array<f32, WG>;
var<workgroup> changeSum: array<f32, WG>;

fn softThreshold(v: f32, tl: f32) -> f32 {
  return sign(v) * max(abs(v) - tl, 0.0);
}

fn proxPenalty(v: f32, prob: Problem) -> f32 {
  let t = 1.0 / prob.rho;
  let lambda = prob.lambda;
  let tl = t * lambda;
  let av = abs(v);
  if (prob.penaltyKind == PENALTY_L1) { return softThreshold(v, tl); }
  if (prob.penaltyKind == PENALTY_MCP) {
    let b = prob.penaltyParam;
    if (av <= tl) { return 0.0; }
    if (av <= b * lambda) { return sign(v) * (av - tl) / (1.0 - t / b); }
    return v;
  }
  let a = prob.penaltyParam;
  if (av <= (1.0 + t) * lambda) { return softThreshold(v, tl); }
  if (av <= a * lambda) { return ((a - 1.0) * v - sign(v) * a * tl) / (a - 1.0 - t); }
  return v;
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32) {
  let b = wid.x;
  let prob = problems[b];
  let running = prob.running != 0u;
  let pp = dims.p * dims.p;
  let base = b * pp;
  var primal = 0.0;
  var change = 0.0;
  if (running) {
    for (var idx = lid; idx < pp; idx += WG) {
      let old = phi[base + idx];
      let next = proxPenalty(pi[base + idx] + dual[base + idx], prob);
      let r = pi[base + idx] - next;
      phi[base + idx] = next;
      dual[base + idx] += r;
      primal += r * r;
      change += (next - old) * (next - old);
    }
  }
  primalSum[lid] = primal;
  changeSum[lid] = change;
  for (var stride = WG / 2u; stride > 0u; stride /= 2u) {
    workgroupBarrier();
    if (lid < stride) {
      primalSum[lid] += primalSum[lid + stride];
      changeSum[lid] += changeSum[lid + stride];
    }
  }
  if (lid == 0u && running) {
    residuals[2u * b] = sqrt(primalSum[0]);
    residuals[2u * b + 1u] = prob.rho * sqrt(changeSum[0]);
  }
}
