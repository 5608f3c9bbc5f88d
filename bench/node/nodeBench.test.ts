// The Node harness end to end at a tiny size: bundled, run on Dawn (Chromium's SwiftShader here, a
// GPU where there is one), every kernel's output within its tolerance of the plain-TypeScript
// reference, and a row per configuration in each suite. Timings are printed, never asserted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KernelCheck } from './checks';
import { dawnDirectory } from './dawnGpu';
import { SWIFTSHADER_ICD, planVulkan } from './vulkan';

const driver = process.platform === 'linux' ? planVulkan(dawnDirectory()).driver : 'platform default';
const noDriver = driver === 'none';

describe('bench/node: raw WGSL kernels in Node through Dawn', () => {
  it.skipIf(noDriver)(
    noDriver ? `skipped: no Vulkan driver (no GPU ICD file, no ${SWIFTSHADER_ICD} from Debian's chromium package)` : `agree with their references at a tiny size (Vulkan driver: ${driver})`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'node-bench-'));
      const json = join(dir, 'result.json');
      const run = spawnSync(process.execPath, ['bench/node/launch.mjs', '--b=2', '--l=16', '--v=9', '--t=8', '--p=12', '--budgetMs=1', `--json=${json}`], { encoding: 'utf8', timeout: 50_000 });
      const written = run.status === 0 ? readFileSync(json, 'utf8') : '';
      rmSync(dir, { recursive: true, force: true });
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(run.stdout).toMatch(/^adapter: /m);
      const result = JSON.parse(written) as { adapter: { software: boolean }; checks: KernelCheck[]; denoise: unknown[]; loss: unknown[]; admm: unknown[] };
      expect(result.checks.map((c) => c.kernel)).toHaveLength(5);
      for (const c of result.checks) expect(c, c.kernel).toMatchObject({ ok: true, mismatches: 0 });
      if (driver === 'swiftshader') expect(result.adapter.software).toBe(true);
      expect([result.denoise.length, result.loss.length, result.admm.length]).toEqual([1, 1, 1]);
    },
    60_000,
  );
});
