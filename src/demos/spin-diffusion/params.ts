import { networkSpec, seedSpec, threadSpec, type NearbySetting, type ParamValues, type Schema } from '../../lib/params';
import { drawingProblem, encodeDrawing, starStrokes } from './drawing';

/**
 * The demo's whole state. The defaults are the claim check of docs/ALIGNMENT.md §5.7: SFT to a
 * plateau, two SPIN-Diffusion iterations at β = 1 against SFT continued for as many steps, over 5
 * replicates. How much compute that takes is the budget (budget.ts): the full one on a hardware
 * GPU, a reduced one (a narrower network, fewer steps) on the CPU path.
 */
export const spinDiffusionSchema = {
  seed: seedSpec,
  replicates: { kind: 'int', default: 5, min: 1, max: 12, label: 'Replicates', help: 'Independent runs (data, initialisation, SFT, SPIN and SFT continued) that the claims are statistics over; the charts show the first.' },
  budget: {
    kind: 'enum',
    default: 'auto',
    options: [
      { value: 'auto', label: 'Full on a hardware GPU, reduced on the CPU' },
      { value: 'full', label: 'Full: width 128, batch 512, 600 SPIN steps per iteration' },
      { value: 'reduced', label: 'Reduced: width 64, batch 256, 300 SPIN steps per iteration' },
      { value: 'quick', label: 'Quick look: width 32, 40 SPIN steps per iteration (not the claims’ regime)' },
    ],
    label: 'Compute budget',
    help: 'The network’s width, the batch and the step counts. The reduced budget keeps a CPU run to minutes; its claims are checked separately and labelled.',
  },
  iterations: { kind: 'int', default: 2, min: 1, max: 4, label: 'SPIN iterations', help: 'Each freezes the model as the opponent, samples its losers and trains against them. The claims read iteration 2 (and 1).' },
  beta: { kind: 'float', default: 1, min: 0.05, max: 20, scale: 'log', label: 'β', help: 'β of the loss softplus(−β·h), h the drop in squared ε-error on the real point minus that on the generated one, relative to the opponent. The paper’s own β (which absorbs T and the time weighting) could not be checked here; the research notes’ prototype used 1, and 5 and 20 were worse there.' },
  learningRate: { kind: 'float', default: 0.003, min: 0.0001, max: 0.01, step: 0.0001, label: 'Learning rate', help: 'Adam’s base rate. SFT starts here and drops to a third, then a ninth, at each plateau; SPIN-Diffusion trains at SFT’s last rate (a ninth); SFT continued runs at three times, one and a third of that rate, and the baseline is its best.', advanced: true },
  dataPerPrompt: { kind: 'int', default: 2000, min: 100, max: 20000, step: 100, label: 'Real points per shape', help: 'The SFT data, which SPIN reuses as its winners: fewer points is the limited-data regime.' },
  sigma: { kind: 'float', default: 0.08, min: 0.03, max: 0.3, step: 0.01, label: 'Data noise σ', help: 'Every shape is its skeleton blurred by an isotropic Gaussian of this σ; precision counts points within 3σ of the skeleton.', advanced: true },
  pairNoise: {
    kind: 'enum',
    default: 'independent',
    options: [
      { value: 'independent', label: 'Independent ε and ε′ (the research notes’ formula)' },
      { value: 'shared', label: 'One ε for both (as Diffusion-DPO’s trainer)' },
    ],
    label: 'Noise of a pair',
    help: 'The real point and the generated one are noised to the same timestep t; with their own noise each (ε, ε′) as the notes write the loss, or the same ε as the Diffusion-DPO code does, which removes the noise from the pair’s contrast.',
    advanced: true,
  },
  drawing: { kind: 'text', default: encodeDrawing(starStrokes())!, maxLength: 400, check: drawingProblem, label: 'Drawn shape', help: 'The third prompt’s shape, drawn on the canvas (strokes of grid points, as the URL keeps them).' },
  network: networkSpec('The network trains on'),
  thread: threadSpec('On the CPU the whole run can go to a Web Worker, so the page stays responsive. The numbers are the same either way.'),
} as const satisfies Schema;

export type SpinDiffusionSchema = typeof spinDiffusionSchema;
export type SpinDiffusionParams = ParamValues<SpinDiffusionSchema>;

/** docs/DESIGN.md §8: where `npm run claims` checks the claims besides the defaults (fixed before looking). */
export const nearbySettings: readonly NearbySetting<SpinDiffusionParams>[] = [
  { label: 'β 0.5, 1500 points per shape', params: { beta: 0.5, dataPerPrompt: 1500 } },
  { label: 'σ 0.1, learning rate 0.002', params: { sigma: 0.1, learningRate: 0.002 } },
];
