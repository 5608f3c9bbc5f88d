import type { ReactNode } from 'react';
import { distinctKCount } from '../../models/diffusion/dplmSampler';
import { ChartCard } from '../../ui/ChartCard';
import type { DemoViewProps } from '../../ui/defineDemo';
import { ComparisonBars, GuidanceAgreement, GuidanceComposition, GuidancePerplexity, RepeatBars } from './charts';
import type { DplmResults } from './experiment';
import { motifPositions, MotifTrack } from './MotifTrack';
import { ResidueLegend, ResidueSequence } from './Residues';
import { SequencePlayer } from './SequencePlayer';
import type { ComparisonRow, SampleRow } from './summary';

const num = (v: number | undefined, digits = 2) => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));
const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : `${Math.round(100 * v)} %`);

function Numbers({ items }: { items: readonly { label: ReactNode; value: string; testId: string }[] }) {
  return (
    <dl style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))', gap: '0.4rem 1rem', margin: '0.6rem 0' }}>
      {items.map((m) => (
        <div key={m.testId}>
          <dt className="caption" style={{ fontSize: '0.85em' }}>
            {m.label}
          </dt>
          <dd style={{ margin: 0, fontWeight: 600 }} data-testid={m.testId}>
            {m.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A bar chart of labelled comparisons (mean, min–max whiskers), or nothing when the part did not run. */
function ComparisonCard({ name, title, rows, caption, yLabel, domain }: { name: string; title: string; rows: ComparisonRow[]; caption: string; yLabel: string; domain?: [number, number] }) {
  if (rows.length === 0) return null;
  return (
    <ChartCard name={name} title={title} rows={rows} caption={caption}>
      <ComparisonBars rows={rows} yLabel={yLabel} domain={domain} />
    </ChartCard>
  );
}

function Samples({ rows, motif, testId }: { rows: readonly SampleRow[]; motif?: (row: SampleRow) => boolean[]; testId: string }) {
  return (
    <ol style={{ paddingLeft: '1.6rem' }} data-testid={testId}>
      {rows.map((r) => (
        <li key={`${r.task}-${r.index}`} style={{ margin: '0.3rem 0' }}>
          <ResidueSequence sequence={r.sequence} ss={r.ss || undefined} motif={motif?.(r)} />
        </li>
      ))}
    </ol>
  );
}

export function DplmView({ results, edit, current }: DemoViewProps<DplmResults>) {
  if (!results) return null;
  const { series, params, metrics } = results;
  const unconditional = series.samples.filter((s) => s.task === 'unconditional');
  const motifSamples = series.samples.filter((s) => s.task === 'motif');
  const guided = series.samples.filter((s) => s.task.startsWith('guided'));
  const segments = params.motif.split('/');
  const skip = params.skip === 'on';
  const distinctK = distinctKCount(params.length, params.steps);
  const target = series.target[0]?.ss ?? null;
  return (
    <div className="view">
      {(series.unconditionalSteps.length > 0 || series.repeats.length > 0) && (
        <>
          <h2>Unconditional generation</h2>
          <section className="card" aria-labelledby="dplm-unconditional-title" data-testid="dplm-unconditional">
            <h3 id="dplm-unconditional-title">Watch a protein come out of the masks (first sequence, Gumbel-max + resampling, seed {params.seed})</h3>
            <p className="caption">
              DPLM starts from {params.length} masked positions. After step t of T = {params.steps}, K = ⌊N(1 − t/T)⌋ positions stay masked: each call predicts every masked residue,
              adds Gumbel noise to the confidences, keeps the most confident and masks the rest again.{' '}
              {skip
                ? `Steps where K does not change are skipped, so the network runs ${distinctK} times (the distinct K values), not ${params.steps}.`
                : `Every one of the ${params.steps} steps calls the network.`}{' '}
              Outlined residues were decoded by the call just made.
            </p>
            <SequencePlayer rows={series.unconditionalSteps} id="unconditional" label="Unconditional sampling" />
            <ResidueLegend />
            <Numbers
              items={[
                { label: 'network calls (NFE, mean per batch)', value: `${num(metrics.nfe, 0)}${skip ? ` (distinct K: ${distinctK})` : ''}`, testId: 'dplm-nfe' },
                { label: 'composition KL to natural (nats)', value: num(metrics.compositionKl, 3), testId: 'dplm-kl' },
                { label: 'pairwise identity (diversity = 1 − this)', value: pct(metrics.pairwiseIdentity), testId: 'dplm-pairwise' },
                { label: 'max identity to training (novelty = 1 − this)', value: pct(metrics.maxTrainingIdentity), testId: 'dplm-novelty' },
                { label: 'calls that resampled a repeat', value: pct(metrics.resampledShare), testId: 'dplm-resampled' },
              ]}
            />
          </section>
          {unconditional.length > 0 && (
            <details className="card" open>
              <summary>Generated sequences ({unconditional.length}, replicate 1) with the held-out tagger’s secondary structure</summary>
              <p className="caption">
                The thin track under each residue is the secondary structure a separate tagger (never used for generation) reads from the sequence. Identities are ungapped, over shifts of up to 10
                residues: a stand-in for structural similarity.
              </p>
              <ResidueLegend track="ss" />
              <Samples rows={unconditional} testId="dplm-unconditional-samples" />
            </details>
          )}
          {series.repeats.length > 0 && (
            <ChartCard
              name="repeats"
              title="Repeats by sampler: deterministic ranking vs Gumbel-max vs Gumbel-max + resampling"
              rows={series.repeats}
              caption={`Left bars: share of sequences where one amino acid makes up more than 25 % (collapsed into repeats, as deterministic ranking tends to). Right bars: the longest run of one amino acid. Whiskers: min–max over ${params.replicates} replicates of ${params.samples} sequences.`}
            >
              <RepeatBars rows={series.repeats} />
            </ChartCard>
          )}
        </>
      )}

      {(series.motifAgreement.length > 0 || motifSamples.length > 0) && (
        <>
          <h2>Motif scaffolding</h2>
          <section className="card" aria-labelledby="dplm-motif-title" data-testid="dplm-motif">
            <h3 id="dplm-motif-title">
              The motif in a {params.scaffoldLength}-residue scaffold (segments at {params.motifStarts}, ± {params.linkerJitter} per sample)
            </h3>
            <p className="caption">
              The motif’s residues are fixed and never masked; DPLM fills in everything around them. The grey halo is how far each sample may move a segment (linker jitter). To move the
              segments, drag them along the track (or focus one and use the arrow keys), then press Run.
            </p>
            <MotifTrack
              scaffoldLength={Number(current?.scaffoldLength ?? params.scaffoldLength)}
              motif={String(current?.motif ?? params.motif)}
              starts={String(current?.motifStarts ?? params.motifStarts)}
              jitter={Number(current?.linkerJitter ?? params.linkerJitter)}
              onCommit={edit ? (starts) => edit('motifStarts', starts) : undefined}
            />
            {motifSamples.length > 0 && (
              <>
                <ResidueLegend track="motif" />
                <Samples rows={motifSamples} motif={(r) => motifPositions(r.sequence, segments, r.motifStarts)} testId="dplm-motif-samples" />
              </>
            )}
          </section>
          <ComparisonCard
            name="motif-agreement"
            title="Does the scaffold hold the motif’s structure? DPLM vs random scaffolds"
            rows={series.motifAgreement}
            caption="Share of motif positions where the held-out tagger reads the motif’s own secondary structure, in DPLM’s scaffolds and in the same placements filled with random residues of natural composition. A scaffold that supports the motif keeps its helix a helix."
            yLabel="motif SS agreement"
            domain={[0, 1]}
          />
          <ComparisonCard
            name="motif-perplexity"
            title="Do the scaffolds look like protein? Pseudo-perplexity, DPLM vs random"
            rows={series.motifPerplexity}
            caption="The masked LM’s pseudo-perplexity of the scaffold residues (motif excluded): lower means more protein-like to a model that did not generate them. 20 would be a uniform guess over the amino acids."
            yLabel="scaffold pseudo-perplexity"
          />
        </>
      )}

      {(series.guidance.length > 0 || series.guidedSteps.length > 0) && (
        <>
          <h2>Secondary-structure guidance</h2>
          {series.guidance.length > 0 && (
            <ChartCard
              name="guidance-agreement"
              title="Guidance strength η vs agreement with the target secondary structure"
              rows={series.guidance}
              caption="At every call the logits get η·∇ log p(target SS | x) from a small tagger (the guide). Red is what the claim judges: agreement read by a second tagger of another architecture and seed, so that climbing the guide’s own quirks does not count. Blue, the guide’s own reading, is what guidance optimises."
            >
              <GuidanceAgreement rows={series.guidance} />
            </ChartCard>
          )}
          {series.guidance.length > 0 && (
            <ChartCard name="guidance-perplexity" title="Guidance strength η vs how protein-like the sequences stay" rows={series.guidance} caption="Masked-LM pseudo-perplexity of the guided sequences. Pushing harder toward a structure can cost plausibility: this is where to see it.">
              <GuidancePerplexity rows={series.guidance} />
            </ChartCard>
          )}
          {series.guidance.length > 0 && (
            <ChartCard
              name="guidance-composition"
              title="Guidance strength η vs how natural the amino-acid composition stays"
              rows={series.guidance}
              caption="KL divergence of the guided sequences’ amino-acid composition from natural proteins’. The agreement claim does not look at it: a rise here means guidance buys structure with unusual residues (an audit found W and C enriched toward strands)."
            >
              <GuidanceComposition rows={series.guidance} />
            </ChartCard>
          )}
          {series.guidedSteps.length > 0 && (
            <section className="card" aria-labelledby="dplm-guided-title" data-testid="dplm-guided">
              <h3 id="dplm-guided-title">A guided run step by step (η = {params.eta})</h3>
              <p className="caption">The same sampler, with the guide’s gradient added to the logits at every call.</p>
              <SequencePlayer rows={series.guidedSteps} id="guided" label="Guided sampling" />
              {guided.length > 0 && (
                <>
                  <h4>Guided sequences and their secondary structure (held-out tagger)</h4>
                  {target && (
                    <div className="caption">
                      Target (typed):
                      <ResidueSequence sequence={'_'.repeat(target.length)} ss={target} label={`target secondary structure ${target}`} />
                    </div>
                  )}
                  <ResidueLegend track="ss" />
                  <Samples rows={guided} testId="dplm-guided-samples" />
                </>
              )}
            </section>
          )}
        </>
      )}

      {series.recovery.length > 0 && (
        <>
          <h2>Structure conditioning</h2>
          <ComparisonCard
            name="recovery"
            title="Sequence recovery on held-out chains: structure adapter vs DPLM alone"
            rows={series.recovery}
            caption={`For each of ${metrics.structureChains} held-out chains, the share of generated residues equal to the native ones. The adapter is a toy stand-in for the paper’s 3-D backbone encoder: it sees only each residue’s secondary-structure state (H, E or C) and adds one learned edit per state to the frozen DPLM’s last hidden state. DPLM alone sees only the length. Both decode as the authors’ inverse folding does (argmax, deterministic unmasking), so each runs once: whiskers are the min–max over chains. The lookup bar uses no network: each position gets the commonest training residue of its SS state, the floor an adapter that reads the structure should clear.`}
            yLabel="native sequence recovery"
          />
        </>
      )}

      {series.probe.length > 0 && (
        <>
          <h2>Representations</h2>
          <ComparisonCard
            name="probe"
            title="What do the embeddings know? Linear-probe secondary structure, DPLM vs masked LM"
            rows={series.probe}
            caption={`A linear probe reads H/E/C per residue from each model’s embeddings (same probe, data and split); the score is Q3, the share of held-out residues right. Both language models have ${Math.round(metrics.parameters / 1000)} k parameters and saw the same data for the same steps. Whiskers: min–max over bootstrap refits of the probe.`}
            yLabel="held-out Q3"
            domain={[0, 1]}
          />
        </>
      )}

      <p className="caption" data-testid="dplm-folding-note">
        The paper also scores designs with pLDDT and scTM, which need a protein folding model; a browser has none, so plausibility here is a masked LM’s pseudo-perplexity and structure is a
        tagger’s secondary-structure reading.
      </p>
    </div>
  );
}
