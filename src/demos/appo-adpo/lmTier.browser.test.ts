// The language-model tier's sanity row in real Chromium: its preference loss (weights +1, −1 and 0)
// through the fused WGSL sequence log-probability kernel equals the tfjs op chain's, to the row's
// stated tolerance.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initCompute } from '../../gpu/backend';
import { RngStream } from '../../lib/rng';
import { createSequenceLogProbOp, type SequenceLogProbOp } from '../../models/sequenceLogProbOp';
import { sequenceLogProbTfjs } from '../../models/sequenceLogProbTfjs';
import { lossAgreementClaim } from './claims';
import { lossThroughBothOps } from './lmTier';

let fusedOp: SequenceLogProbOp;

beforeAll(async () => {
  const compute = await initCompute();
  if (!compute.device) throw new Error(`this test needs WebGPU: ${compute.info.reason}`);
  const created = await createSequenceLogProbOp(compute.device);
  expect(created.fused).toBe(true);
  fusedOp = created.op;
});

describe('ADPO’s language-model loss through the fused kernel', () => {
  it('matches the op chain (the sanity row passes), and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const { fused, chain, pairs } = await lossThroughBothOps({ width: 32, layers: 2, beta: 0.3 }, fusedOp, sequenceLogProbTfjs, RngStream.fromSeed(5));
    expect(tf.memory().numTensors).toBe(before);
    const claim = lossAgreementClaim(fused, chain, pairs);
    expect(claim.passed, claim.statement).toBe(true);
    expect(Number.isFinite(fused) && fused > 0).toBe(true);
  });
});
