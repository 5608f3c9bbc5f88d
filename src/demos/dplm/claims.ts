// The DPLM demo's claims (docs/DESIGN.md §8), judged on the run's own records. Thresholds were fixed
// from issue 12 and the notes before any run: guidance must raise the held-out scorer's agreement
// monotonically over η ∈ {0, 1, 2, 4} and by ≥ 0.15 from η = 0 to 4; the adapter's recovery must
// beat the plain DPLM's; DPLM's probe is compared with the masked LM's and reported either way;
// Gumbel-max with resampling must repeat less than deterministic ranking. Paired differences per
// replicate (the same replicate shares its bootstrap for the probe and its seeds across sampler
// modes; guidance draws each η's noise from its own stream), mean ± t s.e. The adapter decodes
// deterministically: its differences are per chain. Two limit rows, added after an independent
// audit, show what the paper claims do not: the composition drift that guidance pays with, and the
// per-state lookup table that the adapter does not beat at this scale.

import { meanSpread } from '../../lib/claimSpread';
import type { Claim } from '../../lib/results';
import { mean } from '../../lib/stats';
import { ETA_GRID, type GuidanceRecord, type MotifRecord, type ProbeRecord, type RunCount, type StructureLookup, type StructureRecord, type UnconditionalRecord } from './sections';

export const GUIDANCE_RISE = 0.15;

export interface ClaimInputs {
  unconditional: readonly UnconditionalRecord[];
  motif: readonly MotifRecord[];
  guidance: readonly GuidanceRecord[];
  structure: readonly StructureRecord[];
  structureLookup: StructureLookup | null;
  probe: readonly ProbeRecord[];
}

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

/** Per replicate, a(r) − b(r) over the replicates both have. */
function paired<R extends { replicate: number }>(records: readonly R[], a: (r: R) => boolean, b: (r: R) => boolean, value: (r: R) => number): number[] {
  const out: number[] = [];
  for (const ra of records.filter(a)) {
    const rb = records.find((r) => b(r) && r.replicate === ra.replicate);
    if (rb) out.push(value(ra) - value(rb));
  }
  return out;
}

export function guidanceClaim(records: readonly GuidanceRecord[]): Claim {
  const means = ETA_GRID.map((eta) => mean(records.filter((r) => r.eta === eta).map((r) => r.scorerAgreement)));
  const monotone = means.every((m, i) => i === 0 || m >= means[i - 1]);
  const rise = paired(records, (r) => r.eta === 4, (r) => r.eta === 0, (r) => r.scorerAgreement);
  const spread = meanSpread(rise, 'replicates');
  const passed = monotone && spread.estimate >= GUIDANCE_RISE && spread.low > 0;
  return {
    id: 'guidance-raises-ss-agreement',
    kind: 'paper',
    statement: `SS guidance raises the held-out tagger's agreement with the target monotonically over η ∈ {${ETA_GRID.join(', ')}}, by ≥ ${GUIDANCE_RISE} from η = 0 to 4`,
    passed,
    value: spread.estimate,
    threshold: GUIDANCE_RISE,
    spread,
    note: `mean agreement by η: ${ETA_GRID.map((eta, i) => `${eta}: ${fmt(means[i])}`).join(', ')}${monotone ? '' : ' (not monotone)'}; scored by a tagger of another architecture and seed than the guide.`,
  };
}

/** Per chain, adapter recovery − DPLM-alone recovery (both decoded deterministically, once). */
export function adapterClaim(records: readonly StructureRecord[]): Claim {
  const adapter = records.find((r) => r.model === 'adapter');
  const dplm = records.find((r) => r.model === 'dplm');
  const gain = adapter && dplm ? adapter.recovery.map((x, i) => x - dplm.recovery[i]) : [];
  const spread = meanSpread(gain, 'held-out chains');
  const recovery = (r: StructureRecord | undefined) => (r ? mean(r.recovery) : NaN);
  return {
    id: 'adapter-recovery',
    kind: 'paper',
    statement: 'Structure-conditioned generation (the adapter, given each held-out chain’s SS string) recovers more of the native sequence than the unconditional DPLM',
    passed: gain.length > 1 && spread.low > 0,
    value: spread.estimate,
    threshold: 0,
    spread,
    note: `recovery: adapter ${fmt(recovery(adapter))}, DPLM alone ${fmt(recovery(dplm))}, both with the authors' inverse-folding decoding (argmax, deterministic unmasking: one run per model, so the spread is over chains). A toy stand-in for the paper's 3-D backbone encoder: the structure input is the 3-state SS string.`,
  };
}

/** limit: per chain, adapter recovery − the lookup table's; the row holds while the adapter does not clear the table. */
export function lookupClaim(records: readonly StructureRecord[], lookup: StructureLookup): Claim {
  const adapter = records.find((r) => r.model === 'adapter');
  const gain = adapter ? adapter.recovery.map((x, i) => x - lookup.recovery[i]) : [];
  const spread = meanSpread(gain, 'held-out chains');
  const table = Object.entries(lookup.table).map(([state, aa]) => `${state} → ${aa}`).join(', ');
  return {
    id: 'adapter-not-above-lookup',
    kind: 'limit',
    statement: 'At this scale the adapter reads no more from the SS string than a lookup table: the commonest training residue of each SS state does as well',
    passed: gain.length > 1 && !(spread.low > 0),
    value: spread.estimate,
    threshold: 0,
    spread,
    note: `recovery: adapter ${fmt(adapter ? mean(adapter.recovery) : NaN)}, lookup table (${table}) ${fmt(mean(lookup.recovery))}; the row fails once the adapter clears the table.`,
  };
}

