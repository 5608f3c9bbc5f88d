// One discrete-diffusion denoising step, fused, one thread per position of [B, L, V] logits:
// forbidden tokens get −∞, logits are divided by the temperature and perturbed by Gumbel noise
// g = gumbelFromHash(stepKey, position·V + v) (the key is derived from (seed, step) on the CPU),
// then the argmax token x̂₀ and its log-probability under the perturbed distribution
// (log_softmax(z)[x̂₀], the "confidence" that samplers rank by) are written out.
// noiseScale = 0 gives plain argmax decoding. Needs rng.wgsl prepended.
// References: denoiseStepReference() (plain TS) and denoiseStepTfjs() (tfjs op chain).

struct StepParams {
  positions: u32,   // B·L
  vocab: u32,       // V
  stepKey: u32,
  _pad: u32,
  invTemperature: f32,
  noiseScale: f32,
  _pad1: f32,
  _pad2: f32,
}

@group(0) @binding(0) var<uniform> params: StepParams;
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read> forbidden: array<u32>;
@group(0) @binding(3) var<storage, read_write> tokens: array<u32>;
@group(0) @binding(4) var<storage, read_write> confidence: array<f32>;

const NEG_INF: f32 = -3.0e38;

fn perturbed(pos: u32, v: u32) -> f32 {
  if (forbidden[v] != 0u) { return NEG_INF; }
  let idx = pos * params.vocab + v;
  return logits[idx] * params.invTemperature + params.noiseScale * gumbelFromHash(params.stepKey, idx);
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let pos = gid.x + gid.y * nwg.x * 64u;
  if (pos >= params.positions) { return; }
  var best = NEG_INF;
  var bestV = 0u;
  for (var v = 0u; v < params.vocab; v++) {
    let z = perturbed(pos, v);
    if (z > best) { best = z; bestV = v; }
  }
  // log-sum-exp around the max, in one more pass over V (V is small: 28–64)
  var sum = 0.0;
  for (var v = 0u; v < params.vocab; v++) {
    let z = perturbed(pos, v);
    if (z > NEG_INF) { sum += exp(z - best); }
  }
  tokens[pos] = bestV;
  confidence[pos] = -log(sum);
}
