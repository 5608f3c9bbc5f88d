// The DNDM demo's files: the trained masked-diffusion transformer (public/weights/dndm-kjv) and the
// judge data (public/data/dndm-judge). Loaded once per page; the model is rebuilt when tfjs's
// backend changes (a new WebGPU device after a device loss, or the switch to the CPU path).

import * as tf from '@tensorflow/tfjs';
import { pageBaseUrl } from '../../lib/workerRun';
import { loadWeights } from '../../models/loadWeights';
import { MaskedDiffusionTransformer } from '../../models/maskedDiffusionTransformer';
import type { WeightManifest } from '../../models/weightFile';
import { buildJudge, checkJudgeData, type Judge } from './quality';

export interface DndmAssets {
  model: MaskedDiffusionTransformer;
  manifest: WeightManifest;
  judge: Judge;
}

/** Set in a Web Worker, whose relative URLs resolve against its script, not the page (runWorker.ts). */
let assetBase: string | null = null;
export function setAssetBase(url: string): void {
  assetBase = url;
}
const base = (): string => assetBase ?? pageBaseUrl();
export const weightsUrl = (): string => `${base()}weights/dndm-kjv/`;
export const judgeUrl = (): string => `${base()}data/dndm-judge/judge.json`;

let weights: ReturnType<typeof loadWeights> | null = null;
let judge: Promise<Judge> | null = null;
/** One model per tfjs backend instance (a run may use wasm while the page's backend is webgpu). */
const built = new Map<tf.KernelBackend, MaskedDiffusionTransformer>();

async function fetchJudge(url: string): Promise<Judge> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new Error(`judge data: could not fetch ${url} (${String(err)})`);
  }
  if (!response.ok) throw new Error(`judge data: ${url} answered HTTP ${response.status}: the data file is missing from this build`);
  return buildJudge(checkJudgeData(await response.json()));
}

export async function loadDndmAssets(): Promise<DndmAssets> {
  // a failed load is not cached: the next run tries again
  weights ??= loadWeights(weightsUrl()).catch((err) => {
    weights = null;
    throw err;
  });
  judge ??= fetchJudge(judgeUrl()).catch((err) => {
    judge = null;
    throw err;
  });
  const [{ manifest, values }, loadedJudge] = await Promise.all([weights, judge]);
  const backend = tf.backend();
  const registered = new Set(Object.values(tf.engine().registry));
  for (const [owner, model] of built) {
    if (registered.has(owner)) continue;
    built.delete(owner);
    try {
      model.dispose();
    } catch {
      // its backend went with its device
    }
  }
  let model = built.get(backend);
  if (!model) {
    model = new MaskedDiffusionTransformer(manifest.config, values);
    built.set(backend, model);
  }
  return { model, manifest, judge: loadedJudge };
}
