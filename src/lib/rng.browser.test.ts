// The WGSL generator (shaders/rng.wgsl, exercised by shaders/rng_fill.wgsl) must draw exactly the
// numbers of src/lib/rng.ts: tolerance 0 (bit-identical u32s and 24-bit uniforms).
import { expect, it } from 'vitest';
import { BufferPool, ComputeKernel, readBuffer } from '../gpu/kernel';
import { shaders } from '../gpu/shaders';
import { deriveKey, hashU32, hashUniform01, RngStream } from './rng';

import { useTestDevice } from '../testing/gpuDevice';

const testDevice = useTestDevice();

it('rng_fill.wgsl reproduces hashU32 and hashUniform01 bit for bit', async () => {
  const device = testDevice();
  const kernel = await ComputeKernel.create(device, 'rng_fill', shaders.rng_fill);
  const pool = new BufferPool(device);
  try {
    const count = 4096;
    for (const key of [0, 1, deriveKey(RngStream.fromSeed(7).key, 'sampling'), 0xffffffff]) {
      const offset = 123456789;
      const uniforms = pool.uniform('params', new Uint32Array([key, offset, count, 0]));
      const bits = pool.storage('bits', count * 4);
      const floats = pool.storage('uniforms', count * 4);
      const encoder = device.createCommandEncoder();
      kernel.encode(encoder, [uniforms, bits, floats], [Math.ceil(count / 64)]);
      device.queue.submit([encoder.finish()]);
      const gpuBits = new Uint32Array(await readBuffer(device, pool, bits));
      const gpuFloats = new Float32Array(await readBuffer(device, pool, floats));
      for (let i = 0; i < count; i++) {
        expect(gpuBits[i]).toBe(hashU32(key, offset + i));
        expect(gpuFloats[i]).toBe(hashUniform01(key, offset + i));
      }
      pool.release(uniforms);
      pool.release(bits);
      pool.release(floats);
    }
  } finally {
    pool.destroyAll();
  }
});
