import type { TutorialStep } from '../../lib/demo';
import type { SpinDiffusionParams } from './params';
import type { SpinDiffusionResults } from './experiment';

const claim = (r: SpinDiffusionResults, id: string) => r.claims.find((c) => c.id === id);
/** The first four steps share one run: one replicate at the quick-look budget, seconds on a CPU. */
const QUICK = { budget: 'quick', replicates: 1, iterations: 2 } as const;

export const tutorial: TutorialStep<SpinDiffusionParams, SpinDiffusionResults>[] = [
  {
    title: 'Three prompts, one diffusion model',
    focus: 'chart-samples',
    params: QUICK,
    body:
      'The “images” here are 2-D points and the “prompts” are three shapes: a ring of 8 Gaussians, two moons, and a star you can redraw on the canvas. One small network ' +
      'learns to denoise points of all three, told which shape by a one-hot prompt, like a text-to-image model told what to draw. Sampling starts from pure noise and ' +
      'walks 40 denoising steps; the paths chart shows a few of those walks. In the samples grid, iteration 0 is the SFT model: compare the dots with the grey tubes. ' +
      'This quick look trains a small network for seconds, so its samples are rough; the defaults train to convergence.',
    expect: { label: 'SFT learned to denoise: its held-out loss ended below half the untrained network’s.', check: (r) => r.series.sftCurve[r.series.sftCurve.length - 1].loss < 0.5 * r.series.sftCurve[0].loss },
  },
  {
    title: 'SFT, until it stops improving',
    focus: 'chart-sft-curve',
    params: QUICK,
    body:
      'SFT minimises the usual denoising loss ‖ε̂ − ε‖² on the real points. The paper starts SPIN from a model whose SFT has plateaued, so here SFT runs until the held-out ' +
      'loss stops improving, dropping the learning rate twice on the way (a constant rate stalls at a noise floor that is not a real plateau). At this quick-look budget it ' +
      'stops at its step limit instead, and the plateau row says so: SPIN then starts from a model that still has much to learn from the data, the limit regime.',
    expect: { label: 'At this budget SFT hit its step limit before a plateau, and the sanity row reports it (failed).', check: (r) => claim(r, 'sft-plateau')?.passed === false },
  },
  {
    title: 'Self-play: real points win, the model’s own samples lose',
    focus: 'claims',
    params: QUICK,
    body:
      'Each SPIN iteration freezes the model as the opponent, lets it generate points for every prompt, and trains on pairs (real point, opponent’s point): both noised to ' +
      'the same timestep with the same noise, the loss is softplus(−β·h), where h is how much more the model lowered its ε-error on the real point than on the generated one, ' +
      'relative to the opponent. No preference labels: the SFT data is the only human input. Where the model equals its opponent h = 0 and the loss is exactly log 2, ' +
      'a check every iteration makes.',
    expect: { label: 'The loss is log 2 at the first step of every iteration.', check: (r) => claim(r, 'log2-at-opponent')?.passed === true },
  },
  {
    title: 'Against the fair baseline',
    focus: 'chart-samples',
    params: QUICK,
    body:
      'The baseline is SFT continued from the same checkpoint for as many steps, on the same real points, at three learning rates; the charts show its best. Watch precision ' +
      '(share of samples inside the tubes), the true log-density of the samples (this toy’s reward: the data’s density is known exactly), and the in-mode spread: SPIN ' +
      'can buy precision with diversity, so the spread chart says how much. At this budget nothing has converged and there is one replicate, so do not read the claims here: the defaults run them.',
    expect: { label: 'Both methods were scored at every iteration, on the same noise (iteration 0 is shared).', check: (r) => r.series.iterations.length === 3 && r.series.iterations[0].spin_precisionMean === r.series.iterations[0].continued_precisionMean },
  },
  {
    title: 'The claim at the defaults',
    focus: 'claims',
    params: {},
    body:
      'The defaults train to a real plateau and run five replicates, at the full budget on a GPU and a reduced one on the CPU (minutes there). The claim rows then say ' +
      'whether SPIN-Diffusion beat SFT continued by more than 0.03 in precision at iteration 2, kept every mode and improved from iteration 1 to 2, with the spread over ' +
      'replicates, pass or fail. The limit row runs the same recipes from SFT’s model after a few hundred steps, where continuing SFT should win.',
    expect: {
      label: 'Every paper claim is a statistic over the 5 replicates, with its interval; the limit row is there.',
      check: (r) => r.claims.filter((c) => c.kind === 'paper').every((c) => c.spread?.replicates === 5) && r.claims.some((c) => c.id === 'underfit-continued-wins'),
    },
  },
];
