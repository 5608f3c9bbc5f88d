import type { DemoMeta } from '../types';

export const meta: DemoMeta = {
  slug: 'sparse-pca',
  title: 'Sparse PCA with the oracle property',
  paper: { authors: 'Gu, Wang, Liu', venue: 'NeurIPS 2014', title: 'Sparse PCA with Oracle Property' },
  claim: 'A Fantope SDP with a folded-concave penalty (MCP/SCAD) returns exactly the oracle estimator — exact support, exact rank — where the ℓ1 relaxation (FPS) stays biased.',
  status: 'ready',
};
