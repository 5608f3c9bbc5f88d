// The one way the playground runs a WGSL kernel from shaders/: a compute pipeline per kernel
// (cached per device), bind groups built from plain buffer lists, and a pool that owns every
// buffer it hands out so that nothing outlives a run.

export class GpuLimitError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'GpuLimitError';
  }
}

/** Throws a GpuLimitError naming the parameter when a request exceeds the device's limits. */
export function checkLimits(device: GPUDevice, field: string, request: { bufferBytes?: number; workgroups?: number }): void {
  const { maxStorageBufferBindingSize, maxComputeWorkgroupsPerDimension } = device.limits;
  if (request.bufferBytes !== undefined && request.bufferBytes > maxStorageBufferBindingSize) {
    throw new GpuLimitError(
      field,
      `${field}: needs a ${(request.bufferBytes / 2 ** 20).toFixed(1)} MiB buffer, above this GPU's limit of ${(maxStorageBufferBindingSize / 2 ** 20).toFixed(1)} MiB`,
    );
  }
  if (request.workgroups !== undefined && request.workgroups > maxComputeWorkgroupsPerDimension) {
    throw new GpuLimitError(field, `${field}: needs ${request.workgroups} workgroups, above this GPU's limit of ${maxComputeWorkgroupsPerDimension}`);
  }
}

const pipelineCache = new WeakMap<GPUDevice, Map<string, GPUComputePipeline>>();

export class ShaderCompileError extends Error {
  constructor(name: string, messages: readonly GPUCompilationMessage[]) {
    super(`WGSL kernel ${name} did not compile:\n${messages.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('\n')}`);
    this.name = 'ShaderCompileError';
  }
}

export class ComputeKernel {
  private constructor(
    private readonly device: GPUDevice,
    readonly name: string,
    readonly pipeline: GPUComputePipeline,
  ) {}

  /** Compiles (once per device) and reports WGSL errors as exceptions rather than silent no-ops. */
  static async create(device: GPUDevice, name: string, code: string): Promise<ComputeKernel> {
    let cache = pipelineCache.get(device);
    if (!cache) {
      cache = new Map();
      pipelineCache.set(device, cache);
    }
    let pipeline = cache.get(name);
    if (!pipeline) {
      const module = device.createShaderModule({ label: name, code });
      const errors = (await module.getCompilationInfo()).messages.filter((m) => m.type === 'error');
      if (errors.length > 0) throw new ShaderCompileError(name, errors);
      pipeline = await device.createComputePipelineAsync({ label: name, layout: 'auto', compute: { module, entryPoint: 'main' } });
      cache.set(name, pipeline);
    }
    return new ComputeKernel(device, name, pipeline);
  }

  /** Binds `buffers` to bindings 0, 1, … of group 0 and records one dispatch. */
  encode(encoder: GPUCommandEncoder, buffers: readonly GPUBuffer[], workgroups: readonly [number, number?, number?]): void {
    const bindGroup = this.device.createBindGroup({
      label: this.name,
      layout: this.pipeline.getBindGroupLayout(0),
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const pass = encoder.beginComputePass({ label: this.name });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(workgroups[0], workgroups[1] ?? 1, workgroups[2] ?? 1);
    pass.end();
  }
}

/** Splits a 1-D count of 256-thread workgroups over x and y to stay under the per-dimension limit. */
export function grid1d(device: GPUDevice, threads: number, workgroupSize = 256): [number, number] {
  const groups = Math.ceil(threads / workgroupSize);
  const maxX = device.limits.maxComputeWorkgroupsPerDimension;
  if (groups <= maxX) return [Math.max(1, groups), 1];
  const y = Math.ceil(groups / maxX);
  return [Math.ceil(groups / y), y];
}

/** GPU buffers created by any pool and not yet destroyed: a leak check for tests and the console. */
let liveGpuBuffers = 0;
export const liveGpuBufferCount = (): number => liveGpuBuffers;

/** Owns GPU buffers: reuses released ones of the same size and usage, destroys all at the end. */
export class BufferPool {
  private readonly free: GPUBuffer[] = [];
  private readonly live = new Set<GPUBuffer>();

  constructor(private readonly device: GPUDevice) {}

  get liveCount(): number {
    return this.live.size + this.free.length;
  }

  acquire(label: string, bytes: number, usage: GPUBufferUsageFlags): GPUBuffer {
    const size = Math.max(16, Math.ceil(bytes / 16) * 16);
    const index = this.free.findIndex((b) => b.size === size && b.usage === usage);
    let buffer: GPUBuffer;
    if (index >= 0) {
      buffer = this.free.splice(index, 1)[0];
    } else {
      buffer = this.device.createBuffer({ label, size, usage });
      liveGpuBuffers++;
    }
    this.live.add(buffer);
    return buffer;
  }

  storage(label: string, data: ArrayBufferView | number): GPUBuffer {
    const STORAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const bytes = typeof data === 'number' ? data : data.byteLength;
    const buffer = this.acquire(label, bytes, STORAGE);
    if (typeof data !== 'number') this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    return buffer;
  }

  uniform(label: string, data: ArrayBufferView): GPUBuffer {
    const buffer = this.acquire(label, data.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    return buffer;
  }

  release(buffer: GPUBuffer): void {
    if (this.live.delete(buffer)) this.free.push(buffer);
  }

  destroyAll(): void {
    liveGpuBuffers -= this.live.size + this.free.length;
    for (const b of this.live) b.destroy();
    for (const b of this.free) b.destroy();
    this.live.clear();
    this.free.length = 0;
  }
}

/** Copies a storage buffer back to the CPU (through a pooled staging buffer). */
export async function readBuffer(device: GPUDevice, pool: BufferPool, source: GPUBuffer, bytes = source.size): Promise<ArrayBuffer> {
  const staging = pool.acquire('readback', bytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
  const encoder = device.createCommandEncoder({ label: 'readback' });
  encoder.copyBufferToBuffer(source, 0, staging, 0, bytes);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ, 0, bytes);
  const copy = staging.getMappedRange(0, bytes).slice(0);
  staging.unmap();
  pool.release(staging);
  return copy;
}
