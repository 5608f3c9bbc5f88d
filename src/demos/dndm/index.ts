// The dndm demo: everything the playground needs to know about it, in one call.

import { defineDemo } from '../../ui/defineDemo';
import { meta } from './meta';
import { dndmSchema } from './params';
import { runDndm } from './experiment';
import { DndmView } from './View';
import { tutorial } from './tutorial';
import { script } from './script';

export default defineDemo({ meta, schema: dndmSchema, run: runDndm, View: DndmView, tutorial, script });
