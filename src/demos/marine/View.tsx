import type { DemoViewProps } from '../../ui/defineDemo';
import { BandChart, type BandSpec } from '../../ui/BandChart';
import { ChartCard, DataTable } from '../../ui/ChartCard';
import { LinesChart } from '../../ui/LinesChart';
import { CHAIR_RATIO_MAX } from './claims';
import { DetectorMap } from './DetectorMap';
import { ExampleCaptions } from './ExampleCaptions';
import { detectorLabel, type MarineResults } from './experiment';
import { BAD_DETECTOR, MAP_REPLICATES } from './jobs';
import { ShapeExamples } from './ShapeImages';
import { NEUTRAL, OKABE_ITO } from '../../ui/palette';

const f3 = (v: number) => v.toFixed(3);
const percent = (v: number) => `${Math.round(100 * v)}%`;
const COLOURS = { chairI: OKABE_ITO.vermillion, chairS: OKABE_ITO.orange, recall: OKABE_ITO.blue, bad: NEUTRAL, accuracy: OKABE_ITO.bluishGreen, yes: OKABE_ITO.reddishPurple };
const HALLUCINATION_BANDS: BandSpec[] = [
  { key: 'chairS', name: 'CHAIR_s (captions)', colour: COLOURS.chairS },
  { key: 'chairI', name: 'CHAIR_i (mentions)', colour: COLOURS.chairI },
  { key: 'recall', name: 'recall', colour: COLOURS.recall },
];

/** Metrics against γ, each a mean over replicates with its min–max band. */
const GammaBands = ({ rows, bands }: { rows: MarineResults['series']['gammaSweep'] | NonNullable<MarineResults['series']['trainedSweep']>; bands: readonly BandSpec[] }) => (
  <BandChart rows={rows} x="gamma" xLabel="guidance strength γ" yLabel="share" bands={bands} />
);

