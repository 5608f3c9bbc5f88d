// The dplm demo: everything the playground needs to know about it, in one call.

import { defineDemo } from '../../ui/defineDemo';
import { meta } from './meta';
import { dplmSchema, refineDplm } from './params';
import { runDplm } from './experiment';
import { DplmView } from './View';
import { tutorial } from './tutorial';
import { script } from './script';

export default defineDemo({ meta, schema: dplmSchema, refine: refineDplm, run: runDplm, View: DplmView, viewFollows: ['scaffoldLength', 'motif', 'motifStarts', 'linkerJitter'], tutorial, script });
