// A Web Worker that reads one file of model outputs (readFile.ts) and posts progress, then the records.

import { readBlob, toPosted, type ReadReply, type ReadRequest } from './readFile';

const scope = self as unknown as { onmessage: ((e: MessageEvent<ReadRequest>) => void) | null; postMessage: (m: ReadReply) => void };

scope.onmessage = async (e) => {
  let last = 0;
  try {
    const file = await readBlob(e.data.name, e.data.blob, (fraction) => {
      // a message per 2% is plenty for a progress bar, and keeps the page's queue short
      if (fraction - last >= 0.02 || fraction === 1) {
        last = fraction;
        scope.postMessage({ progress: fraction });
      }
    });
    scope.postMessage({ file: toPosted(file) });
  } catch (err) {
    scope.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
};
