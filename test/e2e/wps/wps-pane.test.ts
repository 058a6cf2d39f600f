/**
 * The WPS add-in for real in Chromium, on the WPS stand-in in the page, against the REAL server (embedded
 * database, random port) serving the BUILT package at /wps/ (vite.wps.config.ts: index.html → main.js,
 * ribbon.xml, pane.html). The stand-in bundle (test/wps-standin/browser-entry.ts) is injected into every
 * frame as WPS injects its globals: the add-in's page gets `Application` and `wps`; the ribbon's callback
 * (main.js `OnAction`, as ribbon.xml names it) opens the pane through `wps.CreateTaskPane`, which the
 * stand-in docks on the right as a frame sharing the one `Application`.
 *
 * A clerk's filled 附件2 with planted mistakes (性别 contradicting the ID, a wrong check character, an ID
 * typed with spaces): each is highlighted in the stand-in's own cells (Interior.Color as a BGR long, a
 * 【验印】 comment); the spaced ID is fixed with the pane's one-click fix; the others are typed right;
 * the clerk signs in and submits. Screenshots at a 350 px pane: test-output/screens/wps-pane-*.png.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankSheet } from '../../../core/templates/blank';
import { getPack, getSheetKind } from '../../../core/templates/registry';
import { ATT2_META, att2Row, filledSheet } from '../../../core/templates/testing';
import { publicFilesUnder } from '../../../server/http/public-files';
import { launch, repo, screenshot } from '../pane/harness';
import { PASSWORD, startServer, type RunningServer } from '../round-trip/server';

const run = promisify(execFile);
const N = 5;
const SHEET = '附件2';
const students = Array.from({ length: N }, (_, i) => att2Row(i));
const spaced = (id: string) => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
const wrongCheck = (id: string) => `${id.slice(0, 17)}${id.endsWith('1') ? '2' : '1'}`;

type Scalar = string | number | boolean | null;
interface Fixture {
  sheets: { name: string; rows: Scalar[][]; formats: Record<number, string> }[];
  at: { gender1: string; id2: string; id3: string };
}

/** The clerk's 附件2: ID column as text, three planted mistakes (rows 2, 3 and 4 of the students). */
function fixture(): Fixture {
  const pack = getPack('gx-zz-2022');
  const kind = pack && getSheetKind(pack, 'att2');
  if (!pack || !kind) throw new Error('pack gx-zz-2022/att2 missing');
  const layout = blankSheet(pack, kind, { rows: N });
  const rows = students.map((s, i) => {
    if (i === 1) return { ...s, gender: s.gender === '男' ? '女' : '男' };
    if (i === 2) return { ...s, idNumber: spaced(String(s.idNumber)) };
    if (i === 3) return { ...s, idNumber: wrongCheck(String(s.idNumber)) };
    return s;
  });
  const grid = filledSheet('att2', { name: SHEET, meta: { ...ATT2_META }, rows });
  const col = (key: string) => String.fromCharCode(64 + (layout.columns[key] ?? 1));
  const idCol = layout.columns.idNumber ?? 4;
  return {
    sheets: [{ name: SHEET, rows: grid.rows.map((r) => r.map((c) => (c?.value ?? null) as Scalar)), formats: { [idCol]: '@' } }],
    at: {
      gender1: `${col('gender')}${layout.firstDataRow + 1}`,
      id2: `${col('idNumber')}${layout.firstDataRow + 2}`,
      id3: `${col('idNumber')}${layout.firstDataRow + 3}`,
    },
  };
}

/** What the test reads back from the stand-in in the page (test/wps-standin). */
interface WpsApi {
  sheet(name: string): { cell(r: number, c: number): { value: unknown; color: number | null; comment: string | null; format: string } };
  bgr(hex: string): number;
  userEdit(sheet: string, address: string, typed: unknown): void;
  taskPanes: { ID: string; Width: number; Visible: boolean }[];
}

