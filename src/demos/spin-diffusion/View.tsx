import type { MatrixData } from '../../lib/results';
import type { DemoViewProps } from '../../ui/defineDemo';
import { BandChart } from '../../ui/BandChart';
import { ChartCard, DataTable } from '../../ui/ChartCard';
import { LinesChart } from '../../ui/LinesChart';
import { DrawingPad } from './DrawingPad';
import { drawingProblem, decodeDrawing } from './drawing';
import type { SpinDiffusionResults } from './experiment';
import { formatRate } from './claims';
import { METHOD_COLOURS, SampleGrid, Trajectories } from './Scatter';
import { makeShape, PROMPTS } from './shapes';
import { PILOT_RUNS, PILOT_SUMMARY } from './pilot';

const bands = (metric: string) => [
  { key: `spin_${metric}`, name: 'SPIN-Diffusion', colour: METHOD_COLOURS.spin },
  { key: `continued_${metric}`, name: 'SFT continued (best rate)', colour: METHOD_COLOURS.continued },
];

/** The sampling paths as rows (the chart's table and CSV): one per point and step, step 0 being x_T. */
const pathRows = (paths: MatrixData) =>
  Array.from({ length: paths.rows * (paths.cols / 2) }, (_, i) => {
    const [step, point] = [Math.floor(i / (paths.cols / 2)), i % (paths.cols / 2)];
    return { point, step, x: paths.data[step * paths.cols + 2 * point], y: paths.data[step * paths.cols + 2 * point + 1] };
  });

/** The per-iteration charts: one metric each, SPIN-Diffusion against SFT continued. */
const metricCharts = (perPrompt: SpinDiffusionResults['series']['perPrompt']) => [
  { metric: 'precision', name: 'precision', title: 'Precision: share of samples within 3σ of the shape', yLabel: 'precision', caption: 'Mean over replicates; the band is the range. SFT continued is shown at the rate of its grid that ends best on these replicates.' },
  {
    metric: 'logDensity',
    name: 'log-density',
    title: 'Reward: the true log-density of the samples',
    yLabel: 'mean log p(x)',
    caption: 'The data is an exact Gaussian mixture, so each sample’s log-density is known: the toy’s stand-in for PickScore. Its mean is dragged down by the few samples far from every shape.',
  },
  {
    metric: 'inModeSpread',
    name: 'spread',
    title: 'Diversity: in-mode spread',
    yLabel: 'in-mode spread',
    caption: `RMS distance to the shape of the samples inside the tube. The data’s own: ${perPrompt
      .filter((r) => r.method === 'SFT')
      .map((r) => `${r.prompt} ${r.dataSpread.toFixed(3)}`)
      .join(', ')}. Below the data’s is sharpening: precision bought with diversity.`,
  },
  { metric: 'winRateVsSft', name: 'win-rate', title: 'Win-rate against the SFT model’s samples', yLabel: 'win-rate', caption: 'Share of samples with a higher true log-density than the SFT model’s sample drawn from the same noise (0.5: no better).' },
  { metric: 'modesKept', name: 'modes', title: 'Modes kept (of 24: 8 per shape)', yLabel: 'modes kept', caption: 'A mode is kept when it holds at least a quarter of its share of the data.' },
];

export function SpinDiffusionView({ results, edit, current }: DemoViewProps<SpinDiffusionResults>) {
  if (!results) return null;
  const drawing = String(current?.drawing ?? results.params.drawing);
  const pad = (
    <section className="card" aria-labelledby="drawing-title">
      <h3 id="drawing-title">The third prompt: a shape you draw</h3>
      <p className="caption">Draw one or more strokes inside the box, then run: the model learns the ring, the two moons and this shape, one class-conditional network. Links keep the drawing.</p>
      <DrawingPad drawing={drawing} onCommit={edit ? (encoded) => edit('drawing', encoded) : undefined} />
    </section>
  );
  const { series, params, metrics, matrices } = results;
  const strokes = drawingProblem(params.drawing) === null ? decodeDrawing(params.drawing) : [];
  const shapes = PROMPTS.map((p) => makeShape(p, params.sigma, strokes));
  const done = metrics.replicatesDone < params.replicates ? ` (${metrics.replicatesDone} of ${params.replicates} replicates so far)` : '';
  return (
    <div className="view">
      {pad}
      <p data-testid="spin-diffusion-summary">
        First replicate, iteration {series.iterations.length - 1}: precision {metrics.spinPrecision.toFixed(3)} for SPIN-Diffusion against {metrics.continuedPrecision.toFixed(3)} for SFT continued
        (rate {formatRate(metrics.continuedBestRate)}), from the SFT model’s {metrics.sftPrecision.toFixed(3)} after {metrics.sftSteps} SFT steps{done}.
      </p>
      <ChartCard
        name="samples"
        title="Samples, iteration by iteration: SPIN-Diffusion (top) and SFT continued (bottom)"
        rows={series.perPrompt}
        caption="The first replicate’s samples (300 per shape of those scored). Grey: the 3σ tube around each shape, inside which a sample counts as precise. Iteration 0 is the SFT model both start from; SFT continued is shown at its best rate, after as many steps."
      >
        <SampleGrid shapes={shapes} matrices={matrices} iterations={series.iterations.length - 1} />
      </ChartCard>
      {metricCharts(series.perPrompt).map((c) => (
        <ChartCard key={c.metric} name={c.name} title={c.title} rows={series.iterations} caption={c.caption}>
          <BandChart rows={series.iterations} x="iteration" xLabel="iteration" yLabel={c.yLabel} bands={bands(c.metric)} />
        </ChartCard>
      ))}
      <ChartCard name="sft-curve" title="SFT: held-out denoising loss, to a plateau" rows={series.sftCurve} caption="The first replicate. The rate drops to a third at each plateau (three checks without a 1 % gain); SFT stops at the plateau of its last rate.">
        <LinesChart rows={series.sftCurve} x="step" xLabel="SFT step" yLabel="held-out loss" lines={[{ key: 'loss', name: 'held-out ‖ε̂ − ε‖²', colour: METHOD_COLOURS.sft }]} />
      </ChartCard>
      {matrices.paths && (
        <ChartCard name="paths" title="Denoising: the SFT model’s sampling paths" rows={pathRows(matrices.paths)} caption="From noise x_T (the path’s start) to x_0 (the dot), for the first samples of the ring.">
          <Trajectories shape={shapes[0]} paths={matrices.paths} />
        </ChartCard>
      )}
      <DataTable rows={series.perPrompt} caption="First replicate, per shape: the SFT model, SPIN-Diffusion at the last iteration, SFT continued (best rate) after as many steps." />
      <details className="card">
        <summary>What was tried before the defaults were fixed (pilot runs on other random streams)</summary>
        <p>{PILOT_SUMMARY}</p>
        <DataTable rows={PILOT_RUNS} caption="Precision at the last iteration, one replicate each (rates in brackets)." />
      </details>
    </div>
  );
}
