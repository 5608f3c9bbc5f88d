// Every WGSL kernel of the playground, imported as text (one .wgsl file per kernel in shaders/).

import admmPrepare from '../../shaders/admm_prepare.wgsl?raw';
import admmProxDual from '../../shaders/admm_prox_dual.wgsl?raw';
import fantopeRebuild from '../../shaders/fantope_rebuild.wgsl?raw';
import fantopeTheta from '../../shaders/fantope_theta.wgsl?raw';
import jacobiEig from '../../shaders/jacobi_eig.wgsl?raw';
import rngLibrary from '../../shaders/rng.wgsl?raw';
import rngFill from '../../shaders/rng_fill.wgsl?raw';

/** Kernels that draw random numbers get the generator prepended (WGSL has no #include). */
const withRng = (code: string): string => `${rngLibrary}\n${code}`;

export const shaders = {
  admm_prepare: admmPrepare,
  admm_prox_dual: admmProxDual,
  fantope_rebuild: fantopeRebuild,
  fantope_theta: fantopeTheta,
  jacobi_eig: jacobiEig,
  rng_fill: withRng(rngFill),
} as const;

export type ShaderName = keyof typeof shaders;
