// The helper thread of scripts/dataParallel.ts: holds a copy of the model, takes the current weights
// and half a batch, answers with the loss and the flat gradient.
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { initialParameters, MaskedDiffusionTransformer, type TransformerConfig } from '../src/models/maskedDiffusionTransformer';
import { RngStream } from '../src/lib/rng';
import { flatten, halfGradient, unflatten, type GradientRequest } from './dataParallel';
import { registerPlainMatMulGradient } from './plainMatMulGrad';

const { config, backend } = workerData as { config: TransformerConfig; backend: string };
if (!(await tf.setBackend(backend))) throw new Error(`gradient worker: tfjs backend ${backend} did not start`);
registerPlainMatMulGradient();
// placeholder values: every request brings the current weights
const model = new MaskedDiffusionTransformer(config, initialParameters(config, RngStream.fromSeed(0)));

parentPort!.on('message', (request: GradientRequest) => {
  for (const [name, values] of unflatten(config, request.values)) {
    const v = model.params.get(name)!;
    tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
  }
  const { loss, grads } = halfGradient(model, request.x0, request.corrupted, request.batch);
  const flat = flatten(config, grads);
  parentPort!.postMessage({ loss, grads: flat }, [flat.buffer as ArrayBuffer]);
});
