// One WebGPU device per browser test file (SwiftShader where there is no GPU).

import { afterAll, beforeAll } from 'vitest';

export function useTestDevice(): () => GPUDevice {
  let device: GPUDevice | undefined;
  beforeAll(async () => {
    const adapter = await navigator.gpu?.requestAdapter();
    if (!adapter) throw new Error('kernel tests need a WebGPU adapter (run Chromium with --enable-unsafe-webgpu)');
    device = await adapter.requestDevice();
  });
  afterAll(() => device?.destroy());
  return () => {
    if (!device) throw new Error('the test device is not ready');
    return device;
  };
}
