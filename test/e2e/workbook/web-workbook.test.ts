/**
 * The web workbook for real, in Chromium, against the REAL server (embedded database, random port) serving
 * the built page at /workbook/ — no stand-in: Univer is the spreadsheet. A clerk with only a browser opens
 * a filled 附件2 with planted mistakes (file picker), sees each highlighted in the component's own model
 * (fill + note), fixes them by typing with the keyboard, by pasting a block and with the pane's one-click
 * "text format" action, deletes a row, signs in and submits, and downloads the corrected file, whose cells
 * are read back with exceljs (edits in, formatting kept, IDs as text). A draft is offered on return.
 * Screenshots at 1366 px: test-output/screens/web-workbook-*.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicFilesUnder } from '../../../server/http/public-files';
import { launch, paneIdle, repo, screenshot, showTab } from '../pane/harness';
import { PASSWORD, startServer, type RunningServer } from '../round-trip/server';
import { filledAtt2, students, type Planted } from './fixture';

type Marks = [string, 'error' | 'warning'][];

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launch>>;
let page: Page;
let planted: Planted;
let bytes: Buffer;
const errors: string[] = [];

const marks = (p: Page, sheet: string): Promise<Marks> =>
  p.evaluate((s) => [...(window as unknown as { __yanyinWorkbook: { session: { port: { marks(s: string): Map<string, string> } } } }).__yanyinWorkbook.session.port.marks(s)] as Marks, sheet);

const valueAt = (p: Page, sheet: string, address: string): Promise<unknown> =>
  p.evaluate(
    ([s, a]) =>
      (window as unknown as { __yanyinWorkbook: { host: { api: { getActiveWorkbook(): { getSheetByName(n: string): { getRange(a: string): { getValue(): unknown } } } } } } }).__yanyinWorkbook.host.api
        .getActiveWorkbook()
        .getSheetByName(s)
        .getRange(a)
        .getValue(),
    [sheet, address] as const,
  );

/** The cell's fill and note as Univer's own model holds them. */
const paintAt = (p: Page, sheet: string, address: string): Promise<{ bg: string; note: string | null }> =>
  p.evaluate(
    ([s, a]) => {
      const range = (window as unknown as { __yanyinWorkbook: { host: { api: { getActiveWorkbook(): { getSheetByName(n: string): { getRange(a: string): { getBackground(): string; getNote?(): { note: string } | null } } } } } } }).__yanyinWorkbook.host.api
        .getActiveWorkbook()
        .getSheetByName(s)
        .getRange(a);
      return { bg: range.getBackground(), note: range.getNote?.()?.note ?? null };
    },
    [sheet, address] as const,
  );

const select = (p: Page, sheet: string, address: string): Promise<void> =>
  p.evaluate(([s, a]) => (window as unknown as { __yanyinWorkbook: { session: { port: { selectCell(s: string, a: string): Promise<void> } } } }).__yanyinWorkbook.session.port.selectCell(s, a), [sheet, address] as const);

