// WebGPU adapter and device acquisition, with what the banner needs to say about it.

export type ComputePath = 'webgpu-hardware' | 'webgpu-software' | 'cpu';

export interface AdapterDescription {
  vendor: string;
  architecture: string;
  description: string;
  /** SwiftShader and other fallback adapters: correct numbers, CPU-emulated speed. */
  software: boolean;
}

export interface AcquiredDevice {
  device: GPUDevice;
  adapter: GPUAdapter;
  description: AdapterDescription;
}

export type NoAdapterReason = 'no-navigator-gpu' | 'no-adapter' | 'device-request-failed';

export function describeAdapter(adapter: GPUAdapter): AdapterDescription {
  const info = adapter.info;
  const architecture = info?.architecture ?? '';
  const vendor = info?.vendor ?? '';
  // the spec moved isFallbackAdapter from the adapter to its info (Dawn in Node has only the latter)
  const fallback = info?.isFallbackAdapter === true || (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  const software = fallback || /swiftshader|llvmpipe|lavapipe|software|warp/i.test(`${architecture} ${vendor} ${info?.description ?? ''}`);
  const description = [vendor, architecture, info?.description].filter((s) => s && s.length > 0).join(' · ') || 'unnamed adapter';
  return { vendor, architecture, description, software };
}

/**
 * Asks for an adapter and a device with the largest storage limits the adapter offers (the batched
 * kernels bind B·p² floats at once). Returns the reason instead of throwing when there is none.
 */
export async function acquireDevice(): Promise<AcquiredDevice | { reason: NoAdapterReason; detail: string }> {
  if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu) {
    return { reason: 'no-navigator-gpu', detail: 'This browser does not expose WebGPU (navigator.gpu is missing).' };
  }
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    return { reason: 'no-adapter', detail: `requestAdapter failed: ${String(err)}` };
  }
  if (!adapter) {
    return { reason: 'no-adapter', detail: 'WebGPU is present but the browser offered no GPU adapter.' };
  }
  try {
    const device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
        maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
      },
    });
    return { device, adapter, description: describeAdapter(adapter) };
  } catch (err) {
    return { reason: 'device-request-failed', detail: `requestDevice failed: ${String(err)}` };
  }
}
