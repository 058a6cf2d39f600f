/** Bundles the stand-in for browser pages: `npm run build:standin` → dist/standin/excel-standin.js (IIFE). */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../../dist/standin', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      entry: fileURLToPath(new URL('./browser-entry.ts', import.meta.url)),
      name: 'ExcelStandin',
      formats: ['iife'],
      fileName: () => 'excel-standin.js',
    },
  },
});
