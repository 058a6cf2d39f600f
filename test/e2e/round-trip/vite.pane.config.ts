/** Builds test/e2e/round-trip/pane (main.tsx + the remote section) — only while addin/main.tsx lacks the mount. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: resolve(here, 'pane'),
  base: './',
  publicDir: false,
  plugins: [react()],
  build: { outDir: resolve(here, '../../../dist/round-trip-pane'), emptyOutDir: true, target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 4000 },
});
