import { expect, test, type Page } from '@playwright/test';
import { runDemo, trackErrors } from './helpers';

// Every demo, made to fail and made to repeat.
//   Leaks: RUNS consecutive runs leave the tensors tfjs holds in the page and the GPU buffers our
//   kernels hold where the first run left them (the first run loads the weights a demo keeps for
//   the next: a cache by design, not a leak). The runs are each demo's smallest configuration, in
//   the page's thread on the CPU path (a run in a Web Worker takes its tensors away with it), so
//   that twenty of every demo fit the suite; GPU runs on SwiftShader take 3 s to 2 min each, so the
//   GPU buffers are counted over 3 GPU runs of the demos whose small GPU run takes seconds (all of
//   them, as many times as GPU_LEAK_RUNS says, where it is set).
//   Device loss: the GPU device is destroyed while a run computes on it (on WebGPU where the demo
//   has GPU work); the run ends, the banner says the device was lost and offers Re-initialise, and
//   after it a run completes (on the GPU again where that takes seconds here).

const RUNS = 20;
/**
 * 3 GPU runs of each demo whose small GPU run takes seconds on SwiftShader (`gpuQuick`). On a machine
 * with a GPU, `GPU_LEAK_RUNS=20 npx playwright test e2e/hardening.spec.ts -g "runs leave"` runs every
 * demo's GPU configuration that many times instead (on SwiftShader a run takes 8 s for sparse PCA and
 * SPIN, 15 s for MARINE and a minute for APPO / ADPO: too long for the suite).
 */
const GPU_LEAK_RUNS = gpuLeakRuns(process.env.GPU_LEAK_RUNS);

function gpuLeakRuns(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const runs = Number(value);
  // one run would compare a run with itself
  if (!Number.isInteger(runs) || runs < 2) throw new Error(`GPU_LEAK_RUNS must be a whole number of runs, at least 2 (it is "${value}")`);
  return runs;
}
const gpuRunsOf = (quick: boolean): number => GPU_LEAK_RUNS || (quick ? 3 : 0);

interface Case {
  /** A run of about a second or less, on the CPU path in the page's thread. */
  small: Record<string, unknown>;
  /** A run that computes on WebGPU, to lose the device in the middle of; null where the demo has no GPU work. */
  gpu: Record<string, unknown> | null;
  /** Whether the GPU run takes only seconds on SwiftShader: then it is repeated and rerun after the loss. */
  gpuQuick: boolean;
  /**
   * Its first progress on the GPU takes half a minute on SwiftShader (DPLM, SPIN-Diffusion): the device
   * is lost once the run is under way (its models going onto the device) instead.
   */
  slowStart?: boolean;
}

const CASES: Record<string, Case> = {
  'sparse-pca': {
    small: { p: 8, s: 1, n: 20, replicates: 1, sweepSeeds: 1, monteCarlo: 'off', thread: 'main' },
    gpu: { p: 8, s: 3, n: 800, replicates: 1, sweepSeeds: 1, monteCarlo: 'gpu', thread: 'main' },
    gpuQuick: false,
  },
  dndm: {
    small: { sweep: 'off', steps: 2, seeds: 1, samples: 1, network: 'cpu', thread: 'main' },
    gpu: { sweep: 'off', steps: 2, seeds: 1, samples: 1, network: 'webgpu', thread: 'main' },
    gpuQuick: true,
  },
  dplm: {
    small: { length: 20, samples: 2, replicates: 1, steps: 10, motifPart: 'off', guidance: 'off', structure: 'off', probe: 'off', network: 'cpu', thread: 'main' },
    gpu: { length: 20, samples: 2, replicates: 1, steps: 10, motifPart: 'off', guidance: 'off', structure: 'off', probe: 'off', network: 'webgpu', thread: 'main' },
    gpuQuick: false,
    slowStart: true,
  },
  spin: {
    small: { network: 'cpu', iterations: 1, adamSteps: 10, lmSftPairs: 16, lmSftSteps: 1, lmSteps: 1, lmHeldOut: 8, lmReplicates: 1, lmWidth: 8, lmLayers: 1, thread: 'main' },
    gpu: { network: 'webgpu', iterations: 1, adamSteps: 10, lmSftPairs: 16, lmSftSteps: 1, lmSteps: 1, lmHeldOut: 8, lmReplicates: 1, lmWidth: 8, lmLayers: 1, thread: 'main' },
    gpuQuick: false,
  },
  'spin-diffusion': {
    small: { budget: 'quick', replicates: 1, iterations: 1, dataPerPrompt: 100, network: 'cpu', thread: 'main' },
    gpu: { budget: 'quick', replicates: 1, iterations: 1, dataPerPrompt: 100, network: 'webgpu', thread: 'main' },
    gpuQuick: false,
    slowStart: true,
  },
  marine: {
    small: { replicates: 2, scenes: 50, trainedScenes: 50, corpus: 100, detectorMap: 'off', network: 'cpu', parallel: 'main' },
    gpu: { replicates: 2, scenes: 50, trainedScenes: 50, corpus: 100, detectorMap: 'off', network: 'webgpu', parallel: 'main' },
    gpuQuick: false,
  },
  // the f64 tiers at their smallest dimensions too (a run of 1.2 s instead of 4.5 s): their numbers
  // hold no tensors; the language-model tier, which does, runs whole
  'appo-adpo': {
    small: { replicates: 2, dim: 2, arms: 2, horizon: 200, policyDim: 2, candidates: 2, pairs: 500, lm: 'on', lmReplicates: 1, lmStreamPairs: 64, lmSftSteps: 1, lmHeldOut: 16, network: 'cpu', parallel: 'main' },
    gpu: { replicates: 2, dim: 2, arms: 2, horizon: 200, policyDim: 2, candidates: 2, pairs: 500, lm: 'on', lmReplicates: 1, lmStreamPairs: 64, lmSftSteps: 1, lmHeldOut: 16, network: 'webgpu', parallel: 'main' },
    gpuQuick: false,
  },
  'corruption-robust-rl': { small: { episodes: 50, seeds: 1, offline: 'off', parallel: 'main' }, gpu: null, gpuQuick: false },
  'linear-mixture-ssp': { small: { episodes: 100, seeds: 1, sweep: 'off', scaleSweep: 'off', parallel: 'main' }, gpu: null, gpuQuick: false },
  trustllm: { small: {}, gpu: null, gpuQuick: false },
};

