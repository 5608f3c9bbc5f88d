import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { offlineServiceWorker } from './scripts/offlineBuild.ts';

/**
 * The built page's Content-Security-Policy: nothing is fetched from, sent to or run from another
 * origin, and no string becomes code ('wasm-unsafe-eval' lets tfjs compile its WebAssembly, nothing
 * more); inline style attributes stay (React and the charts set them). The dev server goes without:
 * its hot reload injects a script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

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
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
