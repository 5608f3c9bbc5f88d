// The one bridge between tfjs' WebGPU backend and our kernels (tfjsInterop.ts), pinned to the tfjs
// version it was written against: exact results (small integers in f32), zero submits of our own,
// and no tensor, tfjs buffer or pool buffer left behind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initCompute } from './backend';
import { ComputeKernel, liveGpuBufferCount } from './kernel';
import { encodeWithTfjs, installedTfjsVersions, storedAs, tfjsSharesDevice, WRITTEN_AGAINST } from './tfjsInterop';

/** out[i] = 2·in[i] + 1 */
const AFFINE = `
@group(0) @binding(0) var<storage, read> input: array<f32>;
@group(0) @binding(1) var<storage, read_write> output: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x < arrayLength(&output)) { output[id.x] = 2.0 * input[id.x] + 1.0; }
}`;

let device: GPUDevice;
let affine: ComputeKernel;

beforeAll(async () => {
  const compute = await initCompute();
  if (!compute.device) throw new Error(`this test needs WebGPU: ${compute.info.reason}`);
  device = compute.device;
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  affine = await ComputeKernel.create(device, 'interop affine', AFFINE);
});

/** Our kernel on a tfjs tensor, into a new tfjs tensor, recorded in tfjs' queue. */
function affineOp(x: tf.Tensor1D): tf.Tensor1D {
  return encodeWithTfjs(device, (gpu) => {
    const out = gpu.newTensorWithBuffer<tf.Tensor1D>(x.shape, 'float32');
    affine.encode(gpu.encoder, [gpu.tensorBuffer(x, 'float32'), out.buffer], [Math.ceil(x.size / 64)]);
    return out.tensor;
  });
}

/** Counts device.queue.submit calls while `fn` runs. */
async function countSubmits(fn: () => Promise<void>): Promise<number> {
  const queue = device.queue;
  const submit = queue.submit.bind(queue);
  let count = 0;
  queue.submit = (buffers: Iterable<GPUCommandBuffer>) => {
    count++;
    submit(buffers);
  };
  try {
    await fn();
  } finally {
    delete (queue as Partial<GPUQueue>).submit; // back to the prototype's method
  }
  return count;
}

const gpuBytesInUse = (): number => (tf.memory() as tf.MemoryInfo & { numBytesInGPU: number }).numBytesInGPU;

