// Batched symmetric eigendecomposition by parallel-order cyclic Jacobi, one workgroup per matrix.
// Each round rotates p/2 disjoint index pairs at once (Brent–Luk circle ordering), so the row
// rotations of a round (JᵀA) and then its column rotations (·J) touch disjoint data and need no
// locks, only barriers. A is diagonalised in place (eigenvalues on its diagonal, unsorted) and the
// eigenvectors are accumulated as the columns of V. Matrices live in global memory: for p > 45
// A and V together exceed the 16 KiB of workgroup memory WebGPU guarantees.
// Warm start (problem.warmStart = 1): V still holds the previous ADMM iteration's eigenvectors, which
// nearly diagonalise this iteration's matrix; rotate A into that basis (A ← VᵀAV, through `scratch`)
// and let Jacobi finish in a sweep or two instead of ~8 from the identity.
// Reference: parallelJacobiEigen() in src/lib/jacobi.ts (same ordering, rotation, start and stop rule).

const WG: u32 = 256u;
const MAX_PAIRS: u32 = 128u; // p ≤ 256

@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<storage, read> problems: array<Problem>;
@group(0) @binding(2) var<storage, read_write> A: array<f32>;
@group(0) @binding(3) var<storage, read_write> V: array<f32>;
@group(0) @binding(4) var<storage, read_write> scratch: array<f32>;

var<workgroup> rotC: array<f32, MAX_PAIRS>;
var<workgroup> rotS: array<f32, MAX_PAIRS>;
var<workgroup> pairI: array<u32, MAX_PAIRS>;
var<workgroup> pairJ: array<u32, MAX_PAIRS>;
var<workgroup> offSum: array<f32, WG>;
var<workgroup> totalSum: array<f32, WG>;
var<workgroup> proceed: u32;
var<workgroup> warm: u32;

fn roundRobinPair(round: u32, q: u32, m: u32) -> vec2u {
  var a: u32;
  var b: u32;
  if (q == 0u) {
    a = round;
    b = m - 1u;
  } else {
    a = (round + q) % (m - 1u);
    b = (round + (m - 1u) - q) % (m - 1u);
  }
  return vec2u(min(a, b), max(a, b));
}

fn jacobiRotation(aii: f32, ajj: f32, aij: f32) -> vec2f {
  if (abs(aij) < 1e-30) { return vec2f(1.0, 0.0); }
  let tau = (ajj - aii) / (2.0 * aij);
  var sgn = 1.0;
  if (tau < 0.0) { sgn = -1.0; }
  let t = sgn / (abs(tau) + sqrt(1.0 + tau * tau));
  let c = 1.0 / sqrt(1.0 + t * t);
  return vec2f(c, t * c);
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32) {
  let p = dims.p;
  let b = wid.x;
  let base = b * p * p;
  if (lid == 0u) {
    proceed = problems[b].running;
    warm = problems[b].warmStart;
  }
  if (workgroupUniformLoad(&proceed) == 0u) { return; }

  if (workgroupUniformLoad(&warm) != 0u) {
    for (var idx = lid; idx < p * p; idx += WG) {
      let r = idx / p;
      let c = idx % p;
      var s = 0.0;
      for (var k = 0u; k < p; k++) { s += A[base + r * p + k] * V[base + k * p + c]; }
      scratch[base + idx] = s;
    }
    storageBarrier();
    // upper triangle of Vᵀ(AV), mirrored, so that A stays exactly symmetric
    for (var idx = lid; idx < p * p; idx += WG) {
      let r = idx / p;
      let c = idx % p;
      if (r <= c) {
        var s = 0.0;
        for (var k = 0u; k < p; k++) { s += V[base + k * p + r] * scratch[base + k * p + c]; }
        A[base + r * p + c] = s;
        A[base + c * p + r] = s;
      }
    }
  } else {
    for (var idx = lid; idx < p * p; idx += WG) {
      V[base + idx] = select(0.0, 1.0, idx / p == idx % p);
    }
  }
  let m = p + (p % 2u);
  let half = m / 2u;

  for (var sweep = 0u; sweep < dims.maxSweeps; sweep++) {
    storageBarrier();
    var off = 0.0;
    var total = 0.0;
    for (var idx = lid; idx < p * p; idx += WG) {
      let v = A[base + idx] * A[base + idx];
      total += v;
      if (idx / p != idx % p) { off += v; }
    }
    offSum[lid] = off;
    totalSum[lid] = total;
    for (var stride = WG / 2u; stride > 0u; stride /= 2u) {
      workgroupBarrier();
      if (lid < stride) {
        offSum[lid] += offSum[lid + stride];
        totalSum[lid] += totalSum[lid + stride];
      }
    }
    workgroupBarrier();
    if (lid == 0u) {
      proceed = select(1u, 0u, offSum[0] <= dims.relTol * dims.relTol * totalSum[0]);
    }
    if (workgroupUniformLoad(&proceed) == 0u) { break; }

    for (var round = 0u; round < m - 1u; round++) {
      if (lid < half) {
        let ij = roundRobinPair(round, lid, m);
        pairI[lid] = ij.x;
        pairJ[lid] = ij.y;
        var cs = vec2f(1.0, 0.0);
        if (ij.y < p) {
          cs = jacobiRotation(A[base + ij.x * p + ij.x], A[base + ij.y * p + ij.y], A[base + ij.x * p + ij.y]);
        }
        rotC[lid] = cs.x;
        rotS[lid] = cs.y;
      }
      storageBarrier();
      workgroupBarrier();
      for (var idx = lid; idx < half * p; idx += WG) {
        let q = idx / p;
        let col = idx % p;
        let i = pairI[q];
        let j = pairJ[q];
        if (j < p) {
          let c = rotC[q];
          let s = rotS[q];
          let ai = A[base + i * p + col];
          let aj = A[base + j * p + col];
          A[base + i * p + col] = c * ai - s * aj;
          A[base + j * p + col] = s * ai + c * aj;
        }
      }
      storageBarrier();
      for (var idx = lid; idx < half * p; idx += WG) {
        let q = idx / p;
        let row = idx % p;
        let i = pairI[q];
        let j = pairJ[q];
        if (j < p) {
          let c = rotC[q];
          let s = rotS[q];
          let ai = A[base + row * p + i];
          let aj = A[base + row * p + j];
          A[base + row * p + i] = c * ai - s * aj;
          A[base + row * p + j] = s * ai + c * aj;
          let vi = V[base + row * p + i];
          let vj = V[base + row * p + j];
          V[base + row * p + i] = c * vi - s * vj;
          V[base + row * p + j] = s * vi + c * vj;
        }
      }
      storageBarrier();
      workgroupBarrier();
    }
  }
}
