/** Bundles the WPS stand-in for browser pages: `npm run build:wps-standin` → dist/wps-standin/wps-standin.js (IIFE). */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../../dist/wps-standin', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('./browser-entry.ts', import.meta.url)),
      name: 'WpsStandin',
      formats: ['iife'],
      fileName: () => 'wps-standin.js',
    },
  },
});
