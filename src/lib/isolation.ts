// Cross-origin isolation: a page served with these two headers may share memory between threads
// (SharedArrayBuffer), which tfjs' wasm backend needs to run its kernels on several threads. The price is
// that the page can load nothing from another origin that does not opt in, and this app loads
// nothing from another origin at all. The dev and preview servers send the headers (vite.config.ts);
// on a static host that cannot, the offline service worker adds them (src/offline/serviceWorker.ts),
// so the page is isolated from the first reload on.

export const CROSS_ORIGIN_ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The same response with the isolation headers set. An opaque or error response (status 0) is
 * returned as it is: its headers cannot be read, and the browser refuses it under isolation anyway.
 */
export function withIsolationHeaders(response: Response): Response {
  if (response.status === 0 || response.type === 'opaque' || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(CROSS_ORIGIN_ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
