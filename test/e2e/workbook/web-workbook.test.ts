/**
 * The web workbook for real, in Chromium, against the REAL server (embedded database, random port) serving
 * the built page at /workbook/ — no stand-in: Univer is the spreadsheet. A clerk with only a browser opens
 * a filled 附件2 with planted mistakes (file picker), sees each highlighted in the component's own model
 * (fill + note), fixes them by typing with the keyboard, by pasting a block and with the pane's one-click
 * "text format" action, deletes a row, signs in and submits. A city reviewer signs in to the web workbook in
 * another browser, opens the submission read-only and approves it; the province approves and allocates
 * through the API; the clerk applies for and fetches the certificate numbers, which land in the sheet's
 * cells. The downloaded file's cells are read back with exceljs (edits and numbers in, IDs as text, the
 * deleted row's formats gone with it: the footer's height, font and merge moved up). A draft is offered on
 * return. Screenshots at 1366 px: test-output/screens/web-workbook-*.png.
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
import { remoteIdle } from '../round-trip/pane-driver';
import { PASSWORD, startServer, type RunningServer } from '../round-trip/server';
import { ATT2_META } from '../../../core/templates/testing';
import { FOOTER, filledAtt2, students, type Planted } from './fixture';

const SCHOOL = ATT2_META.schoolName;

type Marks = [string, 'error' | 'warning'][];

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launch>>;
let reviewerBrowser: Awaited<ReturnType<typeof launch>> | undefined;
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

/** The cell's data validation as Univer's own model holds it (type and list options). */
const validationAt = (p: Page, sheet: string, address: string): Promise<{ type: string; formula1?: string } | null> =>
  p.evaluate(
    ([s, a]) => {
      const dv = (window as unknown as { __yanyinWorkbook: { host: { api: { getActiveWorkbook(): { getSheetByName(n: string): { getRange(a: string): { getDataValidation(): { rule: { type: string; formula1?: string } } | null } } } } } } }).__yanyinWorkbook.host.api
        .getActiveWorkbook()
        .getSheetByName(s)
        .getRange(a)
        .getDataValidation();
      return dv ? { type: dv.rule.type, formula1: dv.rule.formula1 } : null;
    },
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

/** Every value of a sheet in Univer's model, as text. */
const sheetText = (p: Page, sheet: string): Promise<string> =>
  p.evaluate((s) => {
    type R = { getValues(): unknown[][] };
    const ws = (window as unknown as { __yanyinWorkbook: { host: { api: { getActiveWorkbook(): { getSheetByName(n: string): { getLastRow(): number; getLastColumn(): number; getRange(r: number, c: number, h: number, w: number): R } | null } } } } }).__yanyinWorkbook.host.api
      .getActiveWorkbook()
      .getSheetByName(s);
    return ws ? ws.getRange(0, 0, ws.getLastRow() + 1, ws.getLastColumn() + 1).getValues().flat().filter((v) => v !== null && v !== '').map(String).join(' ') : '';
  }, sheet);

async function call(path: string, init: { token?: string; body?: unknown } = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.origin}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

async function signInPane(p: Page, username: string): Promise<void> {
  await showTab(p, 'remote');
  await p.getByTestId('sign-in-username').fill(username);
  await p.getByTestId('sign-in-password').fill(PASSWORD);
  await p.getByTestId('sign-in-submit').click();
  await p.waitForSelector('[data-testid="remote-section"][data-phase="signed-in"]', { timeout: 30_000 });
  await remoteIdle(p);
}

async function openPage(on = browser): Promise<Page> {
  const p = await on.context.newPage();
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
  await reviewerBrowser?.close();
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
    // The file's 性别 dropdown is a list validation in Univer's model (a dropdown in the page).
    expect(await validationAt(page, planted.sheet, cell('gender', 0))).toEqual({ type: 'list', formula1: '["男","女"]' });
    // Kept as the clerk sees it: the ID column's strings stay text, the number stays a number.
    expect(await valueAt(page, planted.sheet, cell('idNumber', 0))).toBe(students[0]?.idNumber);
    expect(typeof (await valueAt(page, planted.sheet, cell('idNumber', 2)))).toBe('number');
    // The page is the window: the spreadsheet's canvas does not grow with the pane's issue list (it did, to
    // 35,000 px on a large sheet, and every frame redrew 1,500 rows).
    const heights = await page.evaluate(() => [document.documentElement.scrollHeight, ...[...document.querySelectorAll('[data-testid="sheet"] canvas')].map((c) => c.getBoundingClientRect().height)]);
    expect(Math.max(...heights)).toBeLessThanOrEqual(800);
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
    // The footer's italic came in from the file (xlsx-open) and moved up with its row.
    const italic = await page.evaluate(
      (a) => (window as unknown as { __yanyinWorkbook: { host: { api: { getActiveWorkbook(): { getSheetByName(n: string): { getRange(a: string): { getCellStyleData(): { it?: number } | null } } } } } } }).__yanyinWorkbook.host.api.getActiveWorkbook().getSheetByName('附件2').getRange(a).getCellStyleData()?.it ?? 0,
      `A${last}`,
    );
    expect(italic).toBe(1);
  }, 60_000);

  it('signs in and submits to the real server', async () => {
    await signInPane(page, 'nn1-clerk');
    await page.getByTestId('submit-button').click();
    await expect.poll(() => page.getByTestId('submission-panel').getAttribute('data-status'), { timeout: 30_000 }).toBe('SUBMITTED');
    expect(server.requests.some((r) => r.startsWith('POST /api/campaigns/') && r.endsWith(' 200'))).toBe(true);
    await screenshot(page, 'web-workbook-03-submitted');
  }, 90_000);

  it('a city reviewer signs in to the web workbook, opens the submission read-only and approves it', async () => {
    reviewerBrowser = await launch();
    const reviewer = await openPage(reviewerBrowser);
    await signInPane(reviewer, 'nn-reviewer');
    const item = reviewer.locator(`[data-testid="queue-item"][data-school="${SCHOOL}"]`);
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 30_000 }).toBe('SUBMITTED');
    await item.getByTestId('queue-open').click();
    await remoteIdle(reviewer);
    // The read-only copy is a sheet of the reviewer's own spreadsheet, with the submitted rows.
    const reviewSheet = `审阅-${SCHOOL}`;
    await expect.poll(() => sheetText(reviewer, reviewSheet), { timeout: 30_000 }).toContain(SCHOOL);
    expect(await sheetText(reviewer, reviewSheet)).toContain(String(students[0]?.name));
    await screenshot(reviewer, 'web-workbook-04-reviewer-opens');
    await reviewer.getByTestId('review-comment-input').fill('材料齐全，同意');
    await reviewer.getByTestId('approve-button').click();
    await remoteIdle(reviewer);
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 30_000 }).toBe('CITY_APPROVED');
    await screenshot(reviewer, 'web-workbook-05-reviewer-approved');
    expect(await reviewer.locator('[data-testid="remote-error"]').count()).toBe(0);
  }, 120_000);

  it('the province approves and allocates through the API; the clerk fetches the numbers into the cells', async () => {
    const token = String((await call('/api/auth/sign-in', { body: { username: 'gx-admin', password: PASSWORD } })).token);
    const campaign = ((await call('/api/campaigns', { token })).items as { id: string; status: string }[]).find((c) => c.status === 'OPEN');
    if (!campaign) throw new Error('no open campaign');
    const queue = (await call(`/api/campaigns/${campaign.id}/review-queue`, { token })).items as { submissionId: string; school: { name: string }; status: string }[];
    const submission = queue.find((q) => q.school.name === SCHOOL);
    expect(submission?.status).toBe('CITY_APPROVED');
    await call(`/api/submissions/${String(submission?.submissionId)}/approve`, { token, body: { comment: '同意验印' } });

    await page.getByTestId('refresh-button').click();
    await remoteIdle(page);
    await expect.poll(() => page.getByTestId('submission-panel').getAttribute('data-status'), { timeout: 30_000 }).toBe('PROVINCE_APPROVED');
    await page.getByTestId('apply-numbers-button').click();
    await remoteIdle(page);
    await expect.poll(() => page.getByTestId('own-applications').innerText()).toContain('待分配');

    const pending = (await call(`/api/campaigns/${campaign.id}/number-applications?status=PENDING`, { token })).items as { id: string; schoolName?: string; count: number }[];
    const application = pending.find((a) => a.schoolName === SCHOOL);
    expect(application?.count).toBe(students.length - 1); // one row was deleted
    await call(`/api/number-applications/${String(application?.id)}/allocate`, { token, body: {} });

    await page.getByTestId('fetch-numbers-button').click();
    await remoteIdle(page);
    await expect.poll(() => page.getByTestId('numbers-outcome').innerText(), { timeout: 30_000 }).toContain(`已填入 ${students.length - 1} 个证书编号`);
    await paneIdle(page);
    const numbers = await Promise.all(students.slice(0, -1).map((_, k) => valueAt(page, planted.sheet, cell('certificateNumber', k))));
    expect(numbers).toEqual(['000001', '000002', '000003', '000004']);
    expect(await marks(page, planted.sheet)).toEqual([]);
    await select(page, planted.sheet, cell('certificateNumber', 0));
    await screenshot(page, 'web-workbook-06-numbers');
  }, 120_000);

  it('downloads the corrected file: edits and numbers in the original workbook, IDs as text, row formats moved with the deleted row', async () => {
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
    expect(students.slice(0, -1).map((_, k) => at('certificateNumber', k).value)).toEqual(['000001', '000002', '000003', '000004']);
    // The last student's row was deleted: the footer moved up with its height, font and merge, and
    // nothing of it is left a row below.
    const footer = planted.footerRow - 1;
    expect(String(ws.getCell(`A${footer}`).value)).toContain('填表人');
    expect(ws.getRow(footer).height).toBe(FOOTER.height);
    expect(ws.getCell(`A${footer}`).font?.italic).toBe(true);
    const merges = (ws.model as { merges?: string[] }).merges ?? [];
    expect(merges).toContain(`A${footer}:C${footer}`);
    expect(merges).not.toContain(`A${footer + 1}:C${footer + 1}`);
    expect(ws.getRow(footer - 1).height).toBe(18);
    expect(String(ws.getCell(`A${footer + 1}`).value)).toContain('审核人');
    expect(ws.getRow(footer + 1).height).not.toBe(FOOTER.height);
    // The 性别 dropdown and the ID format lost the deleted row: none on the footer now.
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string } | undefined> } }).dataValidations.model;
    const gender = 'ABCDEFGHIJ'[(planted.columns.gender ?? 3) - 1];
    const id = 'ABCDEFGHIJ'[(planted.columns.idNumber ?? 4) - 1];
    expect(dv[`${gender}${footer - 1}`]?.type).toBe('list');
    expect(dv[`${gender}${footer}`]).toBeUndefined();
    expect((ws as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings.map((cf) => cf.ref)).toEqual([`${id}${planted.firstDataRow}:${id}${footer - 1}`]);
  }, 60_000);

  it('the work survives a closed tab: the draft is offered and restores the edits', async () => {
    await page.waitForTimeout(2_000); // the draft is saved 1.5 s after the last edit
    await page.close();
    page = await openPage();
    await page.getByTestId('restore-draft').click();
    await expect.poll(() => valueAt(page, planted.sheet, cell('gender', 1)), { timeout: 30_000 }).toBe(students[1]?.gender);
    // The deleted row stays deleted: the draft replays it on the original file.
    expect(String(await valueAt(page, planted.sheet, `A${planted.footerRow - 1}`))).toContain('填表人');
    expect(await valueAt(page, planted.sheet, cell('certificateNumber', 0))).toBe('000001');
    expect(errors).toEqual([]);
  }, 90_000);
});