export function MarineView({ results }: DemoViewProps<MarineResults>) {
  if (!results) return null;
  const { series, params, metrics } = results;
  const gamma = params.gamma;
  return (
    <div className="view">
      <ChartCard
        name="marine-gamma-sweep"
        title="Hallucination and recall against the guidance strength γ"
        rows={series.gammaSweep}
        caption={`Mean over ${params.replicates} replicates of ${params.scenes} scenes; the band is the range. γ = 0 is the vanilla captioner: CHAIR_s ${percent(metrics.vanillaChairS)} of captions hallucinate, CHAIR_i ${percent(metrics.vanillaChairI)} of object mentions are wrong, recall ${percent(metrics.vanillaRecall)}. At γ = ${gamma} with the page’s detector (${detectorLabel(params)}): ${percent(metrics.guidedChairS)}, ${percent(metrics.guidedChairI)}, ${percent(metrics.guidedRecall)}. Grey: CHAIR_i with the noisy detector (recall ${BAD_DETECTOR.recall}, false-positive rate ${BAD_DETECTOR.falsePositiveRate}).`}
      >
        <GammaBands rows={series.gammaSweep} bands={[...HALLUCINATION_BANDS, { key: 'badChairI', name: 'CHAIR_i, noisy detector', colour: COLOURS.bad }]} />
      </ChartCard>
      <ChartCard
        name="marine-examples"
        title="Example captions, hallucinated objects marked"
        rows={series.examples}
        caption={`The first scenes of the first replicate. Marked chips (red, wavy underline) are objects the caption names that are not in the image: mostly the kitchen or street objects the language prior expects beside the ones seen.`}
      >
        <ExampleCaptions rows={series.examples} gamma={gamma} />
      </ChartCard>
      {series.detectorMap && (
        <ChartCard
          name="marine-detector-map"
          title={`Where guidance stops helping: CHAIR_i at γ = ${gamma} ÷ CHAIR_i at γ = 0, by detector quality`}
          rows={series.detectorMap}
          caption={`Mean over the first ${Math.min(MAP_REPLICATES, params.replicates)} replicates. Blue: guidance cuts hallucinations (the claim asks for ≤ ${CHAIR_RATIO_MAX}); red: it adds them. A false positive is listed as present, and the guided branch believes the list, so false positives matter more than missed objects. The outlined cell is the page’s detector, when it lies on the grid${params.intersect === 'on' ? '; every cell is two detectors ∩ of that quality' : ''}.`}
        >
          <DetectorMap rows={series.detectorMap} page={{ recall: params.detectorRecall, falsePositiveRate: params.detectorFalsePositives }} />
        </ChartCard>
      )}
      <ChartCard
        name="marine-pope"
        title="POPE-style probes: accuracy and the yes-ratio"
        rows={series.gammaSweep}
        caption={`“Is there a <object> in the image?” for every present object (up to 3) and as many absent ones, so half the right answers are yes. Adversarial split: the absent objects asked about are those that co-occur most with the present ones. The vanilla model answers yes ${percent(metrics.vanillaYesRatio)} of the time; at γ = ${gamma}, ${percent(metrics.guidedYesRatio)}; accuracy ${percent(metrics.vanillaPopeAccuracy)} → ${percent(metrics.guidedPopeAccuracy)}.`}
      >
        <GammaBands
          rows={series.gammaSweep}
          bands={[
            { key: 'popeAccuracy', name: 'accuracy', colour: COLOURS.accuracy },
            { key: 'yesRatio', name: 'yes-ratio', colour: COLOURS.yes },
          ]}
        />
      </ChartCard>
      <ChartCard name="marine-pope-splits" title="POPE by split" rows={series.popeSplits} caption="Mean over replicates. Random: absent objects drawn at random; popular: the most frequent objects; adversarial: those that co-occur most with what is present.">
        <DataTable
          rows={series.popeSplits.map((r) => ({ split: r.split, method: r.method, accuracy: f3(r.accuracy), precision: f3(r.precision), recall: f3(r.recall), F1: f3(r.f1), 'yes-ratio': f3(r.yesRatio) }))}
          caption="POPE-style scores by split and method"
        />
      </ChartCard>
      {series.trainedSweep && (
        <ChartCard
          name="marine-trained-sweep"
          title="Trained tier: hallucination and recall against γ, on a CNN captioner’s own logits"
          rows={series.trainedSweep}
          caption={`Mean over ${params.replicates} replicates of ${params.trainedScenes} fresh 32×32 images; the band is the range. One network runs both branches: with an empty hint (vanilla) and with the trained detector’s list at threshold ${params.detectorThreshold} as the hint. CHAIR_i ${percent(metrics.trainedVanillaChairI ?? NaN)} → ${percent(metrics.trainedGuidedChairI ?? NaN)} at γ = ${gamma}, recall ${percent(metrics.trainedVanillaRecall ?? NaN)} → ${percent(metrics.trainedGuidedRecall ?? NaN)}.`}
        >
          <GammaBands rows={series.trainedSweep} bands={HALLUCINATION_BANDS} />
        </ChartCard>
      )}
      {series.trainedThresholds && (
        <ChartCard
          name="marine-trained-thresholds"
          title={`Trained tier: the detector’s threshold, at γ = ${gamma}`}
          rows={series.trainedThresholds}
          caption="The same detector listing every shape above a threshold: low thresholds list absent shapes too (false positives per image in the table), and the guided branch takes them for present. The official code keeps DETR’s detections above 0.95."
        >
          <LinesChart
            rows={series.trainedThresholds}
            x="threshold"
            xLabel="detector threshold"
            yLabel="share"
            lines={[
              { key: 'chairI', name: 'CHAIR_i', colour: COLOURS.chairI },
              { key: 'recall', name: 'recall', colour: COLOURS.recall },
            ]}
          />
        </ChartCard>
      )}
      {series.trainedExamples && results.matrices.trainedImages && (
        <ChartCard name="marine-trained-examples" title="Trained tier: example images and captions" rows={series.trainedExamples} caption="The first images of the first replicate (grey levels; the pixel noise is part of the task). Shapes come in pairs (disc–plus, ring–cross, square–bar, frame–triangle, dash–diamond), but this small captioner did not learn the pairing as a habit: an absent partner is named about as often as any other absent shape. Its hallucinations are mostly misreadings of noisy pixels.">
          <ShapeExamples rows={series.trainedExamples} images={results.matrices.trainedImages} gamma={gamma} />
        </ChartCard>
      )}
      <details className="card">
        <summary>Per replicate: CHAIR_i and recall with and without guidance</summary>
        <DataTable
          rows={series.perReplicate.map((r) => ({ replicate: r.replicate, 'CHAIR_i, γ = 0': f3(r.vanillaChairI), [`CHAIR_i, γ = ${gamma}`]: f3(r.guidedChairI), ratio: f3(r.ratio), 'recall, γ = 0': f3(r.vanillaRecall), [`recall, γ = ${gamma}`]: f3(r.guidedRecall), 'CHAIR_i, noisy detector': f3(r.noisyDetectorChairI) }))}
          caption="The claim rows’ statistics are over these, paired within each replicate"
        />
      </details>
    </div>
  );
}
