// Every place where our WGSL kernels meet tfjs' WebGPU backend, and the only module that touches that
// backend's internals (src/gpu/backend.ts only registers it). Written against the versions in
// WRITTEN_AGAINST; tfjsInterop.browser.test.ts fails on any other version and exercises every
// assumption listed here, so an upgrade means re-reading backend_webgpu.js and buffer_manager.js
// of the new version against this list.
//
// One path, zero-copy: a kernel binds the tensors' own GPU buffers and writes into tfjs-owned
// output tensors (no dataToGPU copy, no readback). A buffer holds the tensor's *storage* dtype,
// which can differ from its dtype: tfjs' Cast from int32 or bool to float32 keeps the int32 buffer
// (its own shaders convert on load). A WGSL kernel cannot, so tensorBuffer checks the storage
// against what the kernel declares, and storedAs converts beforehand.
//
// Ordering without flushing: tfjs records its ops into one command encoder (inside an open compute
// pass) and submits it every WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE dispatches, or when data is read.
// encodeWithTfjs closes that pass and records our passes into the same encoder, so they run after
// every tfjs op issued before them and before every one issued after, and go to the GPU with tfjs'
// next submit: we never submit, nor force tfjs to.
//
// What keeps buffers alive until that submit (they must be neither destroyed nor handed out again
// while a recorded command still uses them):
// - the tensors we bind join tfjs' commandQueueOwnedIds, as its own programs' inputs and outputs do:
//   a tensor disposed before the submit then has its buffer released only after it
//   (tensorDataPendingDisposal);
// - temporaries come from tfjs' buffer manager and go on its uniformPendingDisposal list, which
//   submitQueue() hands back to the manager (for reuse, not destroyed) right after submitting. A
//   buffer on the manager's free list has no unsubmitted use, so filling one with
//   queue.writeBuffer (which takes effect before any unsubmitted command) is safe: the reasoning
//   tfjs applies to its own uniforms. It holds because in 4.22 every recorded use of a tensor's
//   buffer (runWebGPUProgram's inputs and output, the upload copies it triggers, and ours) puts the
//   tensor in commandQueueOwnedIds, so a disposed tensor's buffer reaches the free list only after
//   the submit.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { version as webgpuBackendVersion } from '@tensorflow/tfjs-backend-webgpu/package.json';
import type { BufferSource } from './kernel';

/** The versions whose internals this module was checked against (backend_webgpu.js, buffer_manager.js). */
export const WRITTEN_AGAINST = { 'tfjs-core': '4.22.0', 'tfjs-backend-webgpu': '4.22.0' } as const;

export function installedTfjsVersions(): { 'tfjs-core': string; 'tfjs-backend-webgpu': string } {
  return { 'tfjs-core': tf.version_core, 'tfjs-backend-webgpu': webgpuBackendVersion };
}

/** The internals of WebGPUBackend 4.22 used here: private there, so named and checked in one place. */
interface BackendInternals {
  device: GPUDevice;
  /** `dtype` here is the storage dtype: what the buffer holds. */
  tensorMap: { has(dataId: object): boolean; get(dataId: object): { resource?: unknown; dtype: tf.DataType } };
  bufferManager: { acquireBuffer(size: number, usage: GPUBufferUsageFlags): GPUBuffer };
  uploadToGPU(dataId: object): void;
  makeTensorInfo(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  /** Null between a submit and the next recorded command. */
  commandEncoder: GPUCommandEncoder | null;
  /** Replaced by a new set at every submit: read it afresh each time. */
  commandQueueOwnedIds: WeakSet<object>;
  /** Released to bufferManager (reused) right after the next submit. */
  uniformPendingDisposal: GPUBuffer[];
}

const checked = new WeakSet<object>();

/** Fails loudly, naming what to re-check, when a tfjs upgrade changed what this module relies on. */
function internals(backend: WebGPUBackend): BackendInternals {
  if (checked.has(backend)) return backend as unknown as BackendInternals;
  const b = backend as unknown as Record<string, unknown>;
  const methods = ['uploadToGPU', 'makeTensorInfo', 'ensureCommandEncoderReady', 'endComputePassEncoder'];
  const missing = [
    ...methods.filter((m) => typeof b[m] !== 'function'),
    ...(b.commandQueueOwnedIds instanceof WeakSet ? [] : ['commandQueueOwnedIds']),
    ...(Array.isArray(b.uniformPendingDisposal) ? [] : ['uniformPendingDisposal']),
    ...(typeof (b.bufferManager as { acquireBuffer?: unknown } | undefined)?.acquireBuffer === 'function' ? [] : ['bufferManager.acquireBuffer']),
    ...(typeof (b.tensorMap as { get?: unknown } | undefined)?.get === 'function' ? [] : ['tensorMap']),
    ...('commandEncoder' in b ? [] : ['commandEncoder']),
  ];
  if (missing.length > 0) {
    const installed = installedTfjsVersions()['tfjs-backend-webgpu'];
    throw new Error(
      `src/gpu/tfjsInterop.ts was written against @tensorflow/tfjs-backend-webgpu ${WRITTEN_AGAINST['tfjs-backend-webgpu']}; ` +
        `the installed ${installed} has no ${missing.join(', ')}: re-check the module's assumptions against backend_webgpu.js`,
    );
  }
  checked.add(backend);
  return backend as unknown as BackendInternals;
}

/** tfjs' active backend when it is WebGPU on `device` (the setup of src/gpu/backend.ts), else null. */
function webgpuBackendOn(device: GPUDevice): BackendInternals | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const backend = internals(tf.backend() as WebGPUBackend);
  return backend.device === device ? backend : null;
}

