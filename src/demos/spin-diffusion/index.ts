// The spin-diffusion demo: everything the playground needs to know about it, in one call.

import { defineDemo } from '../../ui/defineDemo';
import { meta } from './meta';
import { spinDiffusionSchema } from './params';
import { runSpinDiffusion } from './experiment';
import { SpinDiffusionView } from './View';
import { tutorial } from './tutorial';
import { script } from './script';

export default defineDemo({ meta, schema: spinDiffusionSchema, run: runSpinDiffusion, View: SpinDiffusionView, viewFollows: ['drawing'], tutorial, script });
