import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

// `npm run build:console` → dist/console: the bureau console (set-up, progress, numbers), served by the API server at
// /console/ (same origin as the API). Relative base: works under any prefix.
export default defineConfig({
  root: resolve(here, 'web/console'),
  base: './',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: resolve(here, 'dist/console'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
});
