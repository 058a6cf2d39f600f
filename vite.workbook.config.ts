import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { univerForceStringOption } from './vite.univer-force-string';

const here = dirname(fileURLToPath(import.meta.url));

// `npm run build:workbook` → dist/workbook: the web workbook (spreadsheet + the pane), served by the API
// server at /workbook/. The spreadsheet component and exceljs are lazy chunks of their own.
export default defineConfig({
  root: resolve(here, 'web/workbook'),
  base: './',
  publicDir: false,
  plugins: [react(), univerForceStringOption()],
  worker: { format: 'es' },
  build: {
    outDir: resolve(here, 'dist/workbook'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 8000,
  },
});
