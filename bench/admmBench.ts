// Time per ADMM iteration of the sparse-PCA SDP: the batched WGSL path (five kernels per iteration)
// against the f64 CPU path (admmTiming.ts, shared with the Node harness), for p ∈ {64, 128, 256} and
// B ∈ {1, 16, 64}. Runs in the browser page bench/index.html, driven by bench/run.mjs. Ratios are
// measured in one run on one machine.

import { log, pageOptions } from './benchPage';
import { timeAdmmRows, type AdmmRow } from './admmTiming';
import { ADMM_DEFAULTS } from './suiteOptions';
import { describeAdapter } from '../src/gpu/device';

declare global {
  interface Window {
    benchLog: (line: string) => void;
    benchResult?: { adapter: string; software: boolean; rows: AdmmRow[]; error?: string };
  }
}

async function main(): Promise<void> {
  const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('No WebGPU adapter: run Chromium with --enable-unsafe-webgpu or on a machine with a GPU');
  const description = describeAdapter(adapter);
  const device = await adapter.requestDevice({
    requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize },
  });
  log(`adapter: ${description.description}${description.software ? ' (SOFTWARE adapter: CPU emulation, timings are not a GPU’s)' : ''}`);
  const rows = await timeAdmmRows(device, pageOptions(ADMM_DEFAULTS), log);
  device.destroy();
  window.benchResult = { adapter: description.description, software: description.software, rows };
}

main().catch((err: unknown) => {
  window.benchResult = { adapter: 'unknown', software: true, rows: [], error: err instanceof Error ? err.message : String(err) };
  log(`error: ${String(err)}`);
});
