// The DPLM run's records as the charts and the page's numbers: series of band columns (mean with
// the min–max over replicates) and the headline metrics.

import { bandColumns, type BandColumns } from '../../lib/results';
import { mean } from '../../lib/stats';
import { decodeProtein } from '../../models/protein/aminoAcids';
import { SAMPLER_MODES, type GuidanceRecord, type MotifRecord, type ProbeRecord, type SamplerMode, type Shown, type StructureLookup, type StructureRecord, type UnconditionalRecord } from './sections';

export const MODE_LABELS: Record<SamplerMode, string> = {
  deterministic: 'Deterministic ranking',
  gumbel: 'Gumbel-max',
  'gumbel-resample': 'Gumbel-max + resampling',
};

export type GuidanceRow = { eta: number } & BandColumns<'scorer'> & BandColumns<'guide'> & BandColumns<'perplexity'> & BandColumns<'compositionKl'>;
export type RepeatRow = { mode: string } & BandColumns<'repeatShare'> & BandColumns<'longestRun'> & BandColumns<'compositionKl'> & BandColumns<'nfe'>;
export type ComparisonRow = { label: string } & BandColumns<'value'>;
export type StepRow = { call: number; sequence: string; masked: number };
/** A shown sample; motif samples carry their segments' 0-based starts ("50,81"), others "". */
export type SampleRow = { task: string; index: number; sequence: string; ss: string; motifStarts: string };

export type DplmSeries = {
  guidance: GuidanceRow[];
  repeats: RepeatRow[];
  recovery: ComparisonRow[];
  probe: ComparisonRow[];
  motifAgreement: ComparisonRow[];
  motifPerplexity: ComparisonRow[];
  unconditionalSteps: StepRow[];
  guidedSteps: StepRow[];
  samples: SampleRow[];
  /** The guidance target y (one row). */
  target: { ss: string }[];
};

export type DplmSummaryMetrics = {
  nfe: number;
  compositionKl: number;
  pairwiseIdentity: number;
  maxTrainingIdentity: number;
  resampledShare: number;
};

function steps(shown: Shown): StepRow[] {
  return shown.trajectory.map((x, call) => {
    const sequence = decodeProtein(x);
    return { call, sequence, masked: [...sequence].filter((ch) => ch === '_').length };
  });
}

const comparison = (label: string, values: number[]): ComparisonRow => ({ label, ...bandColumns('value', values) });

export interface SummaryInputs {
  unconditional: readonly UnconditionalRecord[];
  motif: readonly MotifRecord[];
  guidance: readonly GuidanceRecord[];
  structure: readonly StructureRecord[];
  structureLookup: StructureLookup | null;
  probe: readonly ProbeRecord[];
  shownUnconditional: Shown | null;
  shownGuided: Shown | null;
  guidedEta: number;
  guidanceTarget: string;
}

export function summarise(s: SummaryInputs): { series: DplmSeries; metrics: DplmSummaryMetrics } {
  const etas = [...new Set(s.guidance.map((r) => r.eta))].sort((a, b) => a - b);
  const guidance = etas.map((eta) => {
    const rs = s.guidance.filter((r) => r.eta === eta);
    return { eta, ...bandColumns('scorer', rs.map((r) => r.scorerAgreement)), ...bandColumns('guide', rs.map((r) => r.guideAgreement)), ...bandColumns('perplexity', rs.map((r) => r.perplexity)), ...bandColumns('compositionKl', rs.map((r) => r.compositionKl)) };
  });
  const repeats = SAMPLER_MODES.filter((m) => s.unconditional.some((r) => r.mode === m)).map((mode) => {
    const rs = s.unconditional.filter((r) => r.mode === mode);
    return {
      mode: MODE_LABELS[mode],
      ...bandColumns('repeatShare', rs.map((r) => r.metrics.repeatShare)),
      ...bandColumns('longestRun', rs.map((r) => r.metrics.meanLongestRun)),
      ...bandColumns('compositionKl', rs.map((r) => r.metrics.compositionKl)),
      ...bandColumns('nfe', rs.map((r) => r.nfe)),
    };
  });
  const main = s.unconditional.filter((r) => r.mode === 'gumbel-resample');
  const samples: SampleRow[] = [];
  main[0]?.sequences.forEach((sequence, index) => samples.push({ task: 'unconditional', index, sequence, ss: main[0].ss[index], motifStarts: '' }));
  s.shownGuided?.sequences.forEach((sequence, index) => samples.push({ task: `guided η = ${s.guidedEta}`, index, sequence, ss: s.shownGuided!.ss[index], motifStarts: '' }));
  s.motif[0]?.sequences.forEach((sequence, index) => samples.push({ task: 'motif', index, sequence, ss: '', motifStarts: s.motif[0].starts[index].join(',') }));
  return {
    series: {
      guidance,
      repeats,
      recovery: [
        ...(['adapter', 'dplm'] as const).filter((m) => s.structure.some((r) => r.model === m)).map((m) => comparison(m === 'adapter' ? 'Adapter (given the SS string)' : 'DPLM alone', s.structure.find((r) => r.model === m)!.recovery)),
        ...(s.structureLookup ? [comparison(`Lookup: ${Object.entries(s.structureLookup.table).map(([state, aa]) => `${state}→${aa}`).join(' ')}`, s.structureLookup.recovery)] : []),
      ],
      probe: (['dplm', 'mlm'] as const).filter((m) => s.probe.some((r) => r.model === m)).map((m) => comparison(m === 'dplm' ? 'DPLM embeddings' : 'Masked-LM embeddings', s.probe.filter((r) => r.model === m).map((r) => r.q3))),
      motifAgreement: s.motif.length === 0 ? [] : [comparison('DPLM scaffolds', s.motif.map((r) => r.motifAgreement)), comparison('Random scaffolds', s.motif.map((r) => r.randomMotifAgreement))],
      motifPerplexity: s.motif.length === 0 ? [] : [comparison('DPLM scaffolds', s.motif.map((r) => r.scaffoldPerplexity)), comparison('Random scaffolds', s.motif.map((r) => r.randomScaffoldPerplexity))],
      unconditionalSteps: s.shownUnconditional ? steps(s.shownUnconditional) : [],
      guidedSteps: s.shownGuided ? steps(s.shownGuided) : [],
      samples,
      target: [{ ss: s.guidanceTarget }],
    },
    metrics: {
      nfe: mean(main.map((r) => r.nfe)),
      compositionKl: mean(main.map((r) => r.metrics.compositionKl)),
      pairwiseIdentity: mean(main.map((r) => r.metrics.meanPairwiseIdentity)),
      maxTrainingIdentity: mean(main.map((r) => r.metrics.meanMaxTrainingIdentity)),
      resampledShare: mean(main.map((r) => r.resampleCalls / Math.max(1, r.nfe))),
    },
  };
}
