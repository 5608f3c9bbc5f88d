// Every WGSL kernel of the playground, imported as text (one .wgsl file per kernel in shaders/).

import admmTypes from '../../shaders/admm_types.wgsl?raw';
import admmPrepare from '../../shaders/admm_prepare.wgsl?raw';
import admmProxDual from '../../shaders/admm_prox_dual.wgsl?raw';
import denoiseStep from '../../shaders/denoise_step.wgsl?raw';
import selectMasked from '../../shaders/select_masked.wgsl?raw';
import sequenceLogprob from '../../shaders/sequence_logprob.wgsl?raw';
import sequenceLogprobGrad from '../../shaders/sequence_logprob_grad.wgsl?raw';
import fantopeRebuild from '../../shaders/fantope_rebuild.wgsl?raw';
import fantopeTheta from '../../shaders/fantope_theta.wgsl?raw';
import jacobiEig from '../../shaders/jacobi_eig.wgsl?raw';
import rngLibrary from '../../shaders/rng.wgsl?raw';
import rngFill from '../../shaders/rng_fill.wgsl?raw';

// WGSL has no #include: shared declarations are prepended to the kernels that use them.
const withRng = (code: string): string => `${rngLibrary}\n${code}`;
const withAdmmTypes = (code: string): string => `${admmTypes}\n${code}`;

export const shaders = {
  admm_prepare: withAdmmTypes(admmPrepare),
  admm_prox_dual: withAdmmTypes(admmProxDual),
  fantope_rebuild: withAdmmTypes(fantopeRebuild),
  fantope_theta: withAdmmTypes(fantopeTheta),
  jacobi_eig: withAdmmTypes(jacobiEig),
  rng_fill: withRng(rngFill),
  denoise_step: withRng(denoiseStep),
  select_masked: selectMasked,
  sequence_logprob: sequenceLogprob,
  sequence_logprob_grad: sequenceLogprobGrad,
} as const;

export type ShaderName = keyof typeof shaders;
