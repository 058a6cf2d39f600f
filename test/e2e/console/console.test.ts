/**
 * The bureau console in Chromium (issue #9), on the real server with the demo province: the province's
 * progress (charts rendered as SVG, sort, filter, .xlsx export), numbers (confirmation showing the range
 * before an allocation, the same 起止号 after it) and set-up (an import sheet with errors listed by cell,
 * then a good one, a reset password, a campaign opened); a city reviewer created by that import signs in
 * with the one-time password, must change it, and sees only its city. Screenshots:
 * test-output/screens/console-*.png.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicFilesUnder } from '../../../server/http/public-files';
import { writeOrgTemplate } from '../../../server/xlsx/org-sheet';
import { goodGxWorkbook, MAJOR, STUDENTS } from '../../api/fixtures';
import { launch, repo, screenshot } from '../pane/harness';
import { PASSWORD, startServer, type RunningServer } from '../round-trip/server';

const run = promisify(execFile);
let server: RunningServer;
let dir: string;
const browsers: Awaited<ReturnType<typeof launch>>[] = [];
/** 柳州一职's draft: 南宁一职's workbook as is, uploaded after 南宁一职 was approved (enrollment conflicts). */
let lzSubmissionId = '';

async function call(path: string, init: { method?: string; token?: string; body?: unknown; key?: boolean } = {}) {
  const res = await fetch(`${server.origin}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(init.key ? { 'Idempotency-Key': `console-${Math.random().toString(36).slice(2)}-${Date.now()}` } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}
const signInToken = async (username: string) => (await call('/api/auth/sign-in', { body: { username, password: PASSWORD } })).token as string;

async function orgFile(name: string, rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeOrgTemplate('广西壮族自治区教育厅')) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('单位与账号') as ExcelJS.Worksheet;
  for (let i = 0; i < 4; i++) for (let c = 1; c <= 7; c++) ws.getRow(2 + i).getCell(c).value = rows[i]?.[c - 1] ?? null;
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

async function page(name: string): Promise<Page> {
  const b = await launch();
  browsers.push(b);
  const p = await (b.context as BrowserContext).newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
  await p.goto(`${server.origin}/console/`);
  return p;
}

async function signIn(p: Page, username: string, password = PASSWORD): Promise<void> {
  await p.getByLabel('账号').fill(username);
  await p.getByLabel('密码').fill(password);
  await p.getByTestId('sign-in').click();
}

/** Charts are drawn (SVG with shapes) in each of the three chart boxes. */
async function chartsRendered(p: Page): Promise<void> {
  for (const id of ['chart-by-city', 'chart-by-status', 'chart-over-time']) {
    await expect.poll(() => p.locator(`[data-testid=${id}] svg path`).count(), { timeout: 15_000 }).toBeGreaterThan(3);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yanyin-console-'));
  const consoleDir = join(dir, 'console');
  await run(join(repo, 'node_modules/.bin/vite'), ['build', '-c', 'vite.console.config.ts', '--outDir', consoleDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: repo, maxBuffer: 1 << 24 });
  server = await startServer({ files: { ...publicFilesUnder(repo), consoleDir } });
  // One school approved twice with a pending number application, another with a draft.
  const campaignId = server.seed.campaigns.gx;
  const clerk = await signInToken('nn1-clerk');
  await call(`/api/campaigns/${campaignId}/submission`, { method: 'PUT', token: clerk, key: true, body: { baseVersion: 0, workbook: goodGxWorkbook().grid } });
  const sub = (await call(`/api/campaigns/${campaignId}/submission/submit`, { token: clerk, body: {} })) as { submission: { id: string } };
  await call(`/api/submissions/${sub.submission.id}/approve`, { token: await signInToken('nn-reviewer'), body: {} });
  await call(`/api/submissions/${sub.submission.id}/approve`, { token: await signInToken('gx-admin'), body: {} });
  await call(`/api/campaigns/${campaignId}/number-applications`, { token: clerk, body: { items: [{ major: MAJOR, count: STUDENTS.length }] } });
  const lz = (await call(`/api/campaigns/${campaignId}/submission`, { method: 'PUT', token: await signInToken('lz1-clerk'), key: true, body: { baseVersion: 0, workbook: goodGxWorkbook().grid } })) as { submission: { id: string } };
  lzSubmissionId = lz.submission.id;
}, 300_000);

afterAll(async () => {
  for (const b of browsers) await b.close();
  await server?.close();
});

describe('the bureau console in Chromium', () => {
  let province: Page;
  let reviewerPassword = '';

  it('province: progress with charts, sorting, filtering and the .xlsx export', async () => {
    province = await page('province');
    await signIn(province, 'gx-admin');
    await chartsRendered(province);
    const rows = province.getByTestId('progress-row');
    await expect.poll(() => rows.count()).toBe(5);
    await expect.poll(() => province.getByTestId('overdue-count').innerText()).not.toBe('0');
    await province.getByTestId('sort-status').click();
    await province.getByTestId('sort-status').click();
    await expect.poll(() => rows.first().innerText()).toContain('省厅已审核');
    await screenshot(province, 'console-progress-province');

    await province.getByTestId('filter-search').fill('柳州');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().innerText()).toContain('草稿');
    await province.getByTestId('filter-search').fill('');

    await province.getByTestId('export').click();
    const [download] = await Promise.all([province.waitForEvent('download'), province.getByTestId('export-not-submitted').click()]);
    expect(download.suggestedFilename()).toMatch(/未上报学校\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path()) ?? '') as unknown as ArrayBuffer);
    const names: string[] = [];
    wb.worksheets[0]?.eachRow((row, n) => void (n > 1 ? names.push(String(row.getCell(2).value)) : null));
    expect(names).toContain('柳州市第一职业技术学校');
    expect(names).not.toContain('南宁市第一职业技术学校');
  }, 120_000);

  it('province: numbers — the confirmation shows the range, the allocation gives the same 起止号', async () => {
    await province.getByTestId('tab-numbers').click();
    await province.getByTestId('allocate').first().click();
    const preview = await province.getByTestId('allocate-preview').innerText();
    expect(preview).toBe(`桂教中专毕字（2022）000001-${String(STUDENTS.length).padStart(6, '0')}`);
    await screenshot(province, 'console-numbers-confirm');
    await province.getByTestId('allocate-confirm').click();
    await expect.poll(() => province.getByTestId('allocated').innerText()).toContain(preview);
    await expect.poll(() => province.getByTestId('range-text').first().innerText()).toBe(preview);
    await screenshot(province, 'console-numbers-province');
  }, 60_000);

  it('province: set-up — an import with errors lists each cell, a good one creates accounts; a campaign is opened', async () => {
    await province.getByTestId('tab-setup').click();
    const bad = await orgFile('bad.xlsx', [['学校', '钦州市第一职业学校', '钦州市教育局', '12345', 'qz1-clerk', '', '']]);
    await province.getByTestId('import-file').setInputFiles(bad);
    await expect.poll(() => province.getByTestId('import-issues').innerText()).toContain('C2');
    const issues = await province.getByTestId('import-issues').innerText();
    expect(issues).toContain('上级单位“钦州市教育局”不存在');
    expect(issues).toContain('D2');
    await screenshot(province, 'console-setup-import-errors');

    const good = await orgFile('good.xlsx', [
      ['市教育局', '钦州市教育局', '', '450700', 'qz-reviewer', '职成科', ''],
      ['学校', '钦州市第一职业学校', '钦州市教育局', '4145070001', 'qz1-clerk', '', ''],
    ]);
    await province.getByTestId('import-file').setInputFiles(good);
    await expect.poll(() => province.getByTestId('import-result').innerText()).toContain('单位 新增 2');
    const accounts = await province.getByTestId('new-accounts').innerText();
    reviewerPassword = /qz-reviewer\s+(\S{12})/.exec(accounts)?.[1] ?? '';
    expect(reviewerPassword).toHaveLength(12);

    await province.getByTestId('account-lz1-clerk').getByTestId('reset-password').click();
    await expect.poll(() => province.getByTestId('one-time-password').innerText()).toMatch(/^\S{12}$/);
    await province.getByRole('button', { name: '知道了' }).click();

    await province.getByTestId('campaign-year').fill('2024');
    await province.getByTestId('campaign-open').click();
    await expect.poll(() => province.getByTestId('campaign-opened').innerText()).toContain('桂教中专毕字（2024）');
    await screenshot(province, 'console-setup-province');
  }, 60_000);

  it('city: a reviewer from the import changes the one-time password and sees only its schools', async () => {
    const city = await page('city');
    await signIn(city, 'qz-reviewer', reviewerPassword);
    const form = city.getByTestId('change-password');
    await expect.poll(() => form.innerText()).toContain('您使用的是一次性密码');
    await form.locator('input[name=current]').fill(reviewerPassword);
    await form.locator('input[name=new]').fill('Qinzhou-2024');
    await form.locator('input[name=again]').fill('Qinzhou-2024');
    await screenshot(city, 'console-change-password');
    await city.getByTestId('change-password-submit').click();
    await expect.poll(() => city.getByTestId('who').innerText()).toContain('钦州市教育局');
    // The newest campaign is selected first; the 2022 one holds the demo data.
    await city.getByTestId('campaign-picker').click();
    await city.getByRole('option', { name: /2022年/ }).click();
    await chartsRendered(city);
    await expect.poll(() => city.getByTestId('progress-row').count()).toBe(1);
    expect(await city.getByTestId('progress-row').first().innerText()).toContain('钦州市第一职业学校');
    expect(await city.getByTestId('tab-setup').count()).toBe(0);
    await screenshot(city, 'console-progress-city');

    const nn = await page('nanning');
    await signIn(nn, 'nn-reviewer');
    await nn.getByTestId('campaign-picker').click();
    await nn.getByRole('option', { name: /2022年/ }).click();
    await chartsRendered(nn);
    await expect.poll(() => nn.getByTestId('progress-row').count()).toBe(2);
    // Each school links to the read-only view of its submission (rows and issues), as in the Excel pane.
    await nn.getByTestId('open-submission').first().click();
    await expect.poll(() => nn.getByTestId('submission-dialog').innerText()).toContain('省厅已审核');
    await nn.getByRole('tab', { name: /数据行/ }).click();
    await expect.poll(() => nn.getByTestId('submission-rows').locator('tbody tr').count()).toBeGreaterThan(STUDENTS.length - 1);
    expect(await nn.getByTestId('review-approve').count()).toBe(0);
    await screenshot(nn, 'console-submission-city');
    await nn.getByRole('button', { name: '关闭' }).click();
    await nn.getByTestId('tab-numbers').click();
    await expect.poll(() => nn.getByTestId('range-text').first().innerText()).toMatch(/^桂教中专毕字（2022）000001-/);
    expect(await nn.getByTestId('allocate').count()).toBe(0);
    await screenshot(nn, 'console-numbers-city');
  }, 90_000);

  it('province: enrollment conflicts — both sides with the ID masked; accepting a transfer clears the listing school’s error at once', async () => {
    // 柳州一职 uploaded 南宁一职's students after 南宁一职 was approved (beforeAll): one case per student.
    const admin = await signInToken('gx-admin');
    const heldErrors = async () =>
      ((await call(`/api/submissions/${lzSubmissionId}`, { token: admin })) as { report: { issues: { code: string }[] } }).report.issues.filter((i) => i.code === 'id-held-by-other-school').length;
    if (!province) {
      province = await page('province-conflicts');
      await signIn(province, 'gx-admin');
    }
    const before = await heldErrors();
    expect(before).toBeGreaterThan(0);

    await province.getByTestId('tab-conflicts').click();
    await province.getByTestId('campaign-picker').click();
    await province.getByRole('option', { name: /2022年/ }).click();
    const rows = province.getByTestId('conflict-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(before);
    const first = await rows.first().innerText();
    expect(first).toContain('柳州市第一职业技术学校');
    expect(first).toContain('南宁市第一职业技术学校');
    expect(first).toContain('待处理');
    expect(first).toMatch(/\d{6}\*{8}[\dX]{4}/);
    for (const st of STUDENTS) expect(await province.getByTestId('conflicts').innerText()).not.toContain(st.id);
    await screenshot(province, 'console-conflicts-province');

    await rows.first().getByTestId('conflict-accept').click();
    await province.getByTestId('conflict-comment').fill('2022年3月转学，已核实学籍档案');
    await province.getByTestId('conflict-confirm').click();
    await expect.poll(() => province.getByTestId('conflict-decided').innerText()).toContain('已接受转学');
    await expect.poll(() => rows.count()).toBe(before - 1);
    // The listing school's stored error for that student is gone, without a re-upload.
    expect(await heldErrors()).toBe(before - 1);

    await province.getByTestId('conflicts-only-open').click();
    await expect.poll(() => rows.count()).toBe(before);
    await expect.poll(async () => (await province.getByTestId('conflict-status').allInnerTexts()).filter((t) => t.includes('已接受转学')).length).toBe(1);
  }, 90_000);
});
