/**
 * The files the server hands to browsers besides the API: the built task pane (/addin/), its manifest,
 * the public look-up page (/lookup/), the web workbook (/workbook/), and a copy of Office.js (/office-js/) that the pane falls back to
 * where Microsoft's CDN cannot be reached (school and bureau intranets). Folders that are not built are
 * simply not mounted.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';

export interface PublicFiles {
  addinDir: string;
  lookupDir: string;
  workbookDir?: string;
  manifest: string;
  officeJsDir: string;
}

export function publicFilesUnder(root: string, addinDir = 'dist/addin'): PublicFiles {
  return {
    addinDir: path.resolve(root, addinDir),
    lookupDir: path.resolve(root, 'dist/lookup'),
    workbookDir: path.resolve(root, 'dist/workbook'),
    manifest: path.join(root, 'manifest.xml'),
    officeJsDir: path.join(root, 'node_modules/@microsoft/office-js/dist'),
  };
}

export function mountPublicFiles(app: express.Express, files: PublicFiles): void {
  const { addinDir, lookupDir, workbookDir, manifest, officeJsDir } = files;
  if (existsSync(manifest)) app.get('/manifest.xml', (_req, res) => res.type('application/xml').sendFile(manifest));
  if (existsSync(addinDir)) app.use('/addin', express.static(addinDir, { index: ['index.html'], maxAge: '1h' }));
  if (existsSync(lookupDir)) app.use('/lookup', express.static(lookupDir, { index: ['index.html'], maxAge: '1h' }));
  if (workbookDir && existsSync(workbookDir))
    app.use('/workbook', express.static(workbookDir, { index: ['index.html'], maxAge: '1h' }));
  if (existsSync(officeJsDir)) app.use('/office-js', express.static(officeJsDir, { index: false, maxAge: '1d' }));
  app.get('/', (_req, res) => {
    if (existsSync(lookupDir)) res.redirect('/lookup/');
    else res.type('text/plain; charset=utf-8').send('验印 Yanyin API — /api/health, /api/openapi.json');
  });
}
