// The DPLM demo's shipped models: each loads through the app's checks, and what its manifest
// reports is recomputed here on the same fixed held-out batch (or chains) the training script used:
// the two language models' held-out losses, the adapter's with and without the SS input (the input
// must help), and the two taggers' held-out Q3 (above the 41 % of always answering the commonest class).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { proteinLmLoss } from '../src/models/protein/proteinLmLoss';
import { SS_NONE } from '../src/models/protein/structureAdapter';
import { readDplmAssets } from '../src/testing/dplmAssets';
import type { DplmAssets } from '../src/demos/dplm/assets';
import { ADAPTER_HELD_OUT_SEQUENCES, adapterHeldOutBatch, LM_HELD_OUT_SEQUENCES, lmHeldOutBatch, proteinSplit } from './proteinCorpus';
import { q3 } from './train-ss-taggers';

let assets: DplmAssets;
const split = proteinSplit();

beforeAll(async () => {
  // the trainers' backend (and ≈ 10× faster here than tfjs' plain-JS cpu backend)
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
  assets = readDplmAssets();
});

describe('shipped DPLM-demo models', () => {
  it('the DPLM and the masked LM reproduce their manifests’ held-out losses', () => {
    for (const [model, manifest, objective] of [[assets.dplm, assets.manifests.dplm, 'dplm'], [assets.mlm, assets.manifests.mlm, 'mlm']] as const) {
      const L = model.config.length;
      const held = lmHeldOutBatch(split, L, objective);
      const loss = tf.tidy(() => proteinLmLoss((x) => model.forward(x, null), held.x0, held.masked, LM_HELD_OUT_SEQUENCES, L).dataSync()[0]);
      expect(Math.abs(loss - (manifest.training.finalHeldOutLoss as number)), objective).toBeLessThan(1e-3);
    }
  }, 60_000);

  it('the adapter reproduces its held-out losses, and the SS input lowers the loss', () => {
    const L = assets.dplm.config.length;
    const held = adapterHeldOutBatch(split, L);
    const loss = (ss: Int32Array) =>
      tf.tidy(() => proteinLmLoss((x) => assets.adapter.logits(assets.dplm, x, tf.tensor2d(ss, [ADAPTER_HELD_OUT_SEQUENCES, L], 'int32')), held.x0, held.masked, ADAPTER_HELD_OUT_SEQUENCES, L).dataSync()[0]);
    const withSs = loss(held.ss);
    const without = loss(new Int32Array(held.ss.length).fill(SS_NONE));
    const t = assets.manifests.adapter.training;
    expect(Math.abs(withSs - (t.heldOutLossWithSs as number))).toBeLessThan(1e-3);
    expect(Math.abs(without - (t.heldOutLossWithoutSs as number))).toBeLessThan(1e-3);
    expect(withSs).toBeLessThan(without);
  }, 60_000);

  it('the taggers reproduce their held-out Q3, above the majority class', async () => {
    for (const [tagger, manifest] of [[assets.guide, assets.manifests.guide], [assets.scorer, assets.manifests.scorer]] as const) {
      const measured = await q3(tagger, split.pdbTest);
      expect(measured).toBeCloseTo(manifest.training.heldOutQ3 as number, 3);
      expect(measured).toBeGreaterThan(0.45);
    }
  }, 60_000);
});
