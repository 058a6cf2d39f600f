/**
 * The engineer's path of issue #9, end to end on a fresh embedded database (a real data folder, as
 * `npm start` uses): bootstrap → the administrator signs in and must change the one-time password →
 * import organisations from a real .xlsx (first with planted errors, each reported at its cell, nothing
 * imported) → re-import (nothing changes) and a changed row (updates, no duplicate) → create a campaign →
 * a clerk from accounts.csv signs in, changes the password and sees the campaign. While the server holds
 * the embedded database, the commands refuse and say to stop it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../bin/cli/main';
import type { CliIo } from '../../bin/cli/io';
import { createApp } from '../../server/app';
import { testConfig } from '../../server/config';
import { openDatabase, type Database } from '../../server/db';
import { createMemoryLogger } from '../../server/http/logger';
import { writeOrgTemplate } from '../../server/xlsx/org-sheet';
import { tempDir } from '../helpers/xlsx';

const PROVINCE = '广西壮族自治区教育厅';
let dir: string;

async function admin(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, color: false };
  const { CliError } = await import('../../bin/cli/io');
  try {
    const status = await main(['admin', ...args], io);
    return { status, stdout, stderr };
  } catch (e) {
    if (e instanceof CliError) return { status: e.exitCode, stdout, stderr: stderr + e.messageZh };
    throw e;
  }
}

/** The server side, on the same data folder, for as long as `fn` runs. */
async function withServer<T>(fn: (app: ReturnType<typeof createApp>, database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir: join(dir, 'pglite'), poolSize: 4 });
  try {
    return await fn(createApp({ db: database.prisma, config: testConfig(), logger: createMemoryLogger() }), database);
  } finally {
    await database.close();
  }
}

/** The template filled by hand: rows after the header replaced by `rows`. */
async function orgSheet(file: string, rows: (string | number)[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeOrgTemplate(PROVINCE)) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('单位与账号') as ExcelJS.Worksheet;
  // The template's example rows are overwritten, then cleared below the new ones.
  for (let i = 0; i < Math.max(rows.length, 4); i++) {
    const row = ws.getRow(2 + i);
    for (let c = 1; c <= 7; c++) row.getCell(c).value = rows[i]?.[c - 1] ?? null;
  }
  await wb.xlsx.writeFile(join(dir, file));
}

const GOOD = [
  ['市教育局', '南宁市教育局', PROVINCE, '', 'nn-reviewer', '职成科', '13800000001'],
  ['市教育局', '柳州市教育局', '', '450200', 'lz-reviewer', '', ''],
  ['学校', '南宁市第一职业技术学校', '南宁市教育局', '4145010001', 'nn1-clerk', '李老师', '13800000002'],
  ['学校', '柳州市第一职业技术学校', '柳州市教育局', 4145020001, 'lz1-clerk', '', ''],
  ['学校', '广西物资学校', PROVINCE, '4145000001', 'wz-clerk', '', ''],
  ['高职院校', '广西职业技术学院', PROVINCE, '4145000101', 'gxzy-clerk', '', ''],
];

beforeAll(() => {
  dir = tempDir('yanyin-engineer-');
  process.env.YANYIN_DATA_DIR = join(dir, 'pglite');
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  delete process.env.YANYIN_DATA_DIR;
});