/** limit: composition KL to natural at η = 4 minus at η = 0, per replicate. */
export function compositionDriftClaim(records: readonly GuidanceRecord[]): Claim {
  const drift = paired(records, (r) => r.eta === 4, (r) => r.eta === 0, (r) => r.compositionKl);
  const spread = meanSpread(drift, 'replicates');
  const kl = ETA_GRID.map((eta) => mean(records.filter((r) => r.eta === eta).map((r) => r.compositionKl)));
  return {
    id: 'guidance-composition-drift',
    kind: 'limit',
    statement: 'Guidance pays for agreement with composition: the guided sequences’ amino-acid composition moves away from natural (KL to natural, η = 4 vs η = 0)',
    passed: spread.low > 0,
    value: spread.estimate,
    threshold: 0,
    spread,
    note: `composition KL to natural by η: ${ETA_GRID.map((eta, i) => `${eta}: ${fmt(kl[i])}`).join(', ')}. The agreement claim does not check it.`,
  };
}

export function probeClaim(records: readonly ProbeRecord[]): Claim {
  const gain = paired(records, (r) => r.model === 'dplm', (r) => r.model === 'mlm', (r) => r.q3);
  const spread = meanSpread(gain, 'bootstrap refits');
  const q3 = (m: ProbeRecord['model']) => mean(records.filter((r) => r.model === m).map((r) => r.q3));
  return {
    id: 'probe-dplm-vs-mlm',
    kind: 'paper',
    statement: 'A linear probe reads secondary structure better from DPLM’s embeddings than from a masked LM’s trained the same way (same probe, data and split)',
    passed: spread.low > 0,
    value: spread.estimate,
    threshold: 0,
    spread,
    note: `held-out Q3: DPLM ${fmt(q3('dplm'))}, masked LM ${fmt(q3('mlm'))}. Replicates refit the probe on a bootstrap of training chains; both language models are one training run each, so the spread says nothing about a second LM seed.`,
  };
}

export function repeatClaim(records: readonly UnconditionalRecord[]): Claim {
  const drop = paired(records, (r) => r.mode === 'deterministic', (r) => r.mode === 'gumbel-resample', (r) => r.metrics.repeatShare);
  const spread = meanSpread(drop, 'replicates');
  const share = (m: UnconditionalRecord['mode']) => mean(records.filter((r) => r.mode === m).map((r) => r.metrics.repeatShare));
  const run = (m: UnconditionalRecord['mode']) => mean(records.filter((r) => r.mode === m).map((r) => r.metrics.meanLongestRun));
  return {
    id: 'gumbel-resampling-fewer-repeats',
    kind: 'paper',
    statement: 'Gumbel-max sampling with resampling gives fewer repeat-collapsed sequences (one amino acid > 25 %) than deterministic ranking',
    passed: spread.estimate > 0 && spread.low > 0,
    value: spread.estimate,
    threshold: 0,
    spread,
    note: `repeat share: deterministic ${fmt(share('deterministic'), 2)}, Gumbel ${fmt(share('gumbel'), 2)}, Gumbel + resampling ${fmt(share('gumbel-resample'), 2)}; longest run ${fmt(run('deterministic'), 1)} / ${fmt(run('gumbel'), 1)} / ${fmt(run('gumbel-resample'), 1)}.`,
  };
}

export function motifPreservedClaim(records: readonly MotifRecord[]): Claim {
  const mismatches = records.reduce((n, r) => n + r.motifMismatches, 0);
  const residues = records.reduce((n, r) => n + r.sequences.length, 0);
  return {
    id: 'motif-preserved',
    kind: 'sanity',
    statement: 'Motif residues come out exactly as given',
    passed: mismatches === 0,
    value: mismatches,
    threshold: 0,
    note: `${mismatches} changed motif residues over ${residues} scaffolds.`,
  };
}

export function nfeClaim(runs: readonly RunCount[], skip: boolean): Claim {
  const off = runs.filter((r) => r.nfe !== r.expectedNfe);
  return {
    id: 'nfe-distinct-k',
    kind: 'sanity',
    statement: skip ? 'With skipping, network calls = the steps where some sequence’s K = ⌊N(1 − t/T)⌋ changes (one length: the number of distinct K values)' : 'Without skipping, network calls = T',
    passed: off.length === 0,
    value: off.length,
    threshold: 0,
    note: off.length === 0 ? `${runs.length} sampler runs, every one as the formula says.` : `${off.length} of ${runs.length} runs differ (e.g. ${off[0].nfe} calls, expected ${off[0].expectedNfe}).`,
  };
}

/** The claims of the sections that ran (a section switched off has no records). */
export function buildClaims(inputs: ClaimInputs, skip: boolean): Claim[] {
  const runs: RunCount[] = [...inputs.unconditional, ...inputs.motif, ...inputs.guidance, ...inputs.structure];
  return [
    ...(inputs.guidance.length > 0 ? [guidanceClaim(inputs.guidance)] : []),
    ...(inputs.structure.length > 0 ? [adapterClaim(inputs.structure)] : []),
    ...(inputs.probe.length > 0 ? [probeClaim(inputs.probe)] : []),
    ...(inputs.unconditional.length > 0 ? [repeatClaim(inputs.unconditional)] : []),
    ...(inputs.guidance.length > 0 ? [compositionDriftClaim(inputs.guidance)] : []),
    ...(inputs.structure.length > 0 && inputs.structureLookup ? [lookupClaim(inputs.structure, inputs.structureLookup)] : []),
    ...(inputs.motif.length > 0 ? [motifPreservedClaim(inputs.motif)] : []),
    ...(runs.length > 0 ? [nfeClaim(runs, skip)] : []),
  ];
}