async function openPage(): Promise<Page> {
  const p = await browser.context.newPage();
  await p.setViewportSize({ width: 1366, height: 800 });
  p.on('pageerror', (e) => errors.push(String(e)));
  await p.goto(`${server.origin}/workbook/`);
  await p.waitForFunction(() => '__yanyinWorkbook' in window, undefined, { timeout: 60_000 });
  await paneIdle(p, 60_000);
  return p;
}

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'yanyin-workbook-e2e-'));
  execFileSync('npx', ['vite', 'build', '-c', 'vite.workbook.config.ts', '--outDir', out, '--logLevel', 'error'], { cwd: repo, stdio: 'inherit' });
  server = await startServer({ files: { ...publicFilesUnder(repo), addinDir: join(out, 'no-addin'), lookupDir: join(out, 'no-lookup'), workbookDir: out } });
  ({ bytes, planted } = await filledAtt2());
  browser = await launch();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a clerk with only a browser', () => {
  const cell = (key: string, k: number): string => `${'ABCDEFGHIJ'[(planted.columns[key] ?? 1) - 1]}${planted.firstDataRow + k}`;

  it('opens the filled workbook and sees every planted mistake highlighted in the spreadsheet', async () => {
    page = await openPage();
    await page.getByTestId('file-input').setInputFiles({ name: '附件2-南宁一职.xlsx', mimeType: 'application/octet-stream', buffer: bytes });
    await expect.poll(() => page.getByTestId('file-name').innerText(), { timeout: 30_000 }).toBe('附件2-南宁一职.xlsx');
    await paneIdle(page, 60_000);
    await expect.poll(() => marks(page, planted.sheet), { timeout: 30_000 }).toEqual(
      expect.arrayContaining([
        [cell('gender', 1), 'error'],
        [cell('idNumber', 2), 'error'],
        [cell('idNumber', 3), 'error'],
      ]),
    );
    const painted = await paintAt(page, planted.sheet, cell('gender', 1));
    expect(painted.bg.toUpperCase()).toBe('#FFC7CE');
    expect(painted.note).toContain('性别');
    // Kept as the clerk sees it: the ID column's strings stay text, the number stays a number.
    expect(await valueAt(page, planted.sheet, cell('idNumber', 0))).toBe(students[0]?.idNumber);
    expect(typeof (await valueAt(page, planted.sheet, cell('idNumber', 2)))).toBe('number');
    await screenshot(page, 'web-workbook-01-mistakes');
  }, 120_000);

  it('fixes them: types with the keyboard, pastes a block, sets the damaged column to text', async () => {
    await select(page, planted.sheet, cell('gender', 1));
    await page.keyboard.type(String(students[1]?.gender));
    await page.keyboard.press('Enter');
    await expect.poll(() => marks(page, planted.sheet)).not.toContainEqual([cell('gender', 1), 'error']);

    await select(page, planted.sheet, cell('name', 3));
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, `${String(students[3]?.name)}\t${String(students[3]?.gender)}\t${String(students[3]?.idNumber)}\n`);
    await expect.poll(() => valueAt(page, planted.sheet, cell('idNumber', 3))).toBe(students[3]?.idNumber);
    await expect.poll(() => marks(page, planted.sheet)).not.toContainEqual([cell('idNumber', 3), 'error']);

    await page.getByRole('button', { name: '设为文本格式' }).click();
    await paneIdle(page);
    await select(page, planted.sheet, cell('idNumber', 2));
    await page.keyboard.type(String(students[2]?.idNumber));
    await page.keyboard.press('Enter');
    await expect.poll(() => valueAt(page, planted.sheet, cell('idNumber', 2))).toBe(students[2]?.idNumber);
    await paneIdle(page);
    await expect.poll(() => marks(page, planted.sheet)).toEqual([]);
    const cleared = await paintAt(page, planted.sheet, cell('gender', 1));
    expect(cleared.bg.toUpperCase()).not.toBe('#FFC7CE');
    expect(cleared.note).toBeNull();
    await screenshot(page, 'web-workbook-02-fixed');
  }, 120_000);

  it('deletes a row: the checks follow and nothing is left highlighted', async () => {
    const last = planted.firstDataRow + students.length - 1;
    await page.evaluate((row) => {
      const w = window as unknown as { __yanyinWorkbook: { host: { api: { getActiveWorkbook(): { getSheetByName(n: string): { deleteRows(r: number, n: number): void } } } } } };
      w.__yanyinWorkbook.host.api.getActiveWorkbook().getSheetByName('附件2').deleteRows(row - 1, 1);
    }, last);
    await paneIdle(page);
    expect(String(await valueAt(page, planted.sheet, `A${last}`))).toContain('填表人');
    expect(await marks(page, planted.sheet)).toEqual([]);
  }, 60_000);

  it('signs in and submits to the real server', async () => {
    await showTab(page, 'remote');
    await page.getByTestId('sign-in-username').fill('nn1-clerk');
    await page.getByTestId('sign-in-password').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForSelector('[data-testid="remote-section"][data-phase="signed-in"]', { timeout: 30_000 });
    await page.getByTestId('submit-button').click();
    await expect.poll(() => page.getByTestId('submission-panel').getAttribute('data-status'), { timeout: 30_000 }).toBe('SUBMITTED');
    expect(server.requests.some((r) => r.startsWith('POST /api/campaigns/') && r.endsWith(' 200'))).toBe(true);
    await screenshot(page, 'web-workbook-03-submitted');
  }, 90_000);

  it('downloads the corrected file: the edits in the original workbook, IDs as text, formatting kept', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    const path = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(planted.sheet);
    if (!ws) throw new Error('sheet missing from the download');
    const at = (key: string, k: number) => ws.getCell(cell(key, k));
    expect(at('gender', 1).value).toBe(students[1]?.gender);
    expect(at('idNumber', 2).value).toBe(students[2]?.idNumber);
    expect(at('idNumber', 2).numFmt).toBe('@');
    expect(at('idNumber', 3).value).toBe(students[3]?.idNumber);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getColumn(planted.columns.idNumber ?? 4).width).toBe(22);
    expect(((ws.model as { merges?: string[] }).merges ?? []).length).toBeGreaterThan(0);
  }, 60_000);

  it('the work survives a closed tab: the draft is offered and restores the edits', async () => {
    await page.waitForTimeout(2_000); // the draft is saved 1.5 s after the last edit
    await page.close();
    page = await openPage();
    await page.getByTestId('restore-draft').click();
    await expect.poll(() => valueAt(page, planted.sheet, cell('gender', 1)), { timeout: 30_000 }).toBe(students[1]?.gender);
    expect(errors).toEqual([]);
  }, 90_000);
});
