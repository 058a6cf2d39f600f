import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import basicSsl from '@vitejs/plugin-basic-ssl';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const assetsDir = resolve(here, 'addin/assets');
const legacyDir = resolve(here, 'addin/legacy');

/**
 * The manifest points at `/addin/assets/icon-*.png`: copy the icons there unhashed. (The dev server
 * already serves them from the root, `addin/`.)
 */
function copyIcons(): Plugin {
  return {
    name: 'yanyin-copy-icons',
    apply: 'build',
    generateBundle() {
      for (const file of readdirSync(assetsDir)) {
        if (!file.endsWith('.png')) continue;
        this.emitFile({
          type: 'asset',
          fileName: `assets/${file}`,
          source: readFileSync(join(assetsDir, file)),
        });
      }
    },
  };
}

/**
 * The ES5 loader (addin/legacy/boot.js) is a classic script, which Vite leaves alone: copy it unhashed
 * and untranspiled, so Internet Explorer 11 and Edge Legacy can still parse it.
 */
function copyLegacyLoader(): Plugin {
  return {
    name: 'yanyin-copy-legacy-loader',
    apply: 'build',
    generateBundle() {
      for (const file of readdirSync(legacyDir)) {
        if (!file.endsWith('.js')) continue;
        this.emitFile({
          type: 'asset',
          fileName: `legacy/${file}`,
          source: readFileSync(join(legacyDir, file)),
        });
      }
    },
  };
}

// `npm run build:addin` → dist/addin (served by the API server under /addin/).
// `npm run dev:addin`   → https://localhost:3001 with a self-signed certificate (trust it once in the
// browser, or sideload against the server on :3000 instead).
export default defineConfig({
  root: resolve(here, 'addin'),
  base: './',
  publicDir: false,
  plugins: [
    react(),
    basicSsl({ name: 'yanyin-dev', domains: ['localhost'], certDir: resolve(here, 'certs') }),
    copyIcons(),
    copyLegacyLoader(),
  ],
  build: {
    outDir: resolve(here, 'dist/addin'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
  server: { strictPort: true },
  preview: { strictPort: true },
});
