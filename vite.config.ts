import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative base: the built app works from any static host path (and from file-less previews).
export default defineConfig({
  base: './',
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
