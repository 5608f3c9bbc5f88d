// The sanity row every demo on the fused WGSL denoising step carries on the WebGPU path: on the
// same logits the fused step and the TypeScript reference give the same tokens and confidences
// within FUSED_CONFIDENCE_TOL (f32 on the GPU against f64 here).

import type { Claim } from '../../lib/results';
import type { DenoiseStepOutput } from './denoiseStep';

export const FUSED_CONFIDENCE_TOL = 1e-4;

export function fusedStepClaim(fused: DenoiseStepOutput, reference: DenoiseStepOutput): Claim {
  let mismatched = 0;
  let worst = 0;
  for (let i = 0; i < fused.tokens.length; i++) {
    if (fused.tokens[i] !== reference.tokens[i]) mismatched++;
    worst = Math.max(worst, Math.abs(fused.confidence[i] - reference.confidence[i]));
  }
  return {
    id: 'fused-step-matches-reference',
    kind: 'sanity',
    statement: `The fused WGSL denoising step gives the TypeScript step’s tokens on this model’s logits (${mismatched} of ${fused.tokens.length} differ) and confidences within ${FUSED_CONFIDENCE_TOL} (worst ${worst.toExponential(1)})`,
    passed: mismatched === 0 && worst <= FUSED_CONFIDENCE_TOL,
    value: worst,
    threshold: FUSED_CONFIDENCE_TOL,
  };
}
