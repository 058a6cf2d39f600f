/** `?server=` of the pane's URL when it is an http(s) origin, else the pane's own origin (''). */
export function defaultBaseUrl(): string {
  const loc = (globalThis as { location?: Location }).location;
  if (!loc) return '';
  const given = new URLSearchParams(loc.search).get('server');
  return given && /^https?:\/\//.test(given) ? given.replace(/\/+$/, '') : '';
}

/** A new browser tab; false when the host blocks it. */
export function defaultOpenUrl(url: string): boolean {
  const w = (globalThis as { window?: Window }).window;
  return Boolean(w?.open(url, '_blank'));
}
