// "Export as a script": the SPIN-Diffusion demo in Python (script.py). NumPy draws every data set
// from the page's seeded streams and computes what needs no training: the data's own scores (the
// spread the modes-and-spread claim divides by), the untrained network's held-out loss (the SFT
// curve's first point) and the sampler's starting noise. PyTorch runs the training, sampling and
// the claims with the same network, schedule, losses and optimiser; the page trains in float32 tfjs,
// so those agree with the page in distribution only and are not among the checks below.
import body from './script.py?raw';
import type { DemoScript } from '../../lib/pythonScript';
import type { SpinDiffusionResults } from './experiment';
import type { SpinDiffusionParams } from './params';
import { PROMPTS } from './shapes';

const DATA =
  'float64 on both sides over the same float32 points, drawn from the same seeded streams (rng.split(r) → data-scores → prompt); only the libm (cos, sin, log, exp) and the order of a few sums can differ in the last bits.';
const SHOWN =
  'The first 24 points of the sampler’s starting noise x_T (the evaluation stream’s start split, shared by every model’s samples), float32 and rounded to 1e-3 by the page and by the script in the same way (halves up).';

/** The first replicate's data spread for one prompt (the same on each method's row). */
const dataSpread = (r: SpinDiffusionResults, prompt: string) => r.series.perPrompt.find((row) => row.prompt === prompt)!.dataSpread;
/** The first row of the sampling-paths matrix: x_T of the first 24 points (x, y, …). */
const pathStart = (r: SpinDiffusionResults) => r.matrices.paths.data.slice(0, r.matrices.paths.cols);

export const script: DemoScript<SpinDiffusionParams, SpinDiffusionResults> = {
  frameworks: 'numpy+pytorch',
  body,
  constants: (p) => [
    { name: 'SEED', value: p.seed, comment: 'the seed: the same seed draws the same data, initialisation, batches and sampler noise as the page' },
    { name: 'REPLICATES', value: p.replicates, comment: 'independent replicates (data, initialisation, SFT, SPIN and SFT continued) the claims are statistics over' },
    { name: 'BUDGET', value: p.budget, comment: '"full" (3x128 MLP, batch 512, 600 steps an iteration), "reduced" (3x64, 256, 300), "quick" (2x32, 128, 40), or "auto": full where PyTorch sees a CUDA GPU, else reduced' },
    { name: 'ITERATIONS', value: p.iterations, comment: 'SPIN-Diffusion iterations (each freezes the model as the opponent); the claims read iteration 2' },
    { name: 'BETA', value: p.beta, comment: 'beta of the loss softplus(-beta*h), h the real point’s drop in squared eps-error minus the generated one’s, relative to the opponent' },
    { name: 'LEARNING_RATE', value: p.learningRate, comment: 'Adam’s base rate: SFT starts here and drops to 1/3 and 1/9 at plateaus; SPIN peaks at 1/9 of it, SFT continued at 1/3, 1/9 and 1/27' },
    { name: 'DATA_PER_PROMPT', value: p.dataPerPrompt, comment: 'real points per shape (SFT’s data, SPIN’s winners); a quarter as many (at least 64) are held out' },
    { name: 'SIGMA', value: p.sigma, comment: 'every shape is its skeleton blurred by an isotropic Gaussian of this sigma; precision counts points within 3 sigma' },
    { name: 'PAIR_NOISE', value: p.pairNoise, comment: '"independent": the real and generated points get their own eps (the notes’ formula); "shared": one eps for both (Diffusion-DPO’s trainer)' },
    { name: 'DRAWING', value: p.drawing, comment: 'the third shape, drawn: strokes separated by ".", each point two characters of a 64 x 64 grid over [-2.5, 2.5]^2' },
  ],
  agreement: [
    ...PROMPTS.map((prompt) => ({
      key: `data_spread_${prompt}`,
      page: (r: SpinDiffusionResults) => dataSpread(r, prompt),
      tolerance: { rel: 1e-9 },
      why: `The first replicate’s data in-mode spread for the ${prompt} (what modes-and-spread divides by): ${DATA}`,
    })),
    {
      key: 'sft_initial_loss',
      page: (r) => r.series.sftCurve[0].loss,
      tolerance: { rel: 1e-5 },
      why: 'The untrained network’s held-out denoising loss (the SFT curve at step 0): the same seeded initialisation, held-out points, t and ε; the page’s forward pass is float32 tfjs (wasm), the script’s float64 on the same float32 weights and inputs, so they differ by float32 rounding (~1e-7 relative).',
    },
    { key: 'path_start_x0', page: (r) => pathStart(r)[0], tolerance: { abs: 1e-12 }, why: SHOWN },
    { key: 'path_start_y0', page: (r) => pathStart(r)[1], tolerance: { abs: 1e-12 }, why: SHOWN },
    {
      key: 'path_start_abs_sum',
      page: (r) => pathStart(r).reduce((a, v) => a + Math.abs(v), 0),
      tolerance: { abs: 1e-9 },
      why: `Σ|x| over all 48 of them, summed left to right on both sides. ${SHOWN}`,
    },
  ],
  seconds: 4,
};
