// The printed tables of the bench suites, shared by bench/run.mjs (browser pages) and the Node
// harness (bench/node/main.ts), so that a figure from either reads the same. Each returns lines.

const f = (v, w) => v.toFixed(2).padStart(w);
const n = (v, w) => String(v).padStart(w);

export const adapterLabel = (adapter, software) => `${adapter} [${software ? 'SOFTWARE adapter: correctness-only timings, not GPU speed' : 'hardware adapter'}]`;

export function denoiseStepTable(adapter, rows) {
  return [
    `Denoising step, fused WGSL kernel vs tfjs op chain, same device; adapter: ${adapter}`,
    '                 ------------ Gumbel-max sampling (ms/step) ------------   ------- argmax (ms/step) -------',
    '   B     L    V      fused   op chain   chain/fused   fused+select      fused   op chain   chain/fused',
    ...rows.map((r) => `${n(r.B, 4)}  ${n(r.L, 4)}  ${n(r.V, 3)}   ${f(r.fusedMs, 8)}   ${f(r.chainMs, 8)}   ${f(r.ratio, 11)}   ${f(r.fusedSelectMs, 12)}   ${f(r.fusedArgmaxMs, 8)}   ${f(r.chainArgmaxMs, 8)}   ${f(r.argmaxRatio, 11)}`),
    '(per step: logits [B, L, V] already on the GPU → tokens and confidences [B, L] read back; with Gumbel the op chain draws',
    ' its noise with tf.randomUniform, the fused kernel hashes it in place from (seed, step, position); fused+select also runs',
    ' select_masked, keeping L/2 positions of each sequence masked, and reads back the [B, L] mask.)',
  ];
}

export function lossTable(adapter, rows) {
  return [
    `Sequence log-probability forward + backward, fused WGSL op vs tfjs op chain, same device; adapter: ${adapter}`,
    '   B     T     V   fused ms   chain ms   chain/fused   peak tensors ÷ logits: fused   chain',
    ...rows.map((r) => `${n(r.B, 4)}  ${n(r.T, 4)}  ${n(r.V, 4)}   ${f(r.fusedMs, 8)}   ${f(r.chainMs, 8)}   ${f(r.ratio, 11)}   ${f(r.fusedPeak, 28)}   ${f(r.chainPeak, 5)}`),
    '(peak: tf.profile peakBytes of one forward + backward over the bytes of the [B, T, V] logits; the fused op also holds 2·B·T + B floats of its own.)',
  ];
}

export function admmTable(adapter, rows) {
  return [
    `ADMM iteration time, sparse-PCA SDP (MCP), adapter: ${adapter}`,
    '   p     B   WGSL ms/iter   CPU f64 ms/iter   CPU/WGSL',
    ...rows.map((r) => `${n(r.p, 4)}  ${n(r.batch, 4)}   ${f(r.gpuMsPerIteration, 12)}   ${f(r.cpuMsPerIteration, 15)}   ${f(r.ratio, 8)}`),
    '(WGSL: one batched iteration = prepare + Jacobi eig + θ + rebuild + prox/dual for all B problems, (t_cold + 9·t_warm)/10 as the driver runs chunks of 10;',
    ' CPU: ml-matrix tred2/tql2 eig per problem, problems one after another, per-problem time × B.)',
  ];
}