/** Whether tensors of the active tfjs backend can be bound into kernels made on `device`. */
export function tfjsSharesDevice(device: GPUDevice): boolean {
  return webgpuBackendOn(device) !== null;
}

/** What a kernel declares for a bound tensor: array<f32> or array<i32> (bool is stored as i32 0/1). */
export type KernelDtype = 'float32' | 'int32';

const wgslElement = (dtype: tf.DataType): string => (dtype === 'float32' ? 'f32' : dtype === 'int32' || dtype === 'bool' ? 'i32' : dtype);

/** The dtype of the values in the tensor's buffer on the active WebGPU backend. */
function storageDtype(backend: BackendInternals, tensor: tf.Tensor): tf.DataType {
  if (!backend.tensorMap.has(tensor.dataId)) throw new Error('tfjs interop: the tensor does not live on the WebGPU backend (made under another backend?)');
  return backend.tensorMap.get(tensor.dataId).dtype;
}

/**
 * `tensor` itself when its buffer holds `dtype` values, else a new tensor that does (the caller
 * disposes it). Call before encodeWithTfjs, whose body may not run tfjs ops. Off WebGPU, a cast.
 */
export function storedAs(tensor: tf.Tensor, dtype: KernelDtype): tf.Tensor {
  if (tf.getBackend() !== 'webgpu') return tensor.dtype === dtype ? tensor : tf.cast(tensor, dtype);
  const stored = storageDtype(internals(tf.backend() as WebGPUBackend), tensor);
  if (tensor.dtype === dtype && wgslElement(stored) === wgslElement(dtype)) return tensor;
  // int32 → float32 by cast alone would keep the int32 buffer (see the top); a multiply converts
  return tf.tidy(() => (dtype === 'float32' ? tf.mul(tf.cast(tensor, 'float32'), tf.scalar(1)) : tf.cast(tensor, 'int32')));
}

/** Temporaries from tfjs' buffer manager, handed back to it by its next submit (see the top of the file). */
class PendingScratch implements BufferSource {
  constructor(private readonly backend: BackendInternals) {}

  private acquire(bytes: number, usage: GPUBufferUsageFlags, data?: ArrayBufferView): GPUBuffer {
    // tfjs pools by exact (size, usage): rounding keeps the pool small and satisfies uniform sizing
    const buffer = this.backend.bufferManager.acquireBuffer(Math.max(16, Math.ceil(bytes / 16) * 16), usage);
    // queued at once, so that a throw while encoding still returns it
    this.backend.uniformPendingDisposal.push(buffer);
    if (data) this.backend.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    return buffer;
  }

  // usage flags read when used: GPUBufferUsage does not exist where WebGPU does not (Node, older browsers)
  storage(_label: string, data: ArrayBufferView | number): GPUBuffer {
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    return typeof data === 'number' ? this.acquire(data, usage) : this.acquire(data.byteLength, usage, data);
  }

