/**
 * The bureau console's API (issue #9): set-up by the province (upload import with errors at their cells,
 * add and disable accounts, reset passwords, open a campaign, dates), the submission deadline enforced
 * and one school reopened, progress for the province and for a city (with the .xlsx export), and the
 * numbers page printing 起止号 exactly as the 审核表 does.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOrgTemplate } from '../../server/xlsx/org-sheet';
import { asSchool, goodGxWorkbook } from './fixtures';
import { auth, newKey, startApi, type Api } from './harness';
import { approvedSchool, type ApprovedSchool } from './scenario';

let api: Api;
let s: ApprovedSchool;
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

beforeAll(async () => {
  api = await startApi();
  s = await approvedSchool(api);
});
afterAll(async () => {
  await api?.close();
});

async function sheetWith(rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeOrgTemplate('广西壮族自治区教育厅')) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('单位与账号') as ExcelJS.Worksheet;
  for (let i = 0; i < 4; i++) for (let c = 1; c <= 7; c++) ws.getRow(2 + i).getCell(c).value = rows[i]?.[c - 1] ?? null;
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('console set-up (province)', () => {
  it('imports an uploaded sheet: errors at their cells and nothing imported, then the fixed sheet, then again unchanged', async () => {
    const admin = auth(await api.token('gx-admin'));
    const before = await api.db.organization.count();
    const bad = await sheetWith([
      ['学校', '钦州市第一职业学校', '钦州市教育局', '4145070001', 'qz1-clerk', '', ''],
      ['学校', '南宁市第五职业学校', '南宁市教育局', '4145010001', 'nn5-clerk', '', ''],
    ]);
    const refused = await request(api.app).post('/api/admin/organisations/import').set(admin).send({ file: bad }).expect(422);
    expect(refused.body.error.code).toBe('organisation-import-invalid');
    expect(refused.body.issues.map((i: { address: string; code: string }) => `${i.address} ${i.code}`)).toEqual(['C2 org-parent-unknown']);
    expect(await api.db.organization.count()).toBe(before);
    // 4145010001 is 南宁市第一职业技术学校: the second row renames it (same school, updated).
    const good = await sheetWith([
      ['市教育局', '钦州市教育局', '', '450700', 'qz-reviewer', '', ''],
      ['学校', '钦州市第一职业学校', '钦州市教育局', '4145070001', 'qz1-clerk', '黄老师', '13700000000'],
    ]);
    const done = await request(api.app).post('/api/admin/organisations/import').set(admin).send({ file: good }).expect(200);
    expect(done.body.organisations).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(done.body.newAccounts.map((a: { username: string }) => a.username)).toEqual(['qz-reviewer', 'qz1-clerk']);
    const again = await request(api.app).post('/api/admin/organisations/import').set(admin).send({ file: good }).expect(200);
    expect(again.body).toMatchObject({ organisations: { created: 0, updated: 0, unchanged: 2 }, newAccounts: [] });
    const notXlsx = await request(api.app).post('/api/admin/organisations/import').set(admin).send({ file: Buffer.from('hello').toString('base64') }).expect(400);
    expect(notXlsx.body.error.message).toContain('请求内容不符合要求');

    const list = await request(api.app).get('/api/admin/organisations').set(admin).expect(200);
    const qz = list.body.items.find((o: { name: string }) => o.name === '钦州市第一职业学校');
    expect(qz).toMatchObject({ kind: 'SCHOOL', code: '4145070001', parentName: '钦州市教育局' });
    expect(qz.accounts[0]).toMatchObject({ username: 'qz1-clerk', mustChangePassword: true, phone: '13700000000' });
  });

  it('adds an account with a one-time password, disables it, resets it', async () => {
    const admin = auth(await api.token('gx-admin'));
    const added = await request(api.app).post('/api/admin/accounts').set(admin).send({ orgId: api.seed.orgs.nnSchool2, username: 'nn4-second', displayName: '第二经办人' }).expect(200);
    const first = await request(api.app).post('/api/auth/sign-in').send({ username: 'nn4-second', password: added.body.password }).expect(200);
    expect(first.body.user.mustChangePassword).toBe(true);
    const taken = await request(api.app).post('/api/admin/accounts').set(admin).send({ orgId: api.seed.orgs.nnSchool2, username: 'nn4-second' }).expect(409);
    expect(taken.body.error.message).toContain('已被其他单位使用');

    await request(api.app).post(`/api/admin/accounts/${added.body.id as string}/disable`).set(admin).send({ disabled: true }).expect(200);
    await request(api.app).get('/api/me').set(auth(first.body.token as string)).expect(401);
    await request(api.app).post('/api/auth/sign-in').send({ username: 'nn4-second', password: added.body.password }).expect(401);
    await request(api.app).post(`/api/admin/accounts/${added.body.id as string}/disable`).set(admin).send({ disabled: false }).expect(200);
    const reset = await request(api.app).post(`/api/admin/accounts/${added.body.id as string}/reset-password`).set(admin).expect(200);
    expect(reset.body.password).not.toBe(added.body.password);
    await request(api.app).post('/api/auth/sign-in').send({ username: 'nn4-second', password: reset.body.password }).expect(200);
    const audit = await api.db.auditLog.findMany({ where: { entityId: added.body.id as string }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action).filter((a) => a.startsWith('user.'))).toEqual(['user.create', 'user.disable', 'user.enable', 'user.reset-password']);
  });

  it('opens a campaign from a pack and a year, with its series; again changes nothing; an unknown pack is refused in Chinese', async () => {
    const admin = auth(await api.token('gx-admin'));
    const made = await request(api.app).post('/api/admin/campaigns').set(admin).send({ packId: 'gx-zz', year: 2024, submissionDue: '2024-06-30' }).expect(201);
    expect(made.body).toMatchObject({ created: true, series: { prefix: '桂教中专毕字（2024）', serialWidth: 6 } });
    const again = await request(api.app).post('/api/admin/campaigns').set(admin).send({ packId: 'gx-zz', year: 2024 }).expect(200);
    expect(again.body.created).toBe(false);
    const unknown = await request(api.app).post('/api/admin/campaigns').set(admin).send({ packId: 'zz-xx', year: 2024 }).expect(422);
    expect(unknown.body.error.message).toContain('未知的模板包');
    const badDate = await request(api.app).post('/api/admin/campaigns').set(admin).send({ packId: 'gx-zz', year: 2025, lockAt: '明天' }).expect(400);
    expect(badDate.body.error.message).toContain('日期“明天”无法识别');
  });
});

describe('deadlines', () => {
  it('refuses uploads after submissionDue naming the date; the province reopens one school', async () => {
    const admin = auth(await api.token('gx-admin'));
    const clerk = auth(await api.token('nn4-clerk'));
    await request(api.app).put(`/api/admin/campaigns/${s.campaignId}/dates`).set(admin).send({ submissionDue: '2022-06-30' }).expect(200);
    // The school's own workbook (its name on the sheets, its own students): another school's is refused anyway.
    const workbook = asSchool(goodGxWorkbook().grid, '南宁市第四职业技术学校');
    const put = () =>
      request(api.app).put(`/api/campaigns/${s.campaignId}/submission`).set(clerk).set('Idempotency-Key', newKey()).send({ baseVersion: 0, workbook });
    const refused = await put().expect(423);
    expect(refused.body.error.code).toBe('submission-deadline-passed');
    expect(refused.body.error.message).toContain('2022-06-30 23:59');

    const progress = await request(api.app).get(`/api/campaigns/${s.campaignId}/progress`).set(admin).expect(200);
    const nn4 = progress.body.schools.find((x: { id: string }) => x.id === api.seed.orgs.nnSchool2);
    expect(nn4).toMatchObject({ status: 'NONE', overdue: ['回执', '报送'], nextDeadline: { label: '报送截止' } });
    expect(nn4.nextDeadline.days).toBeLessThan(0);

    const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await request(api.app).post(`/api/campaigns/${s.campaignId}/schools/${api.seed.orgs.nnSchool2 as string}/reopen`).set(admin).send({ until: future }).expect(200);
    await put().expect(200);
    const submitted = await request(api.app).post(`/api/campaigns/${s.campaignId}/submission/submit`).set(clerk).send({});
    expect(submitted.status).toBe(200);
    // Another school of the city is still refused.
    const lz = await request(api.app)
      .put(`/api/campaigns/${s.campaignId}/submission`)
      .set(auth(await api.token('lz1-clerk')))
      .set('Idempotency-Key', newKey())
      .send({ baseVersion: 0, workbook: goodGxWorkbook().grid });
    expect(lz.status).toBe(423);
    await request(api.app).put(`/api/admin/campaigns/${s.campaignId}/dates`).set(admin).send({ submissionDue: '2099-12-31' }).expect(200);
  });
});

describe('progress and numbers', () => {
  it('shows the province every school, a city only its own, with the roll-ups for the charts', async () => {
    const province = await request(api.app).get(`/api/campaigns/${s.campaignId}/progress`).set(auth(await api.token('gx-admin'))).expect(200);
    const a = province.body.schools.find((x: { id: string }) => x.id === s.schoolId);
    expect(a).toMatchObject({ status: 'PROVINCE_APPROVED', receipt: true, errors: 0, cityName: '南宁市教育局', overdue: [] });
    expect(a.allocated).toBeGreaterThan(0);
    expect(a.applied).toBe(a.allocated);
    expect(province.body.schools.map((x: { cityName: string }) => x.cityName)).toEqual(expect.arrayContaining(['南宁市教育局', '柳州市教育局', '区直']));
    expect(province.body.byStatus.PROVINCE_APPROVED).toBe(1);
    expect(province.body.byCity.find((c: { cityName: string }) => c.cityName === '南宁市教育局')).toMatchObject({ PROVINCE_APPROVED: 1 });
    expect(province.body.overTime.at(-1)).toMatchObject({ approved: 1 });

    const city = await request(api.app).get(`/api/campaigns/${s.campaignId}/progress`).set(auth(await api.token('nn-reviewer'))).expect(200);
    expect(new Set(city.body.schools.map((x: { cityName: string }) => x.cityName))).toEqual(new Set(['南宁市教育局']));

    const file = await request(api.app)
      .get(`/api/campaigns/${s.campaignId}/progress.xlsx?only=not-submitted`)
      .set(auth(await api.token('gx-admin')))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as ArrayBuffer);
    const names: string[] = [];
    wb.worksheets[0]?.eachRow((row, n) => void (n > 1 ? names.push(String(row.getCell(2).value)) : null));
    expect(names).not.toContain('南宁市第一职业技术学校');
    expect(names).toContain('柳州市第一职业技术学校');
  });

  it('lists applications, ranges per school and major, voids and 证明书, with 起止号 as the 审核表 prints it', async () => {
    const admin = auth(await api.token('gx-admin'));
    await request(api.app).post('/api/certificates/void').set(admin).send({ certificateNumber: s.certificateNumbers[2], reason: '打印错误' }).expect(200);
    const numbers = await request(api.app).get(`/api/campaigns/${s.campaignId}/numbers`).set(admin).expect(200);
    const range = numbers.body.ranges.find((r: { schoolId: string }) => r.schoolId === s.schoolId);
    expect(range.rangeText).toMatch(/^桂教中专毕字（2022）000001-0000\d\d$/);
    expect(numbers.body.applications[0]).toMatchObject({ status: 'APPROVED', rangeText: range.rangeText });
    expect(numbers.body.voided.map((v: { number: string }) => v.number)).toContain(s.certificateNumbers[2]);
    expect(numbers.body.series[0]).toMatchObject({ prefix: '桂教中专毕字（2022）', serialWidth: 6 });

    const sheet = await request(api.app).get(`/api/campaigns/${s.campaignId}/schools/${s.schoolId}/audit-sheet.xlsx`).set(admin).buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.body as ArrayBuffer);
    const texts: string[] = [];
    wb.worksheets[0]?.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain(range.rangeText);
    // A city sees its schools' numbers; 柳州 none of 南宁's.
    const lz = await request(api.app).get(`/api/campaigns/${s.campaignId}/numbers`).set(auth(await api.token('lz-reviewer'))).expect(200);
    expect(lz.body.ranges).toEqual([]);
  });
});

describe('one-time passwords', () => {
  it('a password reset by the province must be changed before any other work', async () => {
    const user = await api.db.user.findUniqueOrThrow({ where: { username: 'lz1-clerk' } });
    const reset = await request(api.app).post(`/api/admin/accounts/${user.id}/reset-password`).set(auth(await api.token('gx-admin'))).expect(200);
    const r = await request(api.app).post('/api/auth/sign-in').send({ username: 'lz1-clerk', password: reset.body.password }).expect(200);
    expect(r.body.user.mustChangePassword).toBe(true);
    const bearer = auth(r.body.token as string);
    const refused = await request(api.app).get(`/api/campaigns/${s.campaignId}`).set(bearer).expect(403);
    expect(refused.body.error.code).toBe('password-change-required');
    await request(api.app).post('/api/auth/change-password').set(bearer).send({ currentPassword: reset.body.password, newPassword: reset.body.password }).expect(400);
    await request(api.app).post('/api/auth/change-password').set(bearer).send({ currentPassword: reset.body.password, newPassword: 'Liuzhou-2024' }).expect(200);
    await request(api.app).get(`/api/campaigns/${s.campaignId}`).set(bearer).expect(200);
  });
});
