/**
 * Opening a URL outside the WPS task pane: `wps.OAAssist.ShellExecute(url)` hands it to the system (the
 * default browser), as the vendor's wpsjs toolkit does in its generated util.js (`shellExecuteByOAAssist`,
 * npm wpsjs packages/@wps-jsapi/et/js/util.js and its siblings). Builds without OAAssist get `window.open`; when that is
 * refused too the pane shows the link.
 */
interface WpsShell {
  OAAssist?: { ShellExecute?: (target: string) => unknown };
}

export function openUrlInWps(url: string): boolean {
  const wps = (window as unknown as { wps?: WpsShell }).wps;
  const shell = wps?.OAAssist?.ShellExecute;
  if (typeof shell === 'function') {
    try {
      shell.call(wps?.OAAssist, url);
      return true;
    } catch {
      // fall through to the webview's own window
    }
  }
  return Boolean(window.open(url, '_blank'));
}
