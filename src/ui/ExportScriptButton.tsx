import { useState } from 'react';
import { downloadBlob } from '../lib/export';
import { buildScriptDownload } from '../lib/scriptExport';
import type { AnyDemoModule } from './defineDemo';

/** "Export as a script": the current parameters as a Python program (with its weights, as a ZIP). */
export function ExportScriptButton({ module, params }: { module: AnyDemoModule; params: Record<string, string | number> }) {
  const [state, setState] = useState<{ kind: 'idle' | 'working' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const script = module.script;
  if (!script) return null;
  const torch = script.frameworks === 'numpy+pytorch';
  const exportScript = async () => {
    setState({ kind: 'working' });
    try {
      const fetchFile = async (path: string) => {
        const response = await fetch(`${import.meta.env.BASE_URL}${path}`);
        if (!response.ok) throw new Error(`${path}: ${response.status} ${response.statusText}`);
        return new Uint8Array(await response.arrayBuffer());
      };
      const { filename, blob } = await buildScriptDownload(script, params, { slug: module.meta.slug, title: module.meta.title, link: location.href }, fetchFile);
      downloadBlob(filename, blob);
      setState({ kind: 'idle' });
    } catch (err) {
      setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <>
      <button
        type="button"
        onClick={() => void exportScript()}
        disabled={state.kind === 'working'}
        data-testid="export-script"
        title={`A Python program (NumPy${torch ? ', and PyTorch for the network parts' : ''}) that reproduces these settings; change its constants to run it larger.`}
      >
        {state.kind === 'working' ? 'Exporting…' : 'Export as a script'}
      </button>
      {state.kind === 'failed' && <span role="alert">The script could not be exported: {state.message}</span>}
    </>
  );
}
