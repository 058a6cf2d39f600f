/**
 * Office.js is loaded by the ES5 loader (addin/legacy/boot.js) without blocking the pane: from Microsoft's
 * CDN, or from the server's copy when the CDN does not answer in time. The pane's module waits for it here.
 */
export type OfficeSource = 'cdn' | 'local' | 'none';

interface LoaderWindow {
  yanyinOfficeScript?: (callback: (source: OfficeSource) => void) => void;
  /** Set by the loader on a webview the pane cannot run in; it has already shown its own page. */
  yanyinUnsupported?: string;
}

/** Which copy of Office.js loaded; 'none' when neither did (a plain page without the loader counts its global). */
export function officeScriptLoaded(): Promise<OfficeSource> {
  const w = window as unknown as LoaderWindow;
  if (typeof w.yanyinOfficeScript !== 'function')
    return Promise.resolve(typeof Office === 'undefined' ? 'none' : 'cdn');
  const wait = w.yanyinOfficeScript;
  return new Promise((resolve) => wait(resolve));
}

/** The loader's verdict that this webview cannot run the pane (its page in Chinese is already shown). */
export function unsupportedWebview(): string | undefined {
  return (window as unknown as LoaderWindow).yanyinUnsupported;
}