describe('tfjs interop (src/gpu/tfjsInterop.ts)', () => {
  it('runs against the tfjs version it was written for', () => {
    expect(
      installedTfjsVersions(),
      'tfjs was upgraded: re-check the assumptions listed at the top of src/gpu/tfjsInterop.ts against the new ' +
        '@tensorflow/tfjs-backend-webgpu (backend_webgpu.js: commandQueueOwnedIds, uniformPendingDisposal, submitQueue, ' +
        'uploadToGPU; buffer_manager.js), run this file, then update WRITTEN_AGAINST',
    ).toEqual(WRITTEN_AGAINST);
    expect(tfjsSharesDevice(device)).toBe(true);
  });

  it('binds a tensor’s own buffer (no copy), uploading CPU-side values first', async () => {
    const fresh = tf.tensor1d([0, 1, 2, 3, 4]); // values still on the CPU side
    const y = affineOp(fresh);
    expect(Array.from(await y.data())).toEqual([1, 3, 5, 7, 9]);
    const view = fresh.reshape([5, 1]);
    const buffers = encodeWithTfjs(device, (gpu) => [gpu.tensorBuffer(fresh, 'float32'), gpu.tensorBuffer(view, 'float32'), gpu.tensorBuffer(fresh, 'float32')]);
    // a reshape shares the data: the same buffer, not a copy
    expect(buffers[1]).toBe(buffers[0]);
    expect(buffers[2]).toBe(buffers[0]);
    tf.dispose([fresh, view, y]);
  });

  it('refuses a tensor whose buffer holds another dtype (tfjs casts int32 to float32 in name only), and storedAs converts it', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const ints = tf.tensor1d([0, 1, 2, 3], 'int32');
    const cast = tf.cast(ints, 'float32') as tf.Tensor1D;
    expect(() => affineOp(cast)).toThrow(/holds int32 values/);
    expect(tf.memory().numTensors).toBe(tensorsBefore + 2); // the refused call's output was disposed
    const floats = storedAs(cast, 'float32') as tf.Tensor1D;
    expect(floats).not.toBe(cast);
    expect(storedAs(floats, 'float32')).toBe(floats);
    const y = affineOp(floats);
    expect(Array.from(await y.data())).toEqual([1, 3, 5, 7]);
    // and the other way: int32 storage from float32 values
    const reals = tf.tensor1d([2.7, -1.2]);
    const backToInt = storedAs(reals, 'int32');
    expect(backToInt.dtype).toBe('int32');
    expect(Array.from(await backToInt.data())).toEqual([2, -1]);
    tf.dispose([ints, cast, floats, y, reals, backToInt]);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('orders tfjs op → our kernel → tfjs op without a flush, and tfjs reads our output', async () => {
    const x = tf.tensor1d(Float32Array.from({ length: 100 }, (_, i) => i));
    await x.data(); // settle the upload: from here on only the chain below is pending
    let result: Float32Array | undefined;
    const submits = await countSubmits(async () => {
      const z = tf.tidy(() => tf.mul(affineOp(tf.add(x, 1) as tf.Tensor1D), 3));
      const read = z.data(); // tfjs' own flush, once, for the read
      result = (await read) as Float32Array;
      z.dispose();
    });
    expect(Array.from(result!)).toEqual(Array.from({ length: 100 }, (_, i) => 3 * (2 * (i + 1) + 1)));
    expect(submits).toBe(1);
    x.dispose();
  });

  it('keeps a bound tensor’s buffer until the submit even when the tensor is disposed before it', async () => {
    const x = tf.tensor1d(Float32Array.from({ length: 16 }, (_, i) => i));
    // upload x and submit, so that below only our binding holds its buffer (tfjs' own ops would too)
    const warm = affineOp(x);
    await warm.data();
    warm.dispose();
    const y = affineOp(x);
    x.dispose(); // before any submit: released early, its buffer could be handed out and overwritten below
    // a same-size temporary written at once with queue.writeBuffer, which runs before every unsubmitted command
    encodeWithTfjs(device, (gpu) => gpu.scratch.storage('clobber', new Float32Array(16).fill(-1000)));
    const garbage = tf.tidy(() => tf.fill([16], 7));
    expect(Array.from(await y.data())).toEqual(Array.from({ length: 16 }, (_, i) => 2 * i + 1));
    tf.dispose([y, garbage]);
  });

  it('leaves no tensor, tfjs buffer or pool buffer behind, and reuses its temporaries', async () => {
    const x = tf.tensor1d(Float32Array.from({ length: 256 }, (_, i) => i % 7));
    await tf.tidy(() => affineOp(x)).data(); // warm: the readback staging buffer, the pipeline's first bind groups
    const tensorsBefore = tf.memory().numTensors;
    const poolBuffersBefore = liveGpuBufferCount();
    const bytesBefore = gpuBytesInUse();
    const allocated: number[] = [];
    for (let i = 0; i < 5; i++) {
      const y = tf.tidy(() => {
        const z = encodeWithTfjs(device, (gpu) => {
          const out = gpu.newTensorWithBuffer<tf.Tensor1D>(x.shape, 'float32');
          const input = gpu.scratch.storage('input', new Float32Array(256).fill(i));
          gpu.scratch.uniform('unused uniform', new Uint32Array(4));
          affine.encode(gpu.encoder, [input, out.buffer], [4]);
          return out.tensor;
        });
        return tf.add(z, affineOp(x));
      });
      const values = await y.data();
      expect(values[10]).toBe(2 * i + 1 + 2 * (10 % 7) + 1);
      y.dispose();
      allocated.push((tf.memory() as tf.MemoryInfo & { numBytesAllocatedInGPU: number }).numBytesAllocatedInGPU);
    }
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(liveGpuBufferCount()).toBe(poolBuffersBefore);
    expect(gpuBytesInUse()).toBe(bytesBefore);
    // temporaries went back to tfjs' pool and were taken again: no growth after the first round
    expect(allocated.slice(1)).toEqual(allocated.slice(1).map(() => allocated[1]));
    x.dispose();
  });

  it('refuses kernels of another device', async () => {
    const adapter = await navigator.gpu.requestAdapter();
    const other = await adapter!.requestDevice();
    expect(tfjsSharesDevice(other)).toBe(false);
    expect(() => encodeWithTfjs(other, () => 0)).toThrow(/not on the WebGPU backend of this device/);
    other.destroy();
  });
});
