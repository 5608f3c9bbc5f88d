import type { DemoMeta } from '../../lib/demo';
import type { SparsePcaSeries } from './results';

export const meta: DemoMeta<SparsePcaSeries> = {
  slug: 'sparse-pca',
  order: 1,
  title: 'Sparse PCA with the oracle property',
  paper: { authors: 'Gu, Wang, Liu', venue: 'NeurIPS 2014', title: 'Sparse PCA with Oracle Property' },
  claim: 'A Fantope SDP with a folded-concave penalty (MCP/SCAD) returns exactly the oracle estimator — exact support, exact rank — where the ℓ1 relaxation (FPS) stays biased.',
  status: 'ready',
  headline: {
    title: 'Error vs n: MCP merges onto the oracle, FPS stays above',
    series: 'errorVsN',
    x: 'n',
    xLabel: 'samples n (log)',
    yLabel: 'mean ‖Π̂ − Π*‖_F (log)',
    lines: [
      { key: 'oracleMean', label: 'oracle' },
      { key: 'mcpMean', label: 'SDP + MCP' },
      { key: 'fpsMean', label: 'FPS (ℓ1)' },
    ],
    logX: true,
    logY: true,
  },
};
