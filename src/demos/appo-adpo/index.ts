// The appo-adpo demo: everything the playground needs to know about it, in one call.

import { defineDemo } from '../../ui/defineDemo';
import { meta } from './meta';
import { appoAdpoSchema } from './params';
import { runAppoAdpo } from './experiment';
import { AppoAdpoView } from './View';
import { tutorial } from './tutorial';
import { script } from './script';

export default defineDemo({ meta, schema: appoAdpoSchema, run: runAppoAdpo, View: AppoAdpoView, tutorial, script });
