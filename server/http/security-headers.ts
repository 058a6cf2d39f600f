/**
 * Security headers for every answer (pages and API) with helmet (https://helmetjs.github.io/): a
 * Content-Security-Policy, Referrer-Policy and the rest of helmet's defaults, with the exceptions the
 * Office task pane needs:
 *
 * - frame-ancestors: Office on the web shows the pane in an iframe of its own origins (Microsoft 365 and
 *   the 21Vianet-operated Office 365 in China), so X-Frame-Options is off and CSP frame-ancestors names
 *   them. Desktop Office shows the pane as a top-level page of its webview (no ancestors).
 * - script-src: Office.js from Microsoft's CDN (appsforoffice.microsoft.com; the 21Vianet cloud serves it
 *   from its own host). The pages have no inline script (the pane's ES5 loader is a file); should one come
 *   back, it is allowed by its hash, computed from the page itself so it cannot drift.
 * - style-src 'unsafe-inline': Fluent UI (Griffel) inserts its style rules at run time.
 * - worker-src blob: the validation Web Worker.
 * - Cross-Origin-Resource-Policy cross-origin: Office (another origin) loads the manifest's icons.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Origins of Office on the web that frame the task pane. */
export const OFFICE_FRAME_ANCESTORS = [
  'https://*.officeapps.live.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
  'https://*.sharepoint.com',
  'https://*.officeapps.partner.office365.cn',
  'https://*.partner.office365.cn',
  'https://*.sharepoint.cn',
];

/** Where Office.js is loaded from (Microsoft's CDN; the 21Vianet cloud's own host). */
export const OFFICE_JS_HOSTS = ['https://appsforoffice.microsoft.com', 'https://appsforoffice.cdn.partner.office365.cn'];

/** `'sha256-…'` of each inline (src-less) script of an HTML page. */
export function inlineScriptHashes(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    out.push(`'sha256-${createHash('sha256').update(m[1] ?? '', 'utf8').digest('base64')}'`);
  }
  return out;
}

/** The inline-script hashes of the pages served (the built pane and, for the dev server, its source). */
function pageScriptHashes(pages: string[]): string[] {
  const hashes = new Set<string>();
  for (const page of pages) if (existsSync(page)) for (const h of inlineScriptHashes(readFileSync(page, 'utf8'))) hashes.add(h);
  return [...hashes];
}

export function securityHeaders(options: { pages: string[]; hsts: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...OFFICE_JS_HOSTS, ...pageScriptHashes(options.pages)],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...OFFICE_JS_HOSTS],
        workerSrc: ["'self'", 'blob:'],
        frameSrc: ["'self'", ...OFFICE_JS_HOSTS],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'", ...OFFICE_FRAME_ANCESTORS],
      },
    },
    // Superseded by frame-ancestors, and it cannot list Office's origins.
    xFrameOptions: false,
    // Office's dialogs and hosts talk to the pane across origins.
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // Look-up answers and API URLs never travel to other sites in a Referer.
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.hsts ? { maxAge: 31_536_000 } : false,
  });
}
