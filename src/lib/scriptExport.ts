// The files "Export as a script" hands over: the program alone, or — where it loads weights or data —
// a ZIP with the program and those files laid out as it expects them (weights/<name>/, data/…).

import { assembleScript, type DemoScript } from './pythonScript';
import { zipStore, type ZipEntry } from './zip';

export interface ScriptDownload {
  filename: string;
  blob: Blob;
}

/** The public files beside the script: each weights folder's manifest and blob, and each data file. */
export function scriptFiles(script: Pick<DemoScript<unknown, unknown>, 'weights' | 'data'>): string[] {
  const weights = (script.weights ?? []).flatMap((folder) => {
    const dir = folder.endsWith('/') ? folder : `${folder}/`;
    return [`${dir}manifest.json`, `${dir}weights.bin`];
  });
  return [...weights, ...(script.data ?? [])];
}

export async function buildScriptDownload<P, R>(
  script: DemoScript<P, R>,
  params: P,
  header: { slug: string; title: string; link: string },
  fetchFile: (path: string) => Promise<Uint8Array>,
): Promise<ScriptDownload> {
  const text = assembleScript(script, params, header);
  const files = scriptFiles(script as DemoScript<unknown, unknown>);
  if (files.length === 0) return { filename: `${header.slug}.py`, blob: new Blob([text], { type: 'text/x-python;charset=utf-8' }) };
  const entries: ZipEntry[] = [{ path: `${header.slug}/${header.slug}.py`, data: new TextEncoder().encode(text) }];
  for (const path of files) entries.push({ path: `${header.slug}/${path}`, data: await fetchFile(path) });
  const zip = zipStore(entries);
  return { filename: `${header.slug}-script.zip`, blob: new Blob([zip.buffer as ArrayBuffer], { type: 'application/zip' }) };
}
