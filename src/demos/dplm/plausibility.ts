// Pseudo-perplexity of sequences under the masked-LM baseline (a model that neither generated nor
// guided them): PASSES passes, pass k masking every position i ≡ k (mod PASSES), each residue scored
// once by −log p(residue | the rest). Only positions marked `scored` count (a scaffold's linkers,
// not its motif). A proxy for plausibility, as no folding model exists in a browser.

import * as tf from '@tensorflow/tfjs';
import type { MaskedDiffusionTransformer } from '../../models/maskedDiffusionTransformer';
import { encodeProtein, MASK, padProtein } from '../../models/protein/aminoAcids';

const PASSES = 7;

/** exp(mean −log p) over scored residues of all sequences; `scored[b]` (optional) marks residue positions of sequence b. */
export async function pseudoPerplexity(model: MaskedDiffusionTransformer, sequences: readonly string[], scored?: readonly Uint8Array[]): Promise<number> {
  const P = model.config.length;
  const B = sequences.length;
  const x0 = new Int32Array(B * P);
  sequences.forEach((s, b) => x0.set(padProtein(encodeProtein(s), P), b * P));
  let nll = 0;
  let count = 0;
  for (let k = 0; k < PASSES; k++) {
    const x = Int32Array.from(x0);
    const at: number[] = [];
    sequences.forEach((s, b) => {
      for (let i = k; i < s.length; i += PASSES) {
        if (scored && !scored[b][i]) continue;
        x[b * P + i] = MASK;
        at.push(b * P + i);
      }
    });
    if (at.length === 0) continue;
    const logp = tf.tidy(() => tf.logSoftmax(model.forward(tf.tensor2d(x, [B, P], 'int32'), null)));
    const values = (await logp.data()) as Float32Array;
    logp.dispose();
    const V = model.config.vocab;
    for (const i of at) nll -= values[i * V + x0[i]];
    count += at.length;
  }
  return count === 0 ? NaN : Math.exp(nll / count);
}
