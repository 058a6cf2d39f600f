/**
 * The pane is never blank. On Internet Explorer 11 (Trident) and Edge Legacy (EdgeHTML), which volume and
 * retail Office 2016/2019 still use for add-ins and which cannot parse the ES2022 bundle, the ES5 loader
 * shows a page in Chinese saying what to use instead ("Support older Microsoft webviews and Office
 * versions", learn.microsoft.com/office/dev/add-ins/develop/support-ie-11). Chromium with their user
 * agents stands in for them; that the loader itself parses as ES5 is checked by es-check (legacy-es.test).
 * And Office.js from the CDN must not block the pane for a TCP timeout.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildOnce, paneIdle, repo, usePaneBrowser } from './harness';

const browser = usePaneBrowser();

const AGENTS = {
  // Office 2019 volume licence on Windows 10: the Trident webview (IE11 mode, rv:11.0).
  trident:
    'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; .NET CLR 2.0.50727; Microsoft Outlook 16.0.10827; ms-office; MSOffice 16) like Gecko',
  // Retail Office 2019 without WebView2: EdgeHTML 18.
  edgehtml:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; WebView/3.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041',
};

async function openAs(userAgent: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const { page, errors } = await browser.open();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setUserAgentOverride', { userAgent });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.reload();
  return { page, requests, errors };
}

describe('webviews the pane cannot run in', () => {
  for (const [name, agent] of Object.entries(AGENTS)) {
    it(`${name}: a page in Chinese says what to use instead, and stays`, async () => {
      const { page, requests } = await openAs(agent);
      const message = page.locator('[data-testid="unsupported"]');
      await message.waitFor();
      const text = await message.innerText();
      expect(text).toContain('验印加载项无法在此版本的 Office 中运行');
      expect(text).toMatch(/Office 2021.*Microsoft 365/);
      expect(text).toContain('/workbook/');
      expect(text).toContain('yanyin validate');
      expect(await message.getAttribute('data-webview')).toMatch(name === 'trident' ? /Trident/ : /EdgeHTML/);
      // Office.js is not loaded for nothing, and the pane's module leaves the page alone.
      expect(requests.some((u) => u.includes('office.js'))).toBe(false);
      await page.waitForTimeout(300);
      expect(await page.locator('[data-testid="startup"]').count()).toBe(0);
      await expect(message.isVisible()).resolves.toBe(true);
      await page.close();
    });
  }
});

describe('Office.js loading', () => {
  it('falls back to the server copy after a short wait when the CDN never answers', async () => {
    const built = await buildOnce();
    const { page } = await browser.open();
    // Routes added later win: the CDN now drops the connection (no answer, no error, as an intranet
    // firewall that discards packets), and the server copy at /office-js/ is the stand-in.
    await page.route(/appsforoffice\.microsoft\.com/, () => undefined);
    await page.route(/\/office-js\/office\.js$/, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/javascript',
        body: readFileSync(built.standinJs, 'utf8'),
      }),
    );
    const started = Date.now();
    // The hanging script holds the page's load event, not the pane.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForFunction(
      () => (window as { yanyinOfficeSource?: string }).yanyinOfficeSource === 'local',
      undefined,
      { timeout: 15_000 },
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    await paneIdle(page);
    expect(await page.locator('[data-testid="pane"]').count()).toBe(1);
    await page.close();
  });
});

describe('what each webview loads', () => {
  it('the built pane: the loader is copied as ES5, the bundle is at most ES2022 (WebView2, Safari 15.4+)', async () => {
    const built = await buildOnce();
    const esCheck = join(repo, 'node_modules/.bin/es-check');
    const legacy = join(built.paneDir, 'legacy/boot.js');
    expect(execFileSync(esCheck, ['es5', legacy], { encoding: 'utf8' })).toContain('ES5');
    const bundle = readdirSync(join(built.paneDir, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => join(built.paneDir, 'assets', f));
    expect(execFileSync(esCheck, ['es2022', '--module', ...bundle], { encoding: 'utf8' })).toContain(
      'passed',
    );
  });
});
