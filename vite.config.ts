import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { offlineServiceWorker } from './scripts/offlineBuild.ts';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from './src/lib/isolation.ts';

/**
 * The built page's Content-Security-Policy: nothing is fetched from, sent to or run from another
 * origin, and no string becomes code ('wasm-unsafe-eval' lets tfjs compile its WebAssembly, nothing
 * more); inline style attributes stay (React and the charts set them). `blob:` scripts and workers
 * are the page's own: tfjs starts its wasm threads from Blobs it makes of its own code. The dev
 * server goes without: its hot reload injects a script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * tfjs hands its threaded wasm factory to each pthread worker as source text (`toString()`), so the
 * factory must still run on its own: the compressor folds its `typeof _scriptDir` guards into
 * references to names that exist only in the bundle ("ReferenceError: e is not defined" in every
 * thread). Renaming alone keeps them intact. Page and worker bundles alike (DNDM, DPLM, SPIN and
 * SPIN-Diffusion run tfjs in a Web Worker).
 */
const THREAD_SAFE_MINIFY = { compress: false, mangle: true } as const;

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
  };
}

// Relative base: the built app works from any static host path (and from file-less previews).
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy(), offlineServiceWorker()],
  server: { host: '127.0.0.1', port: 5173, headers: CROSS_ORIGIN_ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: CROSS_ORIGIN_ISOLATION_HEADERS },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, rolldownOptions: { output: { minify: THREAD_SAFE_MINIFY } } },
  worker: { rolldownOptions: { output: { minify: THREAD_SAFE_MINIFY } } },
});
