// Fills a buffer with hashU32(key, offset + i) and hashUniform01(key, offset + i): the check that
// the WGSL generator draws exactly the numbers of src/lib/rng.ts. Needs rng.wgsl prepended.

struct FillParams { key: u32, offset: u32, count: u32, pad: u32 }

@group(0) @binding(0) var<uniform> params: FillParams;
@group(0) @binding(1) var<storage, read_write> bits: array<u32>;
@group(0) @binding(2) var<storage, read_write> uniforms: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  if (i >= params.count) { return; }
  bits[i] = hashU32(params.key, params.offset + i);
  uniforms[i] = hashUniform01(params.key, params.offset + i);
}
