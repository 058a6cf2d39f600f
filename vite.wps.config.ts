import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/** WPS loads `ribbon.xml` and `main.js` by name from the add-in's URL: copied unhashed, with the icons. */
function wpsPackage(): Plugin {
  return {
    name: 'yanyin-wps-package',
    apply: 'build',
    generateBundle() {
      // Online mode opens the add-in's URL as a page that loads main.js (the page WPS generates offline).
      this.emitFile({ type: 'asset', fileName: 'index.html', source: '<!doctype html><meta charset="utf-8"><script src="./main.js"></script>\n' });
      for (const file of ['ribbon.xml', 'main.js'])
        this.emitFile({ type: 'asset', fileName: file, source: readFileSync(resolve(here, 'addin/wps/package', file)) });
      for (const file of readdirSync(resolve(here, 'addin/assets')).filter((f) => f.endsWith('.png')))
        this.emitFile({ type: 'asset', fileName: file, source: readFileSync(join(here, 'addin/assets', file)) });
    },
  };
}

// `npm run build:wps` → dist/wps: the WPS 加载项 in wpsjs's online/publish layout (ribbon.xml, main.js,
// pane.html), served by the API server at /wps/ with /wps/jsplugins.xml pointing WPS at it.
export default defineConfig({
  root: resolve(here, 'addin/wps'),
  base: './',
  publicDir: false,
  plugins: [react(), wpsPackage()],
  build: {
    outDir: resolve(here, 'dist/wps'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: { input: resolve(here, 'addin/wps/pane.html') },
  },
});