describe('the engineer’s path (yanyin admin, fresh embedded database)', () => {
  let adminPassword = '';

  it('bootstrap creates the province and a one-time password; running it again changes nothing', async () => {
    const first = await admin('bootstrap', '--province', PROVINCE, '--code', '450000');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`已创建省级单位“${PROVINCE}”`);
    adminPassword = /一次性密码：(\S+)/.exec(first.stdout)?.[1] ?? '';
    expect(adminPassword).toHaveLength(12);
    const again = await admin('bootstrap', '--province', PROVINCE);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('已存在，未做任何更改');
    expect(again.stdout).not.toContain('一次性密码');
    expect((await admin('bootstrap')).status).toBe(2);
  }, 120_000);

  it('the administrator must change the one-time password before anything else', async () => {
    await withServer(async (app) => {
      const signIn = await request(app).post('/api/auth/sign-in').send({ username: 'admin', password: adminPassword }).expect(200);
      expect(signIn.body.user.mustChangePassword).toBe(true);
      const bearer = { Authorization: `Bearer ${signIn.body.token as string}` };
      const refused = await request(app).get('/api/campaigns').set(bearer).expect(403);
      expect(refused.body.error.code).toBe('password-change-required');
      expect(refused.body.error.message).toContain('一次性密码');
      await request(app).get('/api/me').set(bearer).expect(200);
      const weak = await request(app).post('/api/auth/change-password').set(bearer).send({ currentPassword: adminPassword, newPassword: 'short' }).expect(400);
      expect(weak.body.error.code).toBe('password-too-weak');
      const wrong = await request(app).post('/api/auth/change-password').set(bearer).send({ currentPassword: 'nope', newPassword: 'Province-2023' }).expect(400);
      expect(wrong.body.error.code).toBe('current-password-wrong');
      await request(app).post('/api/auth/change-password').set(bearer).send({ currentPassword: adminPassword, newPassword: 'Province-2023' }).expect(200);
      await request(app).get('/api/campaigns').set(bearer).expect(200);
      const me = await request(app).get('/api/me').set(bearer).expect(200);
      expect(me.body.mustChangePassword).toBe(false);

      // The server holds the embedded database: the commands refuse and say why.
      const locked = await admin('reset-password', 'admin');
      expect(locked.status).toBe(2);
      expect(locked.stderr).toContain('请先停止服务器');
    });
  }, 120_000);

  it('an import sheet with errors is refused cell by cell and imports nothing', async () => {
    await orgSheet('bad.xlsx', [
      ['市教育局', '南宁市教育局', PROVINCE, '', 'nn-reviewer', '', ''],
      ['区教育局', '玉林市教育局', '', '', '', '', ''],
      ['学校', '南宁市第一职业技术学校', '南宁市教育局', '414501', 'nn1-clerk', '', '1380000'],
      ['学校', '百色市第一职业学校', '百色市教育局', '4145100001', 'nn1-clerk', '', ''],
      ['高职院校', '', PROVINCE, '', 'a b', '', ''],
    ]);
    const r = await admin('import-orgs', 'bad.xlsx');
    expect(r.status).toBe(1);
    const at = (cell: string) => r.stderr.split('\n').find((l) => l.includes(`!${cell} `)) ?? '';
    expect(at('A3')).toContain('单位类型“区教育局”无法识别');
    expect(at('D4')).toContain('应为 10 位数字');
    expect(at('G4')).toContain('手机号码“1380000”');
    expect(at('C5')).toContain('上级单位“百色市教育局”不存在');
    expect(at('E5')).toContain('账号“nn1-clerk”与 E4 重复');
    expect(at('B6')).toContain('单位名称不能为空');
    expect(at('D6')).toContain('须填写 10 位学校标识码');
    expect(at('E6')).toContain('账号“a b”');
    expect(r.stderr).toContain('未导入任何数据');
    await withServer(async (_app, database) => {
      expect(await database.prisma.organization.count()).toBe(1);
      expect(await database.prisma.user.count()).toBe(1);
    });
  }, 120_000);

  let accounts: string[][] = [];

  it('imports organisations with accounts; re-importing changes nothing; a changed row updates', async () => {
    await orgSheet('orgs.xlsx', GOOD);
    const r = await admin('import-orgs', 'orgs.xlsx', '--accounts-out', 'accounts.csv');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('单位：新增 6，更新 0，未变 0');
    expect(r.stdout).toContain('账号：新增 6');
    const csv = await readFile(join(dir, 'accounts.csv'), 'utf8');
    accounts = csv.trim().split(/\r?\n/).map((l) => l.split(','));
    expect(accounts[0]).toEqual(['username', 'password', 'role', 'organisation']);
    expect(accounts.slice(1).map((a) => a[0])).toEqual(['nn-reviewer', 'lz-reviewer', 'nn1-clerk', 'lz1-clerk', 'wz-clerk', 'gxzy-clerk']);
    expect(accounts.find((a) => a[0] === 'nn1-clerk')?.slice(2)).toEqual(['CLERK', '南宁市第一职业技术学校']);

    const again = await admin('import-orgs', 'orgs.xlsx');
    expect(again.stdout).toContain('单位：新增 0，更新 0，未变 6');
    expect(again.stdout).toContain('未做任何更改');

    // The school changes its name and moves city; its clerk's phone changes: same rows, updated.
    const changed = GOOD.map((row) => (row[3] === '4145010001' ? ['学校', '南宁市第一职业技术学校（新校区）', '柳州市教育局', '4145010001', 'nn1-clerk', '李老师', '13900000000'] : row));
    await orgSheet('orgs2.xlsx', changed);
    const update = await admin('import-orgs', 'orgs2.xlsx');
    expect(update.status, update.stderr).toBe(0);
    expect(update.stdout).toContain('单位：新增 0，更新 1，未变 5');
    expect(update.stdout).toContain('账号：新增 0，更新 1，未变 5');
    // …and back, so the rest of the path uses the original sheet.
    expect((await admin('import-orgs', 'orgs.xlsx')).stdout).toContain('更新 1');
    await withServer(async (_app, database) => {
      expect(await database.prisma.organization.count({ where: { code: '4145010001' } })).toBe(1);
      expect(await database.prisma.organization.count()).toBe(7);
      expect(await database.prisma.auditLog.count({ where: { action: 'organization.update' } })).toBe(2);
    });
  }, 180_000);

  it('creates the year’s campaign with its certificate series; then a clerk from accounts.csv sees it', async () => {
    const bad = await admin('create-campaign', '--pack', 'gx-zz', '--year', '2023', '--submission-due', '2023-13-01');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--submission-due 的日期“2023-13-01”无法识别');
    const r = await admin('create-campaign', '--pack', 'gx-zz', '--year', '2023', '--receipt-due', '2023-04-22', '--submission-due', '2023-06-30', '--lock', '2023-07-15');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('证书编号序列：桂教中专毕字（2023）');
    expect(r.stdout).toContain('报送截止：2023-06-30 23:59');
    expect((await admin('create-campaign', '--pack', 'gx-zz', '--year', '2023')).stdout).toContain('已存在，未做任何更改');

    const clerk = accounts.find((a) => a[0] === 'nn1-clerk') as string[];
    await withServer(async (app, database) => {
      const signIn = await request(app).post('/api/auth/sign-in').send({ username: 'nn1-clerk', password: clerk[1] }).expect(200);
      expect(signIn.body.user.mustChangePassword).toBe(true);
      const bearer = { Authorization: `Bearer ${signIn.body.token as string}` };
      await request(app).post('/api/auth/change-password').set(bearer).send({ currentPassword: clerk[1], newPassword: 'School-2023a' }).expect(200);
      const campaigns = await request(app).get('/api/campaigns').set(bearer).expect(200);
      expect(campaigns.body.items.map((c: { name: string }) => c.name)).toEqual(['2023年广西壮族自治区中等职业学校毕业证书验印']);
      const series = await database.prisma.certificateSeries.findFirstOrThrow();
      expect(series).toMatchObject({ prefix: '桂教中专毕字（2023）', serialWidth: 6, nextSerial: 1 });
      const actions = (await database.prisma.auditLog.findMany({ select: { action: true } })).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['province.bootstrap', 'organizations.import', 'user.create', 'campaign.create', 'user.change-password']));
    });
    const reset = await admin('reset-password', 'nn1-clerk');
    expect(reset.stdout).toMatch(/一次性密码：\S{12}/);
    expect((await admin('reset-password', 'nobody')).stderr).toContain('未找到账号“nobody”');
  }, 120_000);
});
