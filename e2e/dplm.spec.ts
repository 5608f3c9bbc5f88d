import { expect, test } from '@playwright/test';
import { runDemo, trackErrors, waitForRunDone } from './helpers';
import type { DplmResults } from '../src/demos/dplm/experiment';

/**
 * Every part at a small size: 2 replicates of 2 sequences, 2 held-out chains, 12 probe chains. The
 * defaults' run is the precomputed first screen (tied to the code by scripts/precomputed.test.ts)
 * and `npm run claims` runs it at 5 seed roots; here the claims must exist with their kinds and
 * spread, the sanity rows must pass, and each paper row reports either way.
 */
const SMALL = { length: 20, samples: 2, replicates: 2, steps: 25, target: 'typed', targetSs: 'CHHHHHHHHHHHHHHC', scaffoldLength: 32, motif: 'KVADA/HAHKL', motifStarts: '6,20', structureChains: 2, probeChains: 12, foldSteps: 40 };

test.describe('DPLM (software WebGPU adapter here)', () => {
  test('window.playground.run("dplm", small) runs every part and returns its claims with kinds and spread', async ({ page }) => {
    test.setTimeout(300_000);
    const errors = trackErrors(page);
    await page.goto('/');
    const results = await runDemo<DplmResults>(page, 'dplm', SMALL);
    expect(results.claims.map((c) => `${c.kind}:${c.id}`)).toEqual([
      'paper:guidance-raises-ss-agreement',
      'paper:adapter-recovery',
      'paper:probe-dplm-vs-mlm',
      'paper:gumbel-resampling-fewer-repeats',
      'limit:guidance-composition-drift',
      'limit:adapter-not-above-lookup',
      'sanity:motif-preserved',
      'sanity:nfe-distinct-k',
    ]);
    for (const c of results.claims.filter((c) => c.kind === 'paper')) expect(c.spread?.replicates, c.id).toBe(2);
    for (const c of results.claims.filter((c) => c.kind === 'sanity')) expect(c.passed, `${c.id}: ${c.note}`).toBe(true);
    expect(results.backend.path).toBe('webgpu-software');
    expect(results.timing.label).toMatch(/CPU \(tfjs (wasm|cpu)\)/);
    expect(errors).toEqual([]);
  });

  test('on WebGPU the fused step decodes in place, and a scaffold comes out of the masks around its motif', async ({ page }) => {
    // the software adapter emulates the GPU on the CPU, several seconds a call at 160 positions: one
    // replicate of motif scaffolding with 4 free residues (a 20-residue scaffold, the shortest there
    // is, around 16 motif residues) wires the fused step into the run;
    // src/demos/dplm/networks.browser.test.ts holds it to the TypeScript step on every kind of logits
    test.setTimeout(420_000);
    const errors = trackErrors(page);
    await page.goto('/#/dplm?samples=2&replicates=1&steps=20&unconditional=off&guidance=off&structure=off&probe=off&scaffoldLength=20&motif=KKVADAGH/HAHKLRVD&motifStarts=2,12&linkerJitter=1&network=webgpu');
    // every value of the link is taken (a refused one would fall back to the default 141-residue scaffold)
    await expect(page.getByTestId('param-issues')).toHaveCount(0);
    await waitForRunDone(page, 400_000);
    await expect(page.getByTestId('claim-fused-step-matches-reference')).toHaveAttribute('data-passed', 'true');
    await expect(page.getByTestId('claim-nfe-distinct-k')).toHaveAttribute('data-passed', 'true');
    await expect(page.getByTestId('claim-motif-preserved')).toHaveAttribute('data-passed', 'true');
    await expect(page.locator('.notes')).toContainText('fused WGSL kernel');
    await expect(page.getByTestId('dplm-motif-samples').locator('p.sequence').first()).toHaveAttribute('aria-label', /KVADAGH.*HAHKLRVD/);
    expect(await page.evaluate(() => window.playground.debug.liveGpuBuffers())).toBe(0);
    expect(errors).toEqual([]);
  });

  test('the motif track follows segment starts typed before any run, and an arrow key moves a segment into the link', async ({ page }) => {
    const errors = trackErrors(page);
    await page.goto('/#/dplm');
    await page.getByTestId('cancel').click();
    const first = page.getByTestId('motif-segment-1');
    await expect(first).toHaveAttribute('aria-valuenow', '51');
    const starts = page.locator('#param-motifStarts');
    await starts.fill('10,40');
    await starts.press('Enter');
    await expect(first).toHaveAttribute('aria-valuenow', '10');
    await expect(page.getByTestId('motif-segment-2')).toHaveAttribute('aria-valuenow', '40');
    await first.focus();
    await first.press('ArrowRight');
    await expect(first).toHaveAttribute('aria-valuenow', '11');
    await expect(starts).toHaveValue('11,40');
    await expect(page).toHaveURL(/motifStarts=11(%2C|,)40/);
    expect(errors).toEqual([]);
  });

  test('bad input is named and nothing runs: letters outside the 20 amino acids, overlapping segments, an empty target', async ({ page }) => {
    const errors = trackErrors(page);
    await page.goto('/#/dplm?motifStarts=51,55');
    await expect(page.getByTestId('param-issues')).toContainText('segments 1 and 2 overlap');
    await page.getByTestId('cancel').click();
    const motif = page.locator('#param-motif');
    await motif.fill('GSAQXK/SALSBL');
    await motif.press('Enter');
    await expect(page.getByTestId('param-motif-error')).toContainText('"X" at 5; "B" at 11');
    await page.locator('#param-target').selectOption('typed');
    await expect(page.getByTestId('param-target-error')).toContainText('Typed target: is empty');
    await expect(page.locator('#param-target')).toHaveValue('all-alpha');
    expect(errors).toEqual([]);
  });

  test('a missing weight file gives a message that names it', async ({ page }) => {
    await page.route('**/weights/dplm-structure-adapter/weights.bin', (route) => route.fulfill({ status: 404, body: 'not here' }));
    await page.goto('/#/dplm?length=16&samples=2&replicates=1&steps=20&motifPart=off&guidance=off&structure=off&probe=off');
    await expect(page.getByTestId('run-error')).toContainText('dplm-structure-adapter/weights.bin answered HTTP 404');
  });
});
