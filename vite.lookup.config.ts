import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

// `npm run build:lookup` → dist/lookup: the public certificate look-up page, served by the API server at
// /lookup/ (same origin as /api/public/certificates). Relative base: works under any prefix.
// The page is written against React's API but built on Preact (preact/compat, https://preactjs.com/guide/v10/switching-to-preact):
// React 19 + react-dom alone are ≈ 60 KB gzipped, the page's whole budget (issue #14); Preact is ≈ 5 KB.
export default defineConfig({
  root: resolve(here, 'web/lookup'),
  base: './',
  publicDir: false,
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  build: {
    outDir: resolve(here, 'dist/lookup'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
});
