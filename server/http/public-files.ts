/**
 * The files the server hands to browsers besides the API: the built task pane (/addin/), its manifest,
 * the public look-up page (/lookup/), the bureau console (/console/), the web workbook (/workbook/), the WPS add-in (/wps/ and its
 * /wps/jsplugins.xml), and a copy of Office.js (/office-js/) that the pane falls back to
 * where Microsoft's CDN cannot be reached (school and bureau intranets). Folders that are not built are
 * simply not mounted.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';

export interface PublicFiles {
  addinDir: string;
  lookupDir: string;
  consoleDir: string;
  workbookDir?: string;
  wpsDir?: string;
  manifest: string;
  officeJsDir: string;
}

export function publicFilesUnder(root: string, addinDir = 'dist/addin'): PublicFiles {
  return {
    addinDir: path.resolve(root, addinDir),
    lookupDir: path.resolve(root, 'dist/lookup'),
    consoleDir: path.resolve(root, 'dist/console'),
    workbookDir: path.resolve(root, 'dist/workbook'),
    wpsDir: path.resolve(root, 'dist/wps'),
    manifest: path.join(root, 'manifest.xml'),
    officeJsDir: path.join(root, 'node_modules/@microsoft/office-js/dist'),
  };
}

export function mountPublicFiles(app: express.Express, files: PublicFiles): void {
  const { addinDir, lookupDir, consoleDir, workbookDir, wpsDir, manifest, officeJsDir } = files;
  if (existsSync(consoleDir)) app.use('/console', express.static(consoleDir, { index: ['index.html'], maxAge: '1h' }));
  if (existsSync(manifest)) app.get('/manifest.xml', (_req, res) => res.type('application/xml').sendFile(manifest));
  if (existsSync(addinDir)) app.use('/addin', express.static(addinDir, { index: ['index.html'], maxAge: '1h' }));
  if (existsSync(lookupDir)) app.use('/lookup', express.static(lookupDir, { index: ['index.html'], maxAge: '1h' }));
  if (workbookDir && existsSync(workbookDir))
    app.use('/workbook', express.static(workbookDir, { index: ['index.html'], maxAge: '1h' }));
  if (wpsDir && existsSync(wpsDir)) {
    // WPS's oem.ini `JSPluginsServer` points here; the add-in's URL is this server's /wps/.
    app.get('/wps/jsplugins.xml', (req, res) => res.type('application/xml').send(jspluginsXml(`${req.protocol}://${req.get('host') ?? 'localhost'}/wps/`)));
    app.use('/wps', express.static(wpsDir, { index: ['index.html'], maxAge: '1h' }));
  }
  if (existsSync(officeJsDir)) app.use('/office-js', express.static(officeJsDir, { index: false, maxAge: '1d' }));
  app.get('/', (_req, res) => {
    if (existsSync(lookupDir)) res.redirect('/lookup/');
    else res.type('text/plain; charset=utf-8').send('验印 Yanyin API — /api/health, /api/openapi.json');
  });
}

/** The add-in list WPS reads (wpsjs publish format): one online add-in of type `et` (WPS 表格). */
export function jspluginsXml(url: string): string {
  const esc = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n  <jspluginonline name="yanyin" type="et" url="${esc}" />\n</jsplugins>\n`;
}
