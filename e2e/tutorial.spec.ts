import { expect, test } from '@playwright/test';
import { playTutorial, trackErrors } from './helpers';

test('the sparse-PCA tutorial plays end to end and every step’s check holds', async ({ page }) => {
  test.setTimeout(600_000);
  const errors = trackErrors(page);
  await playTutorial(page, '/#/sparse-pca?monteCarlo=off', 6, 170_000);
  expect(errors).toEqual([]);
});

test('the DNDM tutorial plays end to end and every step’s check holds', async ({ page }) => {
  // step 5 is the default run: its check reads the precomputed run at once (tied to the code by scripts/precomputed.test.ts)
  test.setTimeout(900_000);
  const errors = trackErrors(page);
  // the link's own run is a short one, so that starting the tutorial also cancels a run in flight
  await playTutorial(page, '/#/dndm?sweep=off&steps=10&seeds=1', 6, 300_000);
  expect(errors).toEqual([]);
});

test('the SPIN tutorial plays end to end and every step’s check holds', async ({ page }) => {
  test.setTimeout(600_000);
  const errors = trackErrors(page);
  await playTutorial(page, '/#/spin?lm=off', 6, 240_000);
  expect(errors).toEqual([]);
});

test('the corruption-robust RL tutorial plays end to end and every step’s check holds', async ({ page }) => {
  test.setTimeout(600_000);
  const errors = trackErrors(page);
  await playTutorial(page, '/#/corruption-robust-rl?offline=off', 7, 120_000);
  expect(errors).toEqual([]);
});

test('the linear-mixture SSP tutorial plays end to end and every step’s check holds', async ({ page }) => {
  test.setTimeout(600_000);
  const errors = trackErrors(page);
  await playTutorial(page, '/#/linear-mixture-ssp?sweep=off', 6, 120_000);
  expect(errors).toEqual([]);
});

test('the DPLM tutorial plays end to end and every step’s check holds', async ({ page }) => {
  // each step runs one or two parts of the demo at a small size; the last is the default run, whose
  // check reads the precomputed run at once (tied to the code by scripts/precomputed.test.ts)
  test.setTimeout(900_000);
  const errors = trackErrors(page);
  await playTutorial(page, '/#/dplm?length=20&samples=2&replicates=1&steps=20&motifPart=off&guidance=off&structure=off&probe=off', 7, 240_000);
  expect(errors).toEqual([]);
});

test('the APPO / ADPO tutorial plays end to end and every step’s check holds', async ({ page }) => {
  // steps 1–5 are the default run, whose checks read the precomputed run at once (tied to the code by
  // scripts/precomputed.test.ts); the last runs a small problem live
  test.setTimeout(600_000);
  const errors = trackErrors(page);
  await playTutorial(page, '/#/appo-adpo?replicates=2&horizon=300&pairs=500&lm=off', 7, 120_000);
  expect(errors).toEqual([]);
});

test('the SPIN-Diffusion tutorial plays end to end and every step’s check holds', async ({ page }) => {
  // steps 1–4 share one run (one replicate at the quick-look budget); the last reads the precomputed default run
  test.setTimeout(300_000);
  const errors = trackErrors(page);
  await playTutorial(page, '/#/spin-diffusion?budget=quick&replicates=1&iterations=2', 5, 120_000);
  expect(errors).toEqual([]);
});

test('the MARINE tutorial plays end to end and every step’s check holds', async ({ page }) => {
  // steps 1–6 are the default run, whose checks read the precomputed run at once (tied to the code by
  // scripts/precomputed.test.ts); the last two run a smaller problem live
  test.setTimeout(300_000);
  const errors = trackErrors(page);
  await playTutorial(page, '/#/marine?replicates=2&scenes=100&detectorMap=off&trained=off', 8, 120_000);
  expect(errors).toEqual([]);
});

test('the TrustLLM tutorial plays end to end and every step’s check holds', async ({ page }) => {
  // every step scores the shipped sample in milliseconds
  test.setTimeout(120_000);
  const errors = trackErrors(page);
  await playTutorial(page, '/#/trustllm', 6, 30_000);
  expect(errors).toEqual([]);
});
