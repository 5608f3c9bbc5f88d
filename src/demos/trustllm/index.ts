// The TrustLLM evaluator: everything the playground needs to know about it, in one call.

import { defineDemo } from '../../ui/defineDemo';
import { meta } from './meta';
import { trustllmSchema } from './params';
import { runTrustllm } from './experiment';
import { TrustllmView } from './View';
import { tutorial } from './tutorial';
import { script } from './script';

export default defineDemo({ meta, schema: trustllmSchema, run: runTrustllm, View: TrustllmView, tutorial, script });
