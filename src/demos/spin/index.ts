// The spin demo: everything the playground needs to know about it, in one call.

import { defineDemo } from '../../ui/defineDemo';
import { meta } from './meta';
import { spinSchema } from './params';
import { runSpin } from './experiment';
import { script } from './script';
import { SpinView } from './View';
import { tutorial } from './tutorial';

export default defineDemo({ meta, schema: spinSchema, run: runSpin, View: SpinView, tutorial, script });
