import type { TutorialStep } from '../../lib/demo';
import type { DndmParams } from './params';
import type { DndmResults } from './experiment';

const claim = (r: DndmResults, id: string) => r.claims.find((c) => c.id === id);
/** The NFE row of T = `steps` (null: T = ∞). */
const nfeAt = (r: DndmResults, steps: number | null) => r.series.nfe.find((row) => row.steps === steps);

export const tutorial: TutorialStep<DndmParams, DndmResults>[] = [
  {
    title: 'Masked diffusion: text out of noise',
    focus: 'denoising',
    params: { sweep: 'off', steps: 50, seeds: 3, samples: 4 },
    body:
      'A small transformer (under 100 k parameters, trained here on the King James Bible, letters and spaces only) has learned to fill in masked characters. ' +
      'Generation starts from 64 masks and reveals characters over T reverse steps. The classic samplers call the network at every step: ' +
      'absorbing ancestral sampling reveals each masked token with probability 1/t, RDM-k keeps the least confident ones masked. Press Play in “Watch a sequence denoise” below.',
    expect: {
      label: 'Both samplers start from 64 masked positions and end with none.',
      check: (r) => [r.series.trajectory, r.series.baselineTrajectory].every((rows) => rows?.[0]?.masked === 64 && rows.at(-1)?.masked === 0),
    },
  },
  {
    title: 'Transition times: decide when before deciding what',
    focus: 'chart-tau-histogram',
    params: { sweep: 'off', steps: 50, seeds: 3, samples: 4 },
    body:
      'DNDM’s insight: in the absorbing process every token leaves the mask exactly once, at a time τ that does not depend on the text. So draw all τ first ' +
      '(here from Beta(3, 3) over the 50 steps, the histogram), and call the network only at the distinct τ’s. A step that no token drew changes nothing and costs nothing: ' +
      'watch the DNDM call counter stand still while the other one ticks.',
    expect: {
      label: 'DNDM called the network once per distinct τ, fewer than T = 50 times.',
      check: (r) => {
        if (!r.series.tau) return false;
        const distinct = r.series.tau.filter((row) => row.sampledTokens > 0).length;
        return r.metrics.shownNfeDndm === distinct && distinct < 50 && r.metrics.shownNfeBaseline === 50;
      },
    },
  },
  {
    title: 'How many calls? E[NFE] = Σ 1 − (1 − p_t)^N',
    focus: 'chart-tau-histogram',
    params: { sweep: 'off', steps: 50, alpha: 15, beta: 7, seeds: 3, samples: 4 },
    body:
      'Step t is called when at least one of the N = 64 tokens drew it, which happens with probability 1 − (1 − p_t)^N. Summing gives the expected NFE. ' +
      'A peaked schedule (here Beta(15, 7)) piles the τ’s onto few steps: fewer distinct times, fewer calls. The claim compares the measured NFE with the formula, ' +
      'using its exact variance to decide what “agrees” means.',
    expect: { label: 'Measured NFE agrees with E[NFE] within sampling noise.', check: (r) => claim(r, 'nfe-matches-formula')?.passed === true },
  },
  {
    title: 'More steps, same number of calls',
    focus: 'chart-nfe-vs-t',
    params: { sweep: 'short', seeds: 2, samples: 4 },
    body:
      'Now a sweep over T = 25, 50, 100 and ∞ (two seeds each). The T-call sampler’s cost grows with T; DNDM’s cannot exceed N = 64, because there are only 64 tokens to reveal. ' +
      'At T = ∞ (DNDM-C) every τ is a continuous Beta draw, all distinct: exactly 64 calls, with no discretisation at all.',
    expect: {
      label: 'DNDM’s NFE agrees with the formula at every T, stays below 64 at T = 100, and is exactly 64 at T = ∞.',
      check: (r) => claim(r, 'nfe-matches-formula')?.passed === true && (nfeAt(r, 100)?.dndmMean ?? Infinity) < 64 && nfeAt(r, null)?.dndmMean === 64,
    },
  },
  {
    title: 'T = 1000: an order of magnitude faster; is the quality the same?',
    focus: 'chart-quality-vs-t',
    params: { sweep: 'full' },
    body:
      'Fine time grids are where Markov samplers are slowest (1000 calls) and where DNDM shines (about 61). This step runs the full sweep at the defaults (5 seeds of 16 sequences), so it takes a while: ' +
      'the progress bar shows the T-call sampler working through its 1000 steps per seed. The claims compare wall time in this very run, and sample quality with a judge that never saw the samplers (the claim rows say whether it held, with the numbers): ' +
      '“same quality” is an equivalence test (the judge’s per-character NLL of 80 sequences per sampler must differ by less than ln 1.25, i.e. perplexities within a factor 1.25, at 90% confidence) ' +
      'and a check that DNDM’s letter pairs are no further from the corpus than the T-call sampler’s, measured against the floor real text of the same size reaches.',
    expect: {
      label: 'At T = 1000 DNDM is ≥ 8× faster, and the equivalence test on its quality ran on at least 32 sequences per sampler.',
      check: (r) => {
        const quality = claim(r, 'quality-equivalent');
        return claim(r, 'speedup-at-1000')?.passed === true && (quality?.spread?.replicates ?? 0) >= 2 * 32;
      },
    },
  },
  {
    title: 'Random order instead of top-k',
    focus: 'denoising',
    params: { sweep: 'off', steps: 100, pair: 'random', seeds: 3, samples: 4 },
    body:
      'Top-k decoding (RDM-k, DNDM-k; at T = ∞ DNDM-C-k) lets the network choose which tokens to reveal first, and in the authors’ rule (the default) even send a doubtful token back to the mask. The plain versions reveal a random set instead: ancestral sampling flips a 1/t coin for every masked token at every step, ' +
      'DNDM reveals exactly the tokens whose τ has come. The number of calls is the same formula either way; only which tokens appear when changes.',
    expect: { label: 'Plain DNDM also needs far fewer than T calls, as the formula says.', check: (r) => claim(r, 'nfe-matches-formula')?.passed === true && (r.metrics.shownNfeDndm ?? Infinity) < 64 },
  },
];