async function cellAt(page: Page, address: string): Promise<{ value: unknown; color: number | null; comment: string | null; format: string }> {
  return page.evaluate(
    ([sheet, a]) => {
      const m = /^([A-Z]+)(\d+)$/.exec(a) ?? [];
      const column = [...(m[1] ?? 'A')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      const c = (window as unknown as { __wps: WpsApi }).__wps.sheet(sheet).cell(Number(m[2]), column);
      return { value: c.value, color: c.color, comment: c.comment, format: c.format };
    },
    [SHEET, address] as const,
  );
}

const bgr = (hex: string): number => {
  const n = parseInt(hex.replace('#', ''), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
};

/** The pane is ready and nothing runs (the same signal as the Excel pane tests' paneIdle, in the frame). */
async function paneIdle(pane: Frame): Promise<void> {
  await pane.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid="pane"]');
      return el?.getAttribute('data-phase') === 'ready' && el.getAttribute('data-busy') === '';
    },
    undefined,
    { timeout: 60_000 },
  );
}

async function showTab(pane: Frame, tab: 'checks' | 'remote'): Promise<void> {
  if ((await pane.getByTestId('pane').getAttribute('data-tab')) === tab) return;
  await pane.getByTestId(`tab-${tab}`).click();
  await pane.waitForSelector(`[data-testid="pane"][data-tab="${tab}"]`);
}

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launch>>;
let page: Page;
let pane: Frame;
let fx: Fixture;
let standinJs = '';
const errors: string[] = [];

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'yanyin-wps-e2e-'));
  const vite = join(repo, 'node_modules/.bin/vite');
  await Promise.all([
    run(vite, ['build', '-c', 'vite.wps.config.ts', '--outDir', join(out, 'wps'), '--emptyOutDir', '--logLevel', 'warn'], { cwd: repo, maxBuffer: 1 << 24 }),
    run(vite, ['build', '-c', 'test/wps-standin/vite.config.ts', '--outDir', join(out, 'standin'), '--emptyOutDir', '--logLevel', 'warn'], { cwd: repo, maxBuffer: 1 << 24 }),
  ]);
  standinJs = readFileSync(join(out, 'standin/wps-standin.js'), 'utf8');
  server = await startServer({ files: { ...publicFilesUnder(repo), addinDir: join(out, 'no-addin'), lookupDir: join(out, 'no-lookup'), wpsDir: join(out, 'wps') } });
  browser = await launch();
  fx = fixture();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the WPS add-in on the WPS stand-in', () => {
  it('the ribbon button opens the pane, and the planted mistakes are highlighted in the cells', async () => {
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 860 });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await page.addInitScript({ content: `window.__wpsConfig = ${JSON.stringify({ sheets: fx.sheets })};\n${standinJs}` });
    await page.goto(`${server.origin}/wps/index.html`);
    await page.waitForFunction(() => typeof (window as unknown as { OnAction?: unknown }).OnAction === 'function');

    // WPS loads ribbon.xml, calls its onLoad, then the button's onAction with the control.
    const opened = await page.evaluate(() => {
      const w = window as unknown as { OnAddinLoad(ui: unknown): boolean; OnAction(control: { Id: string }): boolean };
      return w.OnAddinLoad({ Invalidate: () => undefined }) && w.OnAction({ Id: 'yanyinOpenPane' });
    });
    expect(opened).toBe(true);
    const panes = await page.evaluate(() => (window as unknown as { __wps: WpsApi }).__wps.taskPanes.map((p) => ({ visible: p.Visible, width: p.Width })));
    expect(panes).toEqual([{ visible: true, width: 400 }]);
    // The clerk drags the pane to 350 px.
    await page.evaluate(() => {
      const taskPane = (window as unknown as { __wps: WpsApi }).__wps.taskPanes[0];
      if (taskPane) taskPane.Width = 350;
    });
    await expect.poll(() => page.frames().find((f) => f.url().endsWith('/wps/pane.html'))).toBeTruthy();
    pane = page.frames().find((f) => f.url().endsWith('/wps/pane.html')) as Frame;
    await paneIdle(pane);

    const red = bgr('#FFC7CE');
    await expect.poll(async () => (await cellAt(page, fx.at.gender1)).color, { timeout: 30_000 }).toBe(red);
    const gender = await cellAt(page, fx.at.gender1);
    expect(gender.comment).toMatch(/^【验印】.*性别/s);
    const wrong = await cellAt(page, fx.at.id3);
    expect(wrong.color).toBe(red);
    expect(wrong.comment).toMatch(/^【验印】.*校验/s);
    const spacedCell = await cellAt(page, fx.at.id2);
    expect(spacedCell.value).toBe(spaced(String(students[2]?.idNumber)));
    expect(spacedCell.color).not.toBeNull();
    expect(spacedCell.comment).toMatch(/^【验印】/);
    await showTab(pane, 'checks');
    await expect.poll(() => pane.locator('[data-testid="issue-group"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'wps-pane-01-mistakes');
  }, 180_000);

  it('a one-click fix is applied in the cell; the clerk types the others right and nothing is left', async () => {
    const headers = pane.locator('[data-testid="issue-group"] button[aria-expanded="false"]');
    while ((await headers.count()) > 0) await headers.first().click();
    const fix = pane.locator(`[data-testid="issue"][data-sheet="${SHEET}"][data-address="${fx.at.id2}"] [data-testid="issue-fix"]`);
    await expect.poll(() => fix.count()).toBeGreaterThan(0);
    await fix.first().click();
    await expect.poll(async () => (await cellAt(page, fx.at.id2)).value).toBe(students[2]?.idNumber);
    expect((await cellAt(page, fx.at.id2)).format).toBe('@');
    await expect.poll(async () => (await cellAt(page, fx.at.id2)).color).toBeNull();
    expect((await cellAt(page, fx.at.id2)).comment).toBeNull();
    await screenshot(page, 'wps-pane-02-fixed');

    await page.evaluate(
      ([sheet, g, gv, id, idv]) => {
        const s = (window as unknown as { __wps: WpsApi }).__wps;
        s.userEdit(sheet, g, gv);
        s.userEdit(sheet, id, idv);
      },
      [SHEET, fx.at.gender1, String(students[1]?.gender), fx.at.id3, String(students[3]?.idNumber)] as const,
    );
    await expect.poll(async () => (await cellAt(page, fx.at.id3)).color, { timeout: 30_000 }).toBeNull();
    await expect.poll(async () => (await cellAt(page, fx.at.gender1)).color).toBeNull();
    await paneIdle(pane);
    await expect.poll(() => pane.locator('[data-testid="issue"][data-severity="error"]').count()).toBe(0);
  }, 120_000);

  it('signs in and submits to the real server', async () => {
    await showTab(pane, 'remote');
    await pane.getByTestId('sign-in-username').fill('nn1-clerk');
    await pane.getByTestId('sign-in-password').fill(PASSWORD);
    await pane.getByTestId('sign-in-submit').click();
    await pane.waitForSelector('[data-testid="remote-section"][data-phase="signed-in"]', { timeout: 30_000 });
    await pane.getByTestId('submit-button').click();
    await expect.poll(() => pane.getByTestId('submission-panel').getAttribute('data-status'), { timeout: 30_000 }).toBe('SUBMITTED');
    expect(await pane.getByTestId('submission-status').innerText()).toContain('已上报');
    expect(server.requests.some((r) => r.startsWith('POST /api/campaigns/') && r.endsWith(' 200'))).toBe(true);
    expect(await pane.locator('[data-testid="remote-error"]').allInnerTexts()).toEqual([]);
    await screenshot(page, 'wps-pane-03-submitted');

    // The ribbon button again hides the pane (main.js toggles the one it made).
    await page.evaluate(() => (window as unknown as { OnAction(c: { Id: string }): boolean }).OnAction({ Id: 'yanyinOpenPane' }));
    expect(await page.evaluate(() => (window as unknown as { __wps: WpsApi }).__wps.taskPanes.map((p) => p.Visible))).toEqual([false]);
    expect(errors).toEqual([]);
  }, 120_000);
});
