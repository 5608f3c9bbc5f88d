// WebGPU in Node through the `webgpu` package (Dawn): the same `navigator.gpu` and GPU* globals
// that the playground's browser code (src/gpu/, tfjs' webgpu backend) expects.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The directory of this platform's dawn.node inside the `webgpu` package (as its index.js picks it). */
export function dawnDirectory(): string {
  const index = createRequire(import.meta.url).resolve('webgpu');
  const arch = process.platform === 'darwin' ? 'universal' : process.arch;
  return join(dirname(index), 'dist', `${process.platform}-${arch}`);
}

/**
 * Loads Dawn and installs `navigator.gpu` plus the WebGPU globals (GPUBufferUsage, GPUMapMode,
 * GPUBuffer, …). Imported lazily: the Vulkan variables must be set before Dawn starts.
 * `dawnFlags`: Dawn options such as backend=vulkan or adapter=<name> (see the package's README).
 */
export async function installDawn(dawnFlags: readonly string[]): Promise<GPU> {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const gpu = create([...dawnFlags]);
  // tfjs reads navigator.userAgent while it starts (mobile detection)
  Object.defineProperty(globalThis, 'navigator', { value: { gpu, userAgent: `Node.js ${process.version}` }, configurable: true, writable: true });
  return gpu;
}
