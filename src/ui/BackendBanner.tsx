import { useEffect, useState } from 'react';
import { threadsLabel, wasmThreads } from '../gpu/wasmThreads';
import { useBackend } from './backendStore';

const HINT =
  'To use your GPU: a recent Chrome or Edge (113+) has WebGPU on by default; in Firefox Nightly or Safari Technology Preview enable it in the settings; on Linux Chrome may need chrome://flags/#enable-unsafe-webgpu. The page must be served over https or from localhost.';

/** ", on 2 threads" once tfjs runs on wasm (loaded only then: the gallery loads no tfjs). */
function useWasmThreads(onWasm: boolean): string {
  const [label, setLabel] = useState('');
  useEffect(() => {
    if (!onWasm) {
      setLabel('');
      return;
    }
    let live = true;
    // a label, not a result: if it cannot be read the banner goes without it
    wasmThreads().then(
      (t) => live && setLabel(`, on ${threadsLabel(t)}`),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [onWasm]);
  return label;
}

/** Which compute path is running, in plain words, with what to do about it. */
export function BackendBanner() {
  const { status, compute, message, reinitialise } = useBackend();
  const threads = useWasmThreads(status === 'ready' && compute?.info.path === 'cpu' && compute.info.tfBackend === 'wasm');
  if (status === 'idle' || status === 'initialising') {
    return (
      <div className="banner banner-info" role="status" data-testid="backend-banner" data-path="pending">
        Looking for a GPU…
      </div>
    );
  }
  if (status === 'lost') {
    return (
      <div className="banner banner-error" role="alert" data-testid="backend-banner" data-path="lost">
        <strong>The GPU device was lost</strong> ({message}). Results on screen stay valid; new runs need the device back.{' '}
        <button type="button" onClick={() => void reinitialise()}>
          Re-initialise
        </button>
      </div>
    );
  }
  if (status === 'error' || !compute) {
    return (
      <div className="banner banner-error" role="alert" data-testid="backend-banner" data-path="error">
        <strong>No compute backend could start:</strong> {message}{' '}
        <button type="button" onClick={() => void reinitialise()}>
          Try again
        </button>
      </div>
    );
  }
  const { info } = compute;
  if (info.path === 'cpu') {
    return (
      <div className="banner banner-warn" role="status" data-testid="backend-banner" data-path="cpu">
        <strong>Running on the CPU</strong> (tfjs backend: {info.tfBackend}{threads}). {info.reason} Every demo still runs and computes the same
        numbers; only slower.{' '}
        <button type="button" onClick={() => void reinitialise({ forceCpu: false })}>
          Look for a GPU again
        </button>
        <details>
          <summary>How to enable WebGPU</summary>
          {HINT}
        </details>
      </div>
    );
  }
  return (
    <div className={`banner ${info.software ? 'banner-warn' : 'banner-ok'}`} role="status" data-testid="backend-banner" data-path={info.path}>
      <strong>{info.software ? 'WebGPU on a software adapter' : 'WebGPU on your GPU'}</strong> — {info.adapter}. {info.reason}{' '}
      <button type="button" onClick={() => void reinitialise({ forceCpu: true })} title="Use the CPU path instead">
        Use CPU instead
      </button>
    </div>
  );
}
