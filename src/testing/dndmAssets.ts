// The DNDM demo's shipped files read from disk (Node tests), through the same checks as the app.

import { readFileSync } from 'node:fs';
import { MaskedDiffusionTransformer } from '../models/maskedDiffusionTransformer';
import { unpackWeights } from '../models/weightFile';
import type { DndmAssets } from '../demos/dndm/assets';
import { buildJudge, checkJudgeData } from '../demos/dndm/quality';

export function readDndmAssets(root = 'public'): DndmAssets {
  const blob = readFileSync(`${root}/weights/dndm-kjv/weights.bin`);
  const { manifest, values } = unpackWeights(JSON.parse(readFileSync(`${root}/weights/dndm-kjv/manifest.json`, 'utf8')), blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
  const judge = buildJudge(checkJudgeData(JSON.parse(readFileSync(`${root}/data/dndm-judge/judge.json`, 'utf8'))));
  return { model: new MaskedDiffusionTransformer(manifest.config, values), manifest, judge };
}
