// The DNDM demo's shipped files read from disk (Node tests), through the same checks as the app.

import { readFileSync } from 'node:fs';
import { MaskedDiffusionTransformer } from '../models/maskedDiffusionTransformer';
import { unpackWeights } from '../models/weightFile';
import type { DndmAssets } from '../demos/dndm/assets';
import { buildJudge, checkJudgeData, type Judge } from '../demos/dndm/quality';

/** A weight directory (manifest.json + weights.bin) from disk, through the app's checks. */
export function readWeightDir(dir: string): ReturnType<typeof unpackWeights> {
  const blob = readFileSync(`${dir}/weights.bin`);
  return unpackWeights(JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')), blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
}

export function readDndmJudge(root = 'public'): Judge {
  return buildJudge(checkJudgeData(JSON.parse(readFileSync(`${root}/data/dndm-judge/judge.json`, 'utf8'))));
}

export function readDndmAssets(root = 'public'): DndmAssets {
  const { manifest, values } = readWeightDir(`${root}/weights/dndm-kjv`);
  return { model: new MaskedDiffusionTransformer(manifest.config, values), manifest, judge: readDndmJudge(root) };
}
