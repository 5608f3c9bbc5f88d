// Fantope eigenvalue thresholding, one thread per problem: find θ with Σ_i clip(γ_i − θ, 0, 1) = k
// by bisection, then solve the linear piece that θ lies on exactly, and write the weights
// clip(γ_i − θ, 0, 1). γ is the diagonal left by jacobi_eig. Reference: fantopeTheta() (knots).

@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<storage, read> problems: array<Problem>;
@group(0) @binding(2) var<storage, read> A: array<f32>;
@group(0) @binding(3) var<storage, read_write> weights: array<f32>;

fn eigenvalue(b: u32, i: u32) -> f32 {
  let p = dims.p;
  return A[b * p * p + i * p + i];
}

fn fantopeMass(b: u32, theta: f32) -> f32 {
  var s = 0.0;
  for (var i = 0u; i < dims.p; i++) { s += clamp(eigenvalue(b, i) - theta, 0.0, 1.0); }
  return s;
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let b = gid.x;
  if (b >= dims.batch) { return; }
  let prob = problems[b];
  if (prob.running == 0u) { return; }
  let k = prob.k;
  var lo = eigenvalue(b, 0u);
  var hi = lo;
  for (var i = 1u; i < dims.p; i++) {
    lo = min(lo, eigenvalue(b, i));
    hi = max(hi, eigenvalue(b, i));
  }
  lo -= 1.0;
  for (var it = 0u; it < 48u; it++) {
    let mid = 0.5 * (lo + hi);
    if (fantopeMass(b, mid) >= k) { lo = mid; } else { hi = mid; }
  }
  var theta = 0.5 * (lo + hi);
  // On the piece holding θ the mass is (Σ_inner γ_i − |inner|·θ) + #ones: solve it for θ.
  var innerSum = 0.0;
  var innerCount = 0.0;
  var ones = 0.0;
  for (var i = 0u; i < dims.p; i++) {
    let g = eigenvalue(b, i) - theta;
    if (g >= 1.0) { ones += 1.0; } else if (g > 0.0) { innerSum += eigenvalue(b, i); innerCount += 1.0; }
  }
  if (innerCount > 0.0) {
    let exact = (innerSum + ones - k) / innerCount;
    if (abs(fantopeMass(b, exact) - k) <= abs(fantopeMass(b, theta) - k)) { theta = exact; }
  }
  for (var i = 0u; i < dims.p; i++) {
    weights[b * dims.p + i] = clamp(eigenvalue(b, i) - theta, 0.0, 1.0);
  }
}
