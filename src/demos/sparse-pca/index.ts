// The sparse-pca demo: everything the playground needs to know about it, in one call.

import { defineDemo } from '../../ui/defineDemo';
import { meta } from './meta';
import { sparsePcaSchema, refineSparsePcaParams } from './params';
import { runSparsePca } from './experiment';
import { SparsePcaView } from './View';
import { tutorial } from './tutorial';
import { script } from './script';

export default defineDemo({ meta, schema: sparsePcaSchema, refine: refineSparsePcaParams, run: runSparsePca, View: SparsePcaView, tutorial, script });
