import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

// `npm run build:lookup` → dist/lookup: the public certificate look-up page, served by the API server at
// /lookup/ (same origin as /api/public/certificates). Relative base: works under any prefix.
export default defineConfig({
  root: resolve(here, 'web/lookup'),
  base: './',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: resolve(here, 'dist/lookup'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
});
