// The DPLM demo's network on WebGPU: the logits (plain, SS-guided, or through the structure adapter)
// built by tfjs on the webgpu backend and stepped by the fused WGSL kernel, against the same logits
// read back and stepped in TypeScript. Stated tolerances: tokens identical, confidences ≤ 1e-4; a
// whole guided sampler run identical; no GPU buffer left behind.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initCompute, type ComputeState } from '../../gpu/backend';
import { liveGpuBufferCount } from '../../gpu/kernel';
import { RngStream } from '../../lib/rng';
import { initialParameters, MaskedDiffusionTransformer, type TransformerConfig } from '../../models/maskedDiffusionTransformer';
import { MASK, PROTEIN_VOCAB } from '../../models/protein/aminoAcids';
import { ConvTagger, initialTaggerParameters } from '../../models/protein/convTagger';
import { initialAdapterParameters, StructureAdapter } from '../../models/protein/structureAdapter';
import { skippedRunCalls } from '../../models/diffusion/dplmSampler';
import { dplmNetwork, type NetworkSpec } from './networks';
import { freeStart, generate, ssInputs, ssTargets } from './sampling';

const config: TransformerConfig = { vocab: PROTEIN_VOCAB, length: 16, width: 16, heads: 2, layers: 1, ffn: 32, timeInput: false };
const B = 3;
let compute: ComputeState;
let model: MaskedDiffusionTransformer;
let tagger: ConvTagger;
let adapter: StructureAdapter;

beforeAll(async () => {
  compute = await initCompute();
  if (!compute.device) throw new Error(`this test needs WebGPU: ${compute.info.reason}`);
  model = new MaskedDiffusionTransformer(config, initialParameters(config, RngStream.fromSeed(3)));
  const taggerConfig = { inputs: 20, layers: [{ kernel: 5, channels: 8, activation: 'relu' as const }, { kernel: 1, channels: 3, activation: 'none' as const }] };
  tagger = new ConvTagger(taggerConfig, initialTaggerParameters(taggerConfig, RngStream.fromSeed(4)));
  const adapterValues = initialAdapterParameters({ width: 16, hidden: 8, kernel: 3 }, RngStream.fromSeed(5));
  const w2 = RngStream.fromSeed(6);
  adapterValues.set('adapter.w2', Float32Array.from({ length: 8 * 16 }, () => w2.normal() / Math.sqrt(8))); // non-zero, so the adapter changes the logits
  adapter = new StructureAdapter({ width: 16, hidden: 8, kernel: 3 }, adapterValues);
});
afterAll(() => [model, tagger, adapter].forEach((m) => m?.dispose()));

const SS = ['HHHHHHHHEEEECC', 'CCHHHHHHHHHH', 'EEEEEECCCCHHHHHH'];
/** Built when a test runs (the models exist only after beforeAll). */
const SPECS: Record<string, () => NetworkSpec> = {
  plain: () => ({ model, batch: B, noiseScale: 1 }),
  guided: () => ({ model, batch: B, noiseScale: 1, guidance: { tagger, target: ssTargets(SS, 16), eta: 3 } }),
  adapted: () => ({ model, batch: B, noiseScale: 1, conditioning: { adapter, ss: ssInputs(SS, 16) } }),
};

describe('DPLM network: fused step on WebGPU vs the TypeScript step', () => {
  for (const [name, makeSpec] of Object.entries(SPECS)) {
    it(`${name}: one step gives the same tokens and confidences`, async () => {
      const spec = makeSpec();
      const before = liveGpuBufferCount();
      const rng = RngStream.fromSeed(8);
      const x = Int32Array.from({ length: B * 16 }, () => (rng.uniform() < 0.5 ? MASK : rng.int(20)));
      const [gpu, cpu] = [await dplmNetwork(spec, compute.device), await dplmNetwork(spec, null)];
      const a = await gpu.step(x, 777);
      const b = await cpu.step(x, 777);
      gpu.dispose();
      cpu.dispose();
      expect(Array.from(a.tokens)).toEqual(Array.from(b.tokens));
      for (let i = 0; i < a.confidence.length; i++) expect(Math.abs(a.confidence[i] - b.confidence[i])).toBeLessThanOrEqual(1e-4);
      expect(liveGpuBufferCount()).toBe(before);
    });
  }

  it('a whole guided run with resampling gives the same sequences on both paths', async () => {
    const spec = SPECS.guided();
    const settings = { steps: 20, noiseScale: 1, resampleRatio: 0.25, skip: true };
    const start = () => freeStart([14, 12, 16], 16);
    const [gpu, cpu] = [await dplmNetwork(spec, compute.device), await dplmNetwork(spec, null)];
    const tensorsBefore = tf.memory().numTensors;
    const a = await generate(gpu, start(), B, 16, settings, 99);
    const b = await generate(cpu, start(), B, 16, settings, 99);
    gpu.dispose();
    cpu.dispose();
    expect(a.sequences).toEqual(b.sequences);
    expect(a.nfe).toBe(skippedRunCalls([14, 12, 16], 20));
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