  uniform(_label: string, data: ArrayBufferView): GPUBuffer {
    return this.acquire(data.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, data);
  }
}

/** What encodeWithTfjs hands its body: tfjs' encoder, and the buffers to bind in it. */
export interface TfjsEncoding {
  /** tfjs' own command encoder, no pass open: record whole passes (ComputeKernel.encode). */
  readonly encoder: GPUCommandEncoder;
  /** Temporaries valid for this encoding only (back to tfjs after its next submit). */
  readonly scratch: BufferSource;
  /**
   * The tensor's own buffer (uploaded first if its values are on the CPU): zero-copy, held until
   * the submit. `dtype` is what the kernel declares; a tensor stored otherwise is refused (storedAs).
   */
  tensorBuffer(tensor: tf.Tensor, dtype: KernelDtype): GPUBuffer;
  /** A new tfjs-owned tensor and its buffer, for a kernel to fill completely (it starts undefined). */
  newTensorWithBuffer<T extends tf.Tensor>(shape: number[], dtype: KernelDtype): { tensor: T; buffer: GPUBuffer };
}

function bufferOf(backend: BackendInternals, dataId: object): GPUBuffer {
  backend.uploadToGPU(dataId);
  const { resource } = backend.tensorMap.get(dataId);
  if (!(resource instanceof GPUBuffer)) throw new Error('tfjs interop: the tensor is not held in a GPU buffer (a texture, or an external resource)');
  return resource;
}

/**
 * Records `body`'s passes into tfjs' command queue, after every tfjs op issued so far and before
 * every later one, without submitting. Needs tfjs on the WebGPU backend built on `device`, the
 * device of the kernels the body records. The body must not run tfjs ops itself (one may submit
 * and finish the encoder it holds).
 */
export function encodeWithTfjs<T>(device: GPUDevice, body: (encoding: TfjsEncoding) => T): T {
  const backend = webgpuBackendOn(device);
  if (!backend) throw new Error(`tfjs interop: tfjs is not on the WebGPU backend of this device (active backend: ${tf.getBackend()})`);
  const hold = (dataId: object): GPUBuffer => {
    const buffer = bufferOf(backend, dataId);
    backend.commandQueueOwnedIds.add(dataId);
    return buffer;
  };
  // close tfjs' open compute pass: commands recorded from here on (ours, and uploads of CPU-side
  // values) follow its ops in the same encoder
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  const outputs: tf.Tensor[] = [];
  const encoding: TfjsEncoding = {
    encoder: backend.commandEncoder!,
    scratch: new PendingScratch(backend),
    tensorBuffer: (tensor, dtype) => {
      if (tensor.isDisposed) throw new Error('tfjs interop: the tensor is disposed');
      const stored = storageDtype(backend, tensor);
      if (wgslElement(stored) !== wgslElement(dtype)) {
        throw new Error(`tfjs interop: the kernel reads ${wgslElement(dtype)} but this ${tensor.dtype} tensor's buffer holds ${stored} values: pass it through storedAs(tensor, '${dtype}') first`);
      }
      return hold(tensor.dataId);
    },
    newTensorWithBuffer: <U extends tf.Tensor>(shape: number[], dtype: KernelDtype) => {
      const info = backend.makeTensorInfo(shape, dtype);
      const buffer = hold(info.dataId);
      const tensor = tf.engine().makeTensorFromTensorInfo(info, tf.backend()) as U;
      outputs.push(tensor);
      return { tensor, buffer };
    },
  };
  try {
    return body(encoding);
  } catch (error) {
    // the outputs would never be written: do not leave them to the caller
    tf.dispose(outputs);
    throw error;
  }
}

/**
 * Registers tfjs' WebGPU backend on our device (replacing an earlier one) and makes it current, so
 * that tfjs and our kernels share one device. Used by src/gpu/backend.ts and by the Node benchmark
 * (bench/node/main.ts) on a Dawn device. False when tfjs cannot start there.
 */
export async function startTfOnDevice(device: GPUDevice, adapter: GPUAdapter): Promise<boolean> {
  // imported when needed: importing the package registers a backend of its own, replaced here
  const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', () => new WebGPUBackend(device, adapter.info), 3);
  return tf.setBackend('webgpu');
}
