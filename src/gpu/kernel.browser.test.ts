// The kernel runner's caches: pipelines keyed by the shader source (not its name), bind groups
// reused for the same buffers and dropped with a destroyed buffer. Exact results (integers in f32).
import { describe, expect, it } from 'vitest';
import { BufferPool, ComputeKernel, ShaderCompileError, readBuffer } from './kernel';
import { useTestDevice } from '../testing/gpuDevice';

const testDevice = useTestDevice();

/** out[i] = 2·in[i] + offset, with the offset baked into the source. */
const affine = (offset: number): string => `
@group(0) @binding(0) var<storage, read> input: array<f32>;
@group(0) @binding(1) var<storage, read_write> output: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x < arrayLength(&output)) { output[id.x] = 2.0 * input[id.x] + ${offset.toFixed(1)}; }
}`;

async function run(device: GPUDevice, pool: BufferPool, kernel: ComputeKernel, input: GPUBuffer, output: GPUBuffer, count: number): Promise<number[]> {
  const encoder = device.createCommandEncoder();
  kernel.encode(encoder, [input, output], [Math.ceil(count / 64)]);
  device.queue.submit([encoder.finish()]);
  return Array.from(new Float32Array(await readBuffer(device, pool, output, count * 4)));
}

describe('ComputeKernel caches', () => {
  it('keys pipelines by source: one name with two codes gives two kernels, two names with one code share a pipeline', async () => {
    const device = testDevice();
    const pool = new BufferPool(device);
    try {
      const plusOne = await ComputeKernel.create(device, 'affine', affine(1));
      const plusTen = await ComputeKernel.create(device, 'affine', affine(10));
      const alias = await ComputeKernel.create(device, 'another name', affine(1));
      expect(plusTen.pipeline).not.toBe(plusOne.pipeline);
      expect(alias.pipeline).toBe(plusOne.pipeline);
      const input = pool.storage('input', new Float32Array([0, 1, 2, 3]));
      const output = pool.storage('output', 16);
      expect(await run(device, pool, plusOne, input, output, 4)).toEqual([1, 3, 5, 7]);
      expect(await run(device, pool, plusTen, input, output, 4)).toEqual([10, 12, 14, 16]);
    } finally {
      pool.destroyAll();
    }
  });

  it('reuses the bind group of the same buffers (same results on new data), makes a new one for another list, forgets destroyed buffers', async () => {
    const device = testDevice();
    const pool = new BufferPool(device);
    const kernel = await ComputeKernel.create(device, 'affine', affine(100));
    const [a, b, out] = [pool.storage('a', new Float32Array([1, 2, 3, 4])), pool.storage('b', new Float32Array([5, 6, 7, 8])), pool.storage('out', 16)];
    const first = kernel.bindGroup([a, out]);
    expect(kernel.bindGroup([a, out])).toBe(first);
    expect(kernel.bindGroup([b, out])).not.toBe(first);
    expect(kernel.bindGroup([out, a])).not.toBe(first);
    expect(kernel.cachedBindGroups).toBe(3);

    expect(await run(device, pool, kernel, a, out, 4)).toEqual([102, 104, 106, 108]);
    // the reused bind group reads what the buffer holds now
    device.queue.writeBuffer(a, 0, new Float32Array([-1, -2, -3, -4]));
    expect(await run(device, pool, kernel, a, out, 4)).toEqual([98, 96, 94, 92]);
    expect(kernel.bindGroup([a, out])).toBe(first);
    expect(await run(device, pool, kernel, b, out, 4)).toEqual([110, 112, 114, 116]);

    // released and acquired again, the same buffer keeps its bind group
    pool.release(a);
    const again = pool.storage('a again', new Float32Array([0, 0, 0, 1]));
    expect(again).toBe(a);
    expect(kernel.bindGroup([again, out])).toBe(first);
    expect(await run(device, pool, kernel, again, out, 4)).toEqual([100, 100, 100, 102]);

    expect(kernel.cachedBindGroups).toBe(3);
    pool.destroyAll();
    // a, b and out are destroyed, and with them every bind group on them
    expect(kernel.cachedBindGroups).toBe(0);

    const pool2 = new BufferPool(device);
    try {
      const [c, out2] = [pool2.storage('c', new Float32Array([4, 3, 2, 1])), pool2.storage('out', 16)];
      expect(kernel.bindGroup([c, out2])).not.toBe(first);
      expect(await run(device, pool2, kernel, c, out2, 4)).toEqual([108, 106, 104, 102]);
    } finally {
      pool2.destroyAll();
    }
  });

  it('reports a WGSL error as ShaderCompileError, and does not cache the failure', async () => {
    const device = testDevice();
    const broken = 'fn main() { let x: f32 = ; }';
    await expect(ComputeKernel.create(device, 'broken', broken)).rejects.toBeInstanceOf(ShaderCompileError);
    await expect(ComputeKernel.create(device, 'broken', broken)).rejects.toBeInstanceOf(ShaderCompileError);
  });
});
