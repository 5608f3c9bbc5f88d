// What one sampler run records, shared by the run (experiment.ts), its summary (summary.ts) and
// the claim checks (claims.ts).

import type { SamplerName } from '../../models/diffusion/samplers';
import type { SampleQuality } from './quality';

export const SAMPLER_LABELS: Record<SamplerName, string> = {
  ancestral: 'Absorbing ancestral (T calls)',
  'rdm-k': 'RDM-k, decoded kept (T calls)',
  'rdm-k-remask': 'RDM-k, re-masking as the authors (T calls)',
  dndm: 'DNDM (random order)',
  'dndm-k': 'DNDM-k, decoded kept',
  'dndm-k-remask': 'DNDM-k, re-masking as the authors',
  'dndm-c': 'DNDM-C (continuous τ, random order)',
  'dndm-c-k': 'DNDM-C-k (continuous τ, top-k, decoded kept)',
  'dndm-c-k-remask': 'DNDM-C-k (continuous τ, top-k re-masking as the authors)',
};

export type Role = 'baseline' | 'dndm';

/** One sampler run: one seed's batch at one T. */
export interface RunRecord extends SampleQuality {
  T: number;
  role: Role;
  sampler: SamplerName;
  seed: number;
  nfe: number;
  wallMs: number;
  /** Judge NLL of each sequence (for the quality claim's standard error). */
  sequenceNll: number[];
  texts: string[];
}

/** T as the charts' category axis shows it: the number, or ∞ for continuous time (DNDM-C). */
export type TLabel = `${number}` | '∞';
export const tLabel = (T: number): TLabel => (Number.isFinite(T) ? `${T}` : '∞');
/** T as code compares it: the number of steps, or null for continuous time (JSON has no ∞). */
export const stepsOf = (T: number): number | null => (Number.isFinite(T) ? T : null);
