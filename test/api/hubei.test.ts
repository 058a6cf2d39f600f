/**
 * Hubei 2018: the graduation operation (毕业/结业 from the pack's rule), rollback within six months and
 * refused after, the graduation lock, the public look-up (name + 国家学籍号) answering only existence and
 * basic fields, and the rate limits on look-up and sign-in.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell, WorkbookGrid } from '../../core/grid/cell';
import { getPack } from '../../core/templates/registry';
import { createApp } from '../../server/app';
import { createMemoryLogger } from '../../server/http/logger';
import { worksheetToGrid } from '../../server/xlsx/read-workbook';
import { writeTemplate } from '../../server/xlsx/write-template';
import { makeId } from '../helpers/ids';
import { fillLabel, locateTable } from '../helpers/xlsx';
import { auth, newKey, PASSWORD, startApi, type Api } from './harness';

const HB = getPack('hb-pg-2018');

interface HbStudent {
  name: string;
  gender: '男' | '女';
  birth: string;
  credits: number;
  conclusion: '毕业' | '结业';
  index: number;
}

const PEOPLE: HbStudent[] = [
  { name: '张伟', gender: '男', birth: '20000315', credits: 150, conclusion: '毕业', index: 1 },
  { name: '李娜', gender: '女', birth: '20000708', credits: 146, conclusion: '毕业', index: 2 },
  { name: '王磊', gender: '男', birth: '19991122', credits: 120, conclusion: '结业', index: 3 },
];

function idOf(p: HbStudent): string {
  return makeId({ gender: p.gender === '男' ? 'male' : 'female', birth: p.birth, area: '420102', index: p.index });
}

function hubeiWorkbook(): WorkbookGrid {
  if (!HB) throw new Error('no hb pack');
  const kind = HB.sheetKinds[0];
  if (!kind) throw new Error('no kind');
  const wb = writeTemplate(HB);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  fillLabel(ws, '学校名称（盖章）', '武汉市第一中学');
  const table = locateTable(ws, kind);
  const grid = worksheetToGrid(ws);
  const head = grid.rows.slice(0, table.firstDataRow - 1);
  const tail = grid.rows.slice(table.firstDataRow - 1 + kind.blankRows);
  const rows = PEOPLE.map((p, i) => {
    const r: (Cell | null)[] = [];
    const set = (key: string, cell: Cell) => {
      const c = table.columns[key];
      if (c !== undefined) r[c - 1] = cell;
    };
    const id = idOf(p);
    set('serial', { value: i + 1, type: 'number' });
    set('name', { value: p.name, type: 'string' });
    set('gender', { value: p.gender, type: 'string' });
    set('ethnicity', { value: '汉族', type: 'string' });
    set('nativePlace', { value: '湖北武汉', type: 'string' });
    set('birthDate', { value: `${p.birth.slice(0, 4)}-${p.birth.slice(4, 6)}-${p.birth.slice(6)}`, type: 'string' });
    set('idNumber', { value: id, type: 'string', numberFormat: '@' });
    set('studentNumber', { value: `G${id}`, type: 'string', numberFormat: '@' });
    set('credits', { value: p.credits, type: 'number' });
    set('moral', { value: '合格', type: 'string' });
    set('fitness', { value: '达标', type: 'string' });
    set('conclusion', { value: p.conclusion, type: 'string' });
    return Array.from({ length: Math.max(r.length, 1) }, (_, k) => r[k] ?? null);
  });
  return { sheets: [{ name: grid.name, rows: [...head, ...rows, ...tail] }] };
}

let api: Api;
let campaignId: string;
let clerk: { Authorization: string };

beforeAll(async () => {
  api = await startApi();
  campaignId = api.seed.campaigns.hb;
  clerk = auth(await api.token('wh1-clerk'));
  const put = await request(api.app).put(`/api/campaigns/${campaignId}/submission`).set(clerk).set('Idempotency-Key', newKey()).send({ baseVersion: 0, workbook: hubeiWorkbook() });
  if (put.status !== 200 || put.body.report.stats.errors !== 0) {
    throw new Error(`hubei upload: ${put.status} ${JSON.stringify(put.body.report?.issues ?? put.body).slice(0, 800)}`);
  }
  await request(api.app).post(`/api/campaigns/${campaignId}/submission/submit`).set(clerk).expect(200);
});
afterAll(async () => {
  await api?.close();
});

const lookUp = (q: Record<string, string>) => request(api.app).get('/api/public/certificates').query(q);

describe('Hubei graduation operation', () => {
  it('operates 毕业/结业 by the rule, refuses a second run, and rolls back within six months', async () => {
    const first = PEOPLE[0] as HbStudent;
    expect((await lookUp({ name: first.name, studentNumber: `G${idOf(first)}` }).expect(200)).body).toEqual({ found: false });

    const op = await request(api.app).post(`/api/campaigns/${campaignId}/graduation`).set(clerk).send({}).expect(200);
    expect(op.body).toMatchObject({ students: 3, graduated: 2, completed: 1 });
    const twice = await request(api.app).post(`/api/campaigns/${campaignId}/graduation`).set(clerk).send({}).expect(409);
    expect(twice.body.error.code).toBe('graduation-already-operated');

    // The public look-up: existence and basic fields only.
    const found = await lookUp({ name: first.name, studentNumber: `G${idOf(first)}` }).expect(200);
    expect(found.body).toEqual({
      found: true,
      certificate: { number: null, name: first.name, schoolName: '武汉市第一中学', year: 2018, conclusion: '毕业', status: null },
    });
    expect(JSON.stringify(found.body)).not.toContain(idOf(first).slice(0, 14));
    const third = PEOPLE[2] as HbStudent;
    expect((await lookUp({ name: third.name, studentNumber: `G${idOf(third)}` })).body.certificate.conclusion).toBe('结业');
    expect((await lookUp({ name: '张伟', studentNumber: `G${idOf(PEOPLE[1] as HbStudent)}` })).body).toEqual({ found: false });

    const back = await request(api.app).post(`/api/campaigns/${campaignId}/graduation/rollback`).set(clerk).send({}).expect(200);
    expect(back.body.rolledBack).toBe(3);
    expect((await lookUp({ name: first.name, studentNumber: `G${idOf(first)}` })).body).toEqual({ found: false });
    const none = await request(api.app).post(`/api/campaigns/${campaignId}/graduation/rollback`).set(clerk).send({}).expect(409);
    expect(none.body.error.code).toBe('graduation-not-operated');
  });

  it('refuses a rollback after six months, naming the deadline', async () => {
    await request(api.app).post(`/api/campaigns/${campaignId}/graduation`).set(clerk).send({}).expect(200);
    // The operation happened seven months ago.
    const past = new Date(Date.now() - 7 * 31 * 86_400_000);
    await api.db.graduationRecord.updateMany({ where: { campaignId, rolledBackAt: null }, data: { operatedAt: past } });
    const res = await request(api.app).post(`/api/campaigns/${campaignId}/graduation/rollback`).set(clerk).send({}).expect(409);
    expect(res.body.error.code).toBe('rollback-expired');
    expect(res.body.error.message).toContain('六个月');
    expect(res.body.error.params.deadline).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    // Five months ago is still fine.
    await api.db.graduationRecord.updateMany({ where: { campaignId, rolledBackAt: null }, data: { operatedAt: new Date(Date.now() - 5 * 30 * 86_400_000) } });
    await request(api.app).post(`/api/campaigns/${campaignId}/graduation/rollback`).set(clerk).send({}).expect(200);
  });

  it('the province operates for a school it names; the graduation lock stops everyone', async () => {
    const admin = auth(await api.token('hb-admin'));
    const schoolId = api.seed.orgs.whSchool1 as string;
    const missing = await request(api.app).post(`/api/campaigns/${campaignId}/graduation`).set(admin).send({}).expect(400);
    expect(missing.body.error.code).toBe('invalid-input');
    await request(api.app).post(`/api/campaigns/${campaignId}/graduation`).set(admin).send({ schoolId }).expect(200);
    await request(api.app).post(`/api/campaigns/${campaignId}/graduation/rollback`).set(admin).send({ schoolId }).expect(200);

    const lock = await api.db.campaignLock.create({ data: { campaignId, lockAt: new Date('2018-05-31T15:59:00Z'), label: '第二次档案锁定', scope: 'graduation' } });
    const locked = await request(api.app).post(`/api/campaigns/${campaignId}/graduation`).set(clerk).send({}).expect(423);
    expect(locked.body.error).toMatchObject({ code: 'campaign-locked', params: { lockedAt: '2018-05-31 23:59' } });
    await api.db.campaignLock.delete({ where: { id: lock.id } });

    const audit = await request(api.app).get('/api/audit?entity=school-campaign').set(admin).expect(200);
    const actions = (audit.body.items as { action: string; before: unknown; after: unknown }[]).map((a) => a.action);
    expect(actions).toContain('graduation.operate');
    expect(actions).toContain('graduation.rollback');
  });
});

describe('rate limits', () => {
  it('limits the public look-up per IP and sign-in per username + IP', async () => {
    const logger = createMemoryLogger();
    const app = createApp({
      db: api.db,
      logger,
      config: { ...api.config, rateLimits: { ...api.config.rateLimits, lookUp: { windowMs: 60_000, limit: 3 }, signIn: { windowMs: 60_000, limit: 2 } } },
    });
    for (let i = 0; i < 3; i++) await request(app).get('/api/public/certificates').query({ name: '张三', certificateNumber: `X${i}` }).expect(200);
    const limited = await request(app).get('/api/public/certificates').query({ name: '张三', certificateNumber: 'X9' }).expect(429);
    expect(limited.body.error.code).toBe('rate-limited');

    await request(app).post('/api/auth/sign-in').send({ username: 'wh-reviewer', password: 'wrong' }).expect(401);
    await request(app).post('/api/auth/sign-in').send({ username: 'wh-reviewer', password: 'wrong' }).expect(401);
    const blocked = await request(app).post('/api/auth/sign-in').send({ username: 'wh-reviewer', password: PASSWORD }).expect(429);
    expect(blocked.body.error.code).toBe('rate-limited');
    // Another username from the same address is not blocked.
    await request(app).post('/api/auth/sign-in').send({ username: 'hb-admin', password: PASSWORD }).expect(200);
    // The look-up's query (names) never reaches the log.
    expect(logger.lines.join('\n')).not.toContain('certificateNumber');
  });
});