async function held(page: Page): Promise<{ tensors: number; gpuBuffers: number }> {
  return page.evaluate(async () => ({ tensors: await window.playground.debug.liveTensors(), gpuBuffers: window.playground.debug.liveGpuBuffers() }));
}

test('every demo has a case here', async ({ page }) => {
  await page.goto('/');
  expect(Object.keys(CASES).sort()).toEqual((await page.evaluate(() => window.playground.list())).sort());
});

for (const [slug, { small, gpu, gpuQuick, slowStart }] of Object.entries(CASES)) {
  test(`${slug}: ${RUNS} runs leave tensors and GPU buffers where the first left them`, async ({ page }) => {
    const gpuRuns = gpu ? gpuRunsOf(gpuQuick) : 0;
    test.setTimeout(240_000 + gpuRuns * 120_000);
    const errors = trackErrors(page);
    await page.goto('/');
    await runDemo(page, slug, small);
    const first = await held(page);
    for (let i = 1; i < RUNS; i++) await runDemo(page, slug, small);
    expect(await held(page), `after ${RUNS} runs`).toEqual(first);
    if (gpu && gpuRuns > 0) {
      await runDemo(page, slug, gpu);
      const gpuFirst = await held(page);
      for (let i = 1; i < gpuRuns; i++) await runDemo(page, slug, gpu);
      expect(await held(page), `after ${gpuRuns} GPU runs`).toEqual(gpuFirst);
    }
    expect(errors).toEqual([]);
  });

  test(`${slug}: losing the GPU device mid-run ends in a message and a working re-initialise`, async ({ page }) => {
    test.setTimeout(240_000);
    const errors = trackErrors(page);
    const query = (params: Record<string, unknown>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
    await page.goto(`/#/${slug}?${query(gpu ?? small)}`);
    const label = page.getByTestId('progress-label');
    const banner = page.getByTestId('backend-banner');
    await expect(banner).toHaveAttribute('data-path', 'webgpu-software');
    // mid-run: the run has made progress, or is under way past its start (a run of milliseconds may be over first)
    const midRun = slowStart ? /^(\d+% — (?!Starting$)|Done\.)/ : /^([1-9]\d*% — |Done\.)/;
    await expect(async () => expect(await label.textContent()).toMatch(midRun)).toPass({ timeout: 60_000 });
    expect(await page.evaluate(() => window.playground.debug.loseDevice())).toBe(true);
    await expect(banner).toHaveAttribute('data-path', 'lost');
    await expect(banner).toContainText('The GPU device was lost');
    // the run ends: finished on the CPU, or stopped with a message
    await expect(async () => {
      const ended = (await label.textContent()) === 'Done.' || (await page.getByTestId('run-error').count()) > 0;
      expect(ended).toBe(true);
    }).toPass({ timeout: 120_000 });
    // a run that failed says why, in words
    // (on a loaded machine the device's `lost` can settle seconds after the failure it caused: the message follows it)
    if ((await page.getByTestId('run-error').count()) > 0) await expect(page.getByTestId('run-error')).toHaveText(/^The GPU device was lost during this run \(.+\)\. Re-initialise it/);
    await banner.getByRole('button', { name: 'Re-initialise' }).click();
    await expect(banner).toHaveAttribute('data-path', 'webgpu-software');
    // a run after it completes (through the page's API: its results, or the error it throws)
    const after = await runDemo<{ slug: string; backend: { path: string } }>(page, slug, gpu && gpuQuick ? gpu : small);
    expect(after.slug).toBe(slug);
    expect(errors).toEqual([]);
  });
}
