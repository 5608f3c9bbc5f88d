// Per sequence (one workgroup each): choose the K_b lowest-confidence eligible positions, the ones
// that stay (or become) masked after a denoising step. Rank of i = #{eligible j : c_j < c_i, or
// c_j = c_i and j < i}, so ties break by position, deterministically. Ineligible positions
// (specials, frozen motif residues, already-final tokens) are never chosen.
// Reference: selectLowestConfidence() in src/models/diffusion/denoiseStep.ts.

struct SelectParams { batch: u32, length: u32, _pad0: u32, _pad1: u32 }

@group(0) @binding(0) var<uniform> params: SelectParams;
@group(0) @binding(1) var<storage, read> confidence: array<f32>;
@group(0) @binding(2) var<storage, read> eligible: array<u32>;
@group(0) @binding(3) var<storage, read> keepCount: array<u32>;
@group(0) @binding(4) var<storage, read_write> masked: array<u32>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32) {
  let b = wid.x;
  if (b >= params.batch) { return; }
  let L = params.length;
  let base = b * L;
  let k = keepCount[b];
  for (var i = lid; i < L; i += 256u) {
    var chosen = 0u;
    if (eligible[base + i] != 0u) {
      let ci = confidence[base + i];
      var rank = 0u;
      for (var j = 0u; j < L; j++) {
        if (eligible[base + j] != 0u) {
          let cj = confidence[base + j];
          if (cj < ci || (cj == ci && j < i)) { rank++; }
        }
      }
      chosen = select(0u, 1u, rank < k);
    }
    masked[base + i] = chosen;
  }
}
