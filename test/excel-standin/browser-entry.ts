/**
 * Browser bundle of the stand-in (`npm run build:standin` → dist/standin/excel-standin.js, an IIFE).
 * Inject it BEFORE the task pane's script: it installs `window.Excel`, `window.Office` and
 * `window.OfficeExtension` and exposes the test API as `window.__standin`:
 *
 *   await page.addInitScript({ path: 'dist/standin/excel-standin.js' });
 *   // optional configuration before the bundle runs: window.__standinConfig = { maxApi: '1.7' }
 *   await page.evaluate(() => window.__standin.addSheet('附件2', [[...], ...]));
 *   await page.evaluate(() => window.__standin.renderGrid(document.querySelector('#grid')));
 */
import { renderGrid, type RenderGridOptions } from './render-grid';
import { createStandin, type Standin } from './standin';
import type { StandinConfig } from './host';

export interface BrowserStandin extends Standin {
  renderGrid(container: HTMLElement, options?: RenderGridOptions): () => void;
}

declare global {
  interface Window {
    __standin?: BrowserStandin;
    __standinConfig?: Partial<StandinConfig>;
  }
}

const standin = createStandin(window.__standinConfig ?? {});
standin.install(window as unknown as Record<string, unknown>);
const api: BrowserStandin = Object.assign(standin, {
  renderGrid: (container: HTMLElement, options?: RenderGridOptions) => renderGrid(container, standin, options),
});
window.__standin = api;
