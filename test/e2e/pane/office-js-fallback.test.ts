/**
 * Where Microsoft's CDN cannot be reached (school and bureau intranets), the built pane falls back to the
 * server's copy of Office.js (npm @microsoft/office-js, mounted at /office-js/ by server/main.ts).
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicFilesUnder } from '../../../server/http/public-files';
import { startServer, type RunningServer } from '../round-trip/server';
import { buildOnce, launch, repo } from './harness';

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };

beforeAll(async () => {
  const built = await buildOnce();
  server = await startServer({ files: { ...publicFilesUnder(repo), addinDir: built.paneDir } });
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Office.js without the CDN', () => {
  it('loads the server copy when appsforoffice.microsoft.com is unreachable', async () => {
    const page = await browser.context.newPage();
    const outside: string[] = [];
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
      outside.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    await page.goto(`${server.origin}/addin/index.html`);
    await page.waitForFunction(() => typeof (window as { Office?: { onReady?: unknown } }).Office?.onReady === 'function');
    expect(outside.some((u) => u.includes('appsforoffice.microsoft.com'))).toBe(true);
    expect(server.requests).toContain('GET /office-js/office.js 200');
    await page.close();
  });
});
