// The corruption-robust-rl demo: everything the playground needs to know about it, in one call.

import { defineDemo } from '../../ui/defineDemo';
import { meta } from './meta';
import { corruptionRobustSchema } from './params';
import { runCorruptionRobust } from './experiment';
import { CorruptionRobustView } from './View';
import { tutorial } from './tutorial';
import { script } from './script';

export default defineDemo({ meta, schema: corruptionRobustSchema, run: runCorruptionRobust, View: CorruptionRobustView, tutorial, script });
