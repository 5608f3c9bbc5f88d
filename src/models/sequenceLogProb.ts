// Per-sequence summed log-probabilities of target tokens under logits, and their gradient: the core
// of every DPO-family loss (SPIN, ADPO, DPO), in plain TypeScript. The reference of
// shaders/sequence_logprob.wgsl and shaders/sequence_logprob_grad.wgsl.
//
//   S_b = Σ_t m_bt · log_softmax(z_bt)[y_bt]
//   ∂S_b/∂z_btv = m_bt · (1[v = y_bt] − softmax(z_bt)_v)
// Rows are evaluated in f64 with the max subtracted, so large logits stay exact.

export interface SequenceBatch {
  /** [B·T·V] row-major logits. */
  logits: Float32Array;
  /** [B·T] target token per position. */
  targets: Int32Array;
  /** [B·T] weight per position (1 = counted, 0 = prompt or padding). */
  mask: Float32Array;
  batch: number;
  length: number;
  vocab: number;
}

/** log Σ_v exp(z_v) of one row. */
function logSumExp(logits: Float32Array, offset: number, vocab: number): number {
  let max = -Infinity;
  for (let v = 0; v < vocab; v++) max = Math.max(max, logits[offset + v]);
  let sum = 0;
  for (let v = 0; v < vocab; v++) sum += Math.exp(logits[offset + v] - max);
  return max + Math.log(sum);
}

export function sequenceLogProbReference({ logits, targets, mask, batch, length, vocab }: SequenceBatch): Float64Array {
  const out = new Float64Array(batch);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < length; t++) {
      const row = b * length + t;
      if (mask[row] === 0) continue;
      out[b] += mask[row] * (logits[row * vocab + targets[row]] - logSumExp(logits, row * vocab, vocab));
    }
  }
  return out;
}

/** ∂(Σ_b upstream_b · S_b)/∂logits, [B·T·V]. */
export function sequenceLogProbGradReference({ logits, targets, mask, batch, length, vocab }: SequenceBatch, upstream: ArrayLike<number>): Float32Array {
  const grad = new Float32Array(batch * length * vocab);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < length; t++) {
      const row = b * length + t;
      const scale = upstream[b] * mask[row];
      if (scale === 0) continue;
      const lse = logSumExp(logits, row * vocab, vocab);
      for (let v = 0; v < vocab; v++) grad[row * vocab + v] = scale * ((v === targets[row] ? 1 : 0) - Math.exp(logits[row * vocab + v] - lse));
    }
  }
  return grad;
}
