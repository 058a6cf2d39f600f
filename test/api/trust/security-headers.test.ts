/**
 * Issue #8: pages (/addin/, /lookup/, any other) and API answers carry a Content-Security-Policy whose
 * frame-ancestors let Office on the web frame the pane, a Referrer-Policy, and no X-Frame-Options (which
 * would forbid Office's frame). The pane's inline Office.js fallback is allowed by its hash.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { inlineScriptHashes } from '../../../server/http/security-headers';
import { startApi, type Api } from '../harness';

let api: Api;
let app: express.Express;
beforeAll(async () => {
  api = await startApi();
  const pages = await mkdtemp(path.join(os.tmpdir(), 'yanyin-pages-'));
  await writeFile(path.join(pages, 'index.html'), '<!doctype html><title>x</title>');
  app = createApp({
    db: api.db,
    config: api.config,
    logger: api.logger,
    beforeFallback: (a) => {
      a.use('/addin', express.static(pages));
      a.use('/lookup', express.static(pages));
    },
  });
});
afterAll(async () => {
  await api?.close();
});

function csp(res: request.Response): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map((d) => [d[0] as string, d.slice(1)]),
  );
}

describe('security headers', () => {
  it.each(['/addin/', '/lookup/', '/api/health'])('%s', async (url) => {
    const res = await request(app).get(url).expect(200);
    const policy = csp(res);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(expect.arrayContaining(["'self'", 'https://*.officeapps.live.com', 'https://*.officeapps.partner.office365.cn']));
    expect(policy.get('script-src')).toEqual(expect.arrayContaining(["'self'", 'https://appsforoffice.microsoft.com']));
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('the pane has no inline script (its loader is a file), and no inline script is allowed', async () => {
    expect(inlineScriptHashes(readFileSync('addin/index.html', 'utf8'))).toEqual([]);
    const res = await request(app).get('/addin/').expect(200);
    expect(csp(res).get('script-src')?.some((s) => s.startsWith("'sha256-"))).toBe(false);
  });
});
