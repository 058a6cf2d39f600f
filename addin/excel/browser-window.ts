/**
 * Opening a URL outside the pane from Excel. `Office.context.ui.openBrowserWindow(url)` hands the URL to
 * the system's browser — the documented way to download a file the pane's webview cannot save (a blob link
 * does nothing on Mac; WebView2 blocks some types). It exists where the host supports the requirement set
 * OpenBrowserWindowApi 1.1: Excel on Windows (Version 1810+, Office 2021 2108+) and on Mac, NOT Excel on the
 * web (learn.microsoft.com: "Open Browser Window API requirement sets" and the Office.context.ui reference,
 * openBrowserWindow). Elsewhere the caller shows the URL as a link instead (on the web a link opens a tab).
 */
export function openInBrowserWindow(url: string): boolean {
  if (typeof Office === 'undefined') return false;
  const context = Office.context as Office.Context | undefined;
  if (!context?.requirements?.isSetSupported('OpenBrowserWindowApi', '1.1')) return false;
  // An old library can lack the method although the host claims the set (see host.ts on proxies).
  if (typeof context.ui?.openBrowserWindow !== 'function') return false;
  try {
    context.ui.openBrowserWindow(url);
    return true;
  } catch {
    return false;
  }
}
