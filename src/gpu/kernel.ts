// The one way the playground runs a WGSL kernel from shaders/: a compute pipeline per shader source
// (cached per device), bind groups built from plain buffer lists (cached per pipeline while their
// buffers live), and a pool that owns every buffer it hands out so that nothing outlives a run.

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

export class ShaderCompileError extends Error {
  constructor(name: string, messages: readonly GPUCompilationMessage[]) {
    super(`WGSL kernel ${name} did not compile:\n${messages.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('\n')}`);
    this.name = 'ShaderCompileError';
  }
}

/** Anything that hands out the buffers of one encoding: a BufferPool, or tfjs' own allocator (tfjsInterop.ts). */
export interface BufferSource {
  storage(label: string, data: ArrayBufferView | number): GPUBuffer;
  uniform(label: string, data: ArrayBufferView): GPUBuffer;
}

// Bind groups are cached by the identities of the buffers they bind. A bind group stays valid as
// long as its buffers are not destroyed (whatever they now hold: it binds the buffer, not its
// contents), so a pool's release/acquire round trip keeps it; destroying a buffer must drop every
// bind group on it (forgetBindGroups). Buffers destroyed elsewhere (tfjs' own pool, on backend
// disposal) can never be bound again, so their entries are never hit and age out of the LRU.

/** Ids never reused, so that a key made of ids cannot name a destroyed buffer's successor. */
const bufferIds = new WeakMap<GPUBuffer, number>();
let lastBufferId = 0;
function bufferId(buffer: GPUBuffer): number {
  let id = bufferIds.get(buffer);
  if (id === undefined) {
    id = ++lastBufferId;
    bufferIds.set(buffer, id);
  }
  return id;
}

/** Per buffer, the caches that may hold a bind group on it (a superset: eviction does not prune it). */
const cachesHolding = new WeakMap<GPUBuffer, Set<BindGroupCache>>();

/** Drops every cached bind group that binds `buffer`: call before destroying it. */
export function forgetBindGroups(buffer: GPUBuffer): void {
  const caches = cachesHolding.get(buffer);
  if (!caches) return;
  for (const cache of caches) cache.forget(buffer);
  cachesHolding.delete(buffer);
}

/** The bind groups of one pipeline (an 'auto' layout belongs to its pipeline), least recently used first. */
class BindGroupCache {
  static readonly capacity = 64;
  private readonly entries = new Map<string, { group: GPUBindGroup; buffers: readonly GPUBuffer[] }>();

  get size(): number {
    return this.entries.size;
  }

  lookup(buffers: readonly GPUBuffer[], make: () => GPUBindGroup): GPUBindGroup {
    const key = buffers.map(bufferId).join(',');
    const hit = this.entries.get(key);
    if (hit) {
      // re-insert: Map order is the recency order
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.group;
    }
    const group = make();
    this.entries.set(key, { group, buffers: [...buffers] });
    for (const buffer of buffers) {
      let caches = cachesHolding.get(buffer);
      if (!caches) cachesHolding.set(buffer, (caches = new Set()));
      caches.add(this);
    }
    if (this.entries.size > BindGroupCache.capacity) this.entries.delete(this.entries.keys().next().value!);
    return group;
  }

  forget(buffer: GPUBuffer): void {
    for (const [key, entry] of this.entries) if (entry.buffers.includes(buffer)) this.entries.delete(key);
  }
}

interface CompiledKernel {
  pipeline: GPUComputePipeline;
  bindGroups: BindGroupCache;
}

/**
 * Per device, keyed by the WGSL source itself: two kernels that share a name but not their code
 * (an edited shader, a variant built from a template) must not share a pipeline, and two names for
 * the same code may. The promise is cached so that concurrent creates compile once.
 */
const pipelineCache = new WeakMap<GPUDevice, Map<string, Promise<CompiledKernel>>>();

async function compile(device: GPUDevice, name: string, code: string): Promise<CompiledKernel> {
  const module = device.createShaderModule({ label: name, code });
  const errors = (await module.getCompilationInfo()).messages.filter((m) => m.type === 'error');
  if (errors.length > 0) throw new ShaderCompileError(name, errors);
  const pipeline = await device.createComputePipelineAsync({ label: name, layout: 'auto', compute: { module, entryPoint: 'main' } });
  return { pipeline, bindGroups: new BindGroupCache() };
}

function compiled(device: GPUDevice, name: string, code: string): Promise<CompiledKernel> {
  let cache = pipelineCache.get(device);
  if (!cache) pipelineCache.set(device, (cache = new Map()));
  let entry = cache.get(code);
  if (!entry) {
    const pending = compile(device, name, code);
    cache.set(code, pending);
    // a failed compile is not cached: the caller sees the error, a later create tries again
    pending.catch(() => cache.get(code) === pending && cache.delete(code));
    entry = pending;
  }
  return entry;
}

export class ComputeKernel {
  private constructor(
    private readonly device: GPUDevice,
    readonly name: string,
    readonly pipeline: GPUComputePipeline,
    private readonly bindGroups: BindGroupCache,
  ) {}

  /** Compiles (once per device and source) and reports WGSL errors as exceptions rather than silent no-ops. */
  static async create(device: GPUDevice, name: string, code: string): Promise<ComputeKernel> {
    const { pipeline, bindGroups } = await compiled(device, name, code);
    return new ComputeKernel(device, name, pipeline, bindGroups);
  }

  /** The bind group of `buffers` at bindings 0, 1, … of group 0: the cached one when the same buffers come again. */
  bindGroup(buffers: readonly GPUBuffer[]): GPUBindGroup {
    return this.bindGroups.lookup(buffers, () =>
      this.device.createBindGroup({
        label: this.name,
        layout: this.pipeline.getBindGroupLayout(0),
        entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
      }),
    );
  }

  /** How many bind groups this kernel's pipeline holds (for tests). */
  get cachedBindGroups(): number {
    return this.bindGroups.size;
  }

  /** Binds `buffers` to bindings 0, 1, … of group 0 and records one dispatch. */
  encode(encoder: GPUCommandEncoder, buffers: readonly GPUBuffer[], workgroups: readonly [number, number?, number?]): void {
    const pass = encoder.beginComputePass({ label: this.name });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup(buffers));
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
export class BufferPool implements BufferSource {
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

  /** Back to the free list; bind groups on it stay cached (they stay valid until it is destroyed). */
  release(buffer: GPUBuffer): void {
    if (this.live.delete(buffer)) this.free.push(buffer);
  }

  destroyAll(): void {
    liveGpuBuffers -= this.live.size + this.free.length;
    for (const b of [...this.live, ...this.free]) {
      forgetBindGroups(b);
      b.destroy();
    }
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
