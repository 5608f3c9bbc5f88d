// The MARINE demo: everything the playground needs to know about it, in one call.

import { defineDemo } from '../../ui/defineDemo';
import { meta } from './meta';
import { marineSchema } from './params';
import { runMarine } from './experiment';
import { MarineView } from './View';
import { script } from './script';
import { tutorial } from './tutorial';

export default defineDemo({ meta, schema: marineSchema, run: runMarine, View: MarineView, tutorial, script });
