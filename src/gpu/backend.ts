// Backend choice for the whole playground: WebGPU (our own device, shared with tfjs) → wasm → cpu.
// The decision follows what `tf.setBackend` *returns*: with no adapter it returns false while
// `tf.getBackend()` still says 'webgpu' (see docs/TESTING.md).

import type { ComputeState } from '../lib/demo';
import { acquireDevice } from './device';

export type { ComputeState };

export interface InitOptions {
  /** Skip WebGPU even if present (the "force CPU" switch, and tests). */
  forceCpu?: boolean;
  /** Called once if the device is lost later (driver reset, GPU removed, destroy()). */
  onDeviceLost?: (message: string) => void;
}

type Tf = typeof import('@tensorflow/tfjs');

let tfPromise: Promise<Tf> | null = null;
const loadTf = (): Promise<Tf> => (tfPromise ??= import('@tensorflow/tfjs'));

let current: ComputeState | null = null;
let retiring: GPUDevice | null = null;

let wasmPathsSet = false;

async function setCpuBackend(tf: Tf): Promise<string> {
  try {
    if (!wasmPathsSet) {
      const [{ setWasmPaths }, plain, simd, threaded] = await Promise.all([
        import('@tensorflow/tfjs-backend-wasm'),
        import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
        import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
        import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'),
      ]);
      setWasmPaths({
        'tfjs-backend-wasm.wasm': plain.default,
        'tfjs-backend-wasm-simd.wasm': simd.default,
        'tfjs-backend-wasm-threaded-simd.wasm': threaded.default,
      });
      wasmPathsSet = true;
    }
    if (await tf.setBackend('wasm')) return 'wasm';
  } catch {
    // fall through to the pure-JS backend
  }
  if (await tf.setBackend('cpu')) return 'cpu';
  throw new Error('No tfjs backend could be initialised (webgpu, wasm and cpu all failed).');
}

/**
 * One tfjs run at a time: a cancelled run still holds the backend until its current network call
 * ends, and a run that switches backends must not interleave with the next one's switch.
 */
let tfLease: Promise<void> = Promise.resolve();

export async function exclusiveTf<T>(fn: () => Promise<T>): Promise<T> {
  const prior = tfLease;
  let release!: () => void;
  tfLease = new Promise<void>((resolve) => (release = resolve));
  await prior;
  try {
    return await fn();
  } finally {
    release();
  }
}

/**
 * Runs `fn` with tfjs on the CPU (wasm, else cpu) and restores the previous backend afterwards,
 * holding the tfjs lease throughout. For work that a software WebGPU adapter would only emulate,
 * more slowly, on the same CPU.
 */
export function withCpuBackend<T>(fn: (tfBackend: string) => Promise<T>): Promise<T> {
  return exclusiveTf(async () => {
    const tf = await loadTf();
    const previous = tf.getBackend();
    const name = await setCpuBackend(tf);
    try {
      return await fn(name);
    } finally {
      if (previous && previous !== name) await tf.setBackend(previous);
    }
  });
}

/** Where a demo's tfjs network runs: 'auto' takes the GPU only when it is a hardware one. */
export type NetworkChoice = 'auto' | 'webgpu' | 'cpu';

export interface TfPlacement {
  /** The WebGPU device tfjs runs on, or null when tfjs runs on the CPU. */
  device: GPUDevice | null;
  /** For the results' timing label: where it ran, and what its timings mean. */
  label: string;
}

/** Whether `choice` puts the network on tfjs's WebGPU backend (else on the CPU: wasm, or cpu). */
export function networkOnGpu(choice: NetworkChoice, env: Pick<ComputeState, 'info' | 'device'>): boolean {
  if (choice === 'webgpu' && env.device === null) throw new Error('network = webgpu was asked for, but this browser has no WebGPU adapter: choose auto or cpu');
  return env.device !== null && (choice === 'webgpu' || (choice === 'auto' && !env.info.software));
}

/**
 * Runs `fn` holding the tfjs lease, on the backend that `choice` picks: WebGPU, the CPU path's
 * backend, or (a software adapter under 'auto') wasm for the duration, restored afterwards. A
 * software adapter emulates the GPU on the same CPU, more slowly than the CPU itself.
 */
export function onChosenTfBackend<T>(choice: NetworkChoice, env: Pick<ComputeState, 'info' | 'device'>, fn: (where: TfPlacement) => Promise<T>): Promise<T> {
  if (networkOnGpu(choice, env)) {
    const label = env.info.software ? 'WebGPU on a software adapter: correctness-only timings, not GPU speed' : `WebGPU (${env.info.adapter ?? 'GPU'})`;
    return exclusiveTf(() => fn({ device: env.device, label }));
  }
  // the label says what the page offered (a worker runs on the CPU with no device of its own)
  const cpuLabel = (tfBackend: string) =>
    env.info.path === 'cpu' ? `CPU path (tfjs ${tfBackend})` : `CPU (tfjs ${tfBackend})${env.info.software ? ': this WebGPU adapter is a software emulation, slower than the CPU itself' : ''}`;
  if (env.device === null) return exclusiveTf(async () => fn({ device: null, label: cpuLabel((await loadTf()).getBackend()) }));
  return withCpuBackend((tfBackend) => fn({ device: null, label: cpuLabel(tfBackend) }));
}

/** tfjs on the CPU (wasm, else cpu), for a Web Worker that runs a demo's network (src/lib/workerRun.ts). */
export async function startCpuTf(): Promise<string> {
  return setCpuBackend(await loadTf());
}

export async function initCompute(options: InitOptions = {}): Promise<ComputeState> {
  const tf = await loadTf();
  if (current?.device) {
    retiring = current.device;
    current.device.destroy();
  }
  current = null;
  let reason: string;
  if (!options.forceCpu) {
    const acquired = await acquireDevice();
    if ('device' in acquired) {
      const { device, adapter, description } = acquired;
      // loaded here, not at the top: the interop module brings tfjs, which the gallery never loads
      const { startTfOnDevice } = await import('./tfjsInterop');
      if (await startTfOnDevice(device, adapter)) {
        device.lost.then((info) => {
          if (retiring === device) return;
          options.onDeviceLost?.(info.message || `GPU device lost (${info.reason})`);
        });
        current = {
          device,
          info: {
            path: description.software ? 'webgpu-software' : 'webgpu-hardware',
            tfBackend: 'webgpu',
            adapter: description.description,
            software: description.software,
            reason: description.software
              ? 'WebGPU is running on a software adapter (CPU emulation): results are exact, speeds are not a GPU’s.'
              : 'WebGPU is running on your GPU.',
          },
        };
        return current;
      }
      device.destroy();
      reason = 'WebGPU was found but tfjs could not start on it (setBackend returned false).';
    } else {
      reason = acquired.detail;
    }
  } else {
    reason = 'The CPU path was chosen explicitly.';
  }
  const tfBackend = await setCpuBackend(tf);
  current = { device: null, info: { path: 'cpu', tfBackend, adapter: null, software: false, reason } };
  return current;
}

export function currentCompute(): ComputeState | null {
  return current;
}
