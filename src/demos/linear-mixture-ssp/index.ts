// The linear-mixture-ssp demo: everything the playground needs to know about it, in one call.

import { defineDemo } from '../../ui/defineDemo';
import { meta } from './meta';
import { linearMixtureSspSchema, refineLinearMixtureSspParams } from './params';
import { runLinearMixtureSsp } from './experiment';
import { LinearMixtureSspView } from './View';
import { tutorial } from './tutorial';
import { script } from './script';

export default defineDemo({ meta, schema: linearMixtureSspSchema, refine: refineLinearMixtureSspParams, run: runLinearMixtureSsp, View: LinearMixtureSspView, tutorial, script });
