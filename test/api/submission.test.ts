/**
 * PUT /api/campaigns/:id/submission under stress: retries (idempotency), stale versions, a failure in
 * the middle of the write (atomicity), lock dates, the cross-school duplicate check, and bad input of
 * many shapes — always a 4xx with a specific code, nothing written, no 500, and no ID number in the logs.
 */
import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueMessage } from '../../core/messages/render';
import { createApp } from '../../server/app';
import { AppError } from '../../server/errors';
import { createMemoryLogger } from '../../server/http/logger';
import { saveSubmission } from '../../server/use-cases/save-submission';
import { goodGxWorkbook, STUDENTS } from './fixtures';
import { auth, newKey, startApi, type Api } from './harness';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

/** Rows of every table a submission writes, to prove "nothing written". */
async function footprint() {
  const [submissions, versions, rows, issues, students, keys, audits, stages] = await Promise.all([
    api.db.submission.count(),
    api.db.submissionVersion.count(),
    api.db.submissionRow.count(),
    api.db.submissionIssue.count(),
    api.db.student.count(),
    api.db.idempotencyKey.count(),
    api.db.auditLog.count({ where: { entity: 'submission' } }),
    api.db.submissionStage.count(),
  ]);
  return { submissions, versions, rows, issues, students, keys, audits, stages };
}

const put = (campaignId: string, token: string, key: string | null, body: unknown) => {
  let r = request(api.app).put(`/api/campaigns/${campaignId}/submission`).set(auth(token));
  if (key) r = r.set('Idempotency-Key', key);
  return r.send(body as object);
};

describe('idempotency and versions', () => {
  it('a retried PUT returns the same response and writes once; the same key with another body is refused', async () => {
    const token = await api.token('lz1-clerk');
    const campaignId = api.seed.campaigns.gx;
    const body = { baseVersion: 0, workbook: goodGxWorkbook().grid };
    const key = newKey();
    const first = await put(campaignId, token, key, body).expect(200);
    const before = await footprint();
    const retry = await put(campaignId, token, key, body).expect(200);
    expect(retry.text).toBe(first.text); // byte for byte
    expect(await footprint()).toEqual(before);

    // Six concurrent duplicates of a NEW request: one does the work; each other one replays its answer
    // byte for byte or is told the request is still in progress; a retry afterwards replays it.
    const key2 = newKey();
    const next = { baseVersion: 1, workbook: goodGxWorkbook().grid };
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map(() => put(campaignId, token, key2, next)));
    const done = results.filter((r) => r.status === 200);
    expect(done.length).toBeGreaterThanOrEqual(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('idempotency-in-progress');
      expect(r.body.error.message).toContain('正在处理');
    }
    for (const r of done) expect(r.text).toBe(done[0]?.text);
    expect(done[0]?.body.submission.version).toBe(2);
    const later = await put(campaignId, token, key2, next).expect(200);
    expect(later.text).toBe(done[0]?.text);
    const versions = await api.db.submissionVersion.count({ where: { submission: { schoolId: api.seed.orgs.lzSchool1 as string } } });
    expect(versions).toBe(2);

    const changed = { baseVersion: 2, workbook: goodGxWorkbook().grid };
    const sheet0 = changed.workbook.sheets[0];
    if (sheet0) sheet0.name = '改名的工作表';
    const reused = await put(campaignId, token, key, changed).expect(422);
    expect(reused.body.error.code).toBe('idempotency-key-reused');
  });

  it('a stale baseVersion is refused with version-conflict, not merged', async () => {
    const token = await api.token('lz1-clerk');
    const campaignId = api.seed.campaigns.gx;
    const before = await footprint();
    const res = await put(campaignId, token, newKey(), { baseVersion: 1, workbook: goodGxWorkbook().grid }).expect(409);
    expect(res.body.error).toMatchObject({ code: 'version-conflict', params: { baseVersion: 1, currentVersion: 2 } });
    expect(res.body.error.message).toContain('第 2 版');
    expect(await footprint()).toEqual(before);
    // A first upload must say baseVersion 0.
    const college = await api.token('college-clerk');
    const res0 = await put(campaignId, college, newKey(), { baseVersion: 3, workbook: goodGxWorkbook().grid }).expect(409);
    expect(res0.body.error.params.currentVersion).toBe(0);
  });

  it('a missing Idempotency-Key is refused', async () => {
    const token = await api.token('lz1-clerk');
    const res = await put(api.seed.campaigns.gx, token, null, { baseVersion: 2, workbook: goodGxWorkbook().grid }).expect(400);
    expect(res.body.error.code).toBe('idempotency-key-required');
  });
});

describe('atomicity', () => {
  it('a submission failing after its rows are written leaves nothing behind', async () => {
    const user = await api.db.user.findUniqueOrThrow({ where: { username: 'nn4-clerk' } });
    const actor = { userId: user.id, role: user.role, orgId: user.orgId };
    const before = await footprint();
    await expect(
      saveSubmission(api.db, {
        actor,
        campaignId: api.seed.campaigns.gx,
        baseVersion: 0,
        workbook: goodGxWorkbook().grid,
        idempotency: { key: newKey(), requestHash: 'x', method: 'PUT', path: '/x' },
        afterChunk: async ({ table }) => {
          if (table !== 'student') return;
          // The rows really are there, under a stage no reader follows …
          expect(await api.db.student.count({ where: { schoolId: user.orgId } })).toBe(STUDENTS.length);
          expect(await api.db.submission.count({ where: { schoolId: user.orgId } })).toBe(0);
          throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    // … and gone after it.
    expect(await footprint()).toEqual(before);
  });
});

describe('lock dates', () => {
  it('after the lock, changes are refused naming the date; before it they pass', async () => {
    const campaignId = api.seed.campaigns.gx;
    const lock = await api.db.campaignLock.create({
      data: { campaignId, lockAt: new Date('2020-01-15T16:00:00Z'), label: '测试锁定', scope: 'submission' },
    });
    try {
      const token = await api.token('wz-clerk');
      const before = await footprint();
      const res = await put(campaignId, token, newKey(), { baseVersion: 0, workbook: goodGxWorkbook().grid }).expect(423);
      expect(res.body.error.code).toBe('campaign-locked');
      expect(res.body.error.message).toContain('2020-01-16 00:00');
      expect(res.body.error.params.lockedAt).toBe('2020-01-16 00:00');
      expect(await footprint()).toEqual(before);
      const submit = await request(api.app).post(`/api/campaigns/${campaignId}/submission/submit`).set(auth(await api.token('lz1-clerk'))).expect(423);
      expect(submit.body.error.code).toBe('campaign-locked');
    } finally {
      await api.db.campaignLock.delete({ where: { id: lock.id } });
    }
    await put(campaignId, await api.token('wz-clerk'), newKey(), { baseVersion: 0, workbook: goodGxWorkbook().grid }).expect(200);
  });
});

describe('closed campaigns', () => {
  it('a campaign that is not open refuses uploads', async () => {
    const campaignId = api.seed.campaigns.gx;
    await api.db.campaign.update({ where: { id: campaignId }, data: { status: 'CLOSED' } });
    try {
      const before = await footprint();
      const res = await put(campaignId, await api.token('college-clerk'), newKey(), { baseVersion: 0, workbook: goodGxWorkbook().grid }).expect(409);
      expect(res.body.error.code).toBe('campaign-not-open');
      expect(await footprint()).toEqual(before);
    } finally {
      await api.db.campaign.update({ where: { id: campaignId }, data: { status: 'OPEN' } });
    }
  });
});

describe('cross-school duplicates', () => {
  it('an ID in another school’s unapproved submission is a warning to both that names neither school', async () => {
    const campaignId = api.seed.campaigns.gx;
    // lz1-clerk (柳州一职) and wz-clerk (广西物资学校) both uploaded the same five students above.
    const wz = await request(api.app).get(`/api/campaigns/${campaignId}/submission`).set(auth(await api.token('wz-clerk'))).expect(200);
    const dupes = (wz.body.report.issues as { code: string; params: Record<string, unknown>; severity: string; message: string }[]).filter(
      (i) => i.code === 'id-duplicate-other-school',
    );
    expect(dupes.length).toBe(STUDENTS.length);
    expect(dupes[0]?.params).toEqual({});
    expect(dupes[0]?.severity).toBe('warning');
    // Stored as code and params; the route renders the message (the contract's Issue.message).
    expect(dupes[0]?.message).toBe(issueMessage({ code: 'id-duplicate-other-school', params: {} }));
    const lz = await request(api.app).get(`/api/campaigns/${campaignId}/submission`).set(auth(await api.token('lz1-clerk'))).expect(200);
    const lzDupes = (lz.body.report.issues as { code: string }[]).filter((i) => i.code === 'id-duplicate-other-school');
    expect(lzDupes).toHaveLength(STUDENTS.length);
    // A clerk does not learn where else the student is enrolled, nor anything of the other school's row.
    const text = JSON.stringify([lzDupes, dupes]);
    for (const school of ['广西物资学校', '柳州市第一职业技术学校']) expect(text).not.toContain(school);
    for (const s of STUDENTS) expect(text).not.toContain(s.id);
  });
});

describe('bad input', () => {
  const campaign = () => api.seed.campaigns.gx;
  const cases: { name: string; send: (token: string) => request.Test | Promise<request.Response>; status: number; code: string }[] = [
    { name: 'body not JSON', send: (t) => request(api.app).put(`/api/campaigns/${campaign()}/submission`).set(auth(t)).set('Idempotency-Key', newKey()).set('Content-Type', 'application/json').send('{"baseVersion": 0, "workbook": '), status: 400, code: 'invalid-json' },
    { name: 'text/plain body', send: (t) => request(api.app).put(`/api/campaigns/${campaign()}/submission`).set(auth(t)).set('Idempotency-Key', newKey()).set('Content-Type', 'text/plain').send('hello'), status: 415, code: 'unsupported-media-type' },
    { name: 'no body', send: (t) => request(api.app).put(`/api/campaigns/${campaign()}/submission`).set(auth(t)).set('Idempotency-Key', newKey()), status: 400, code: 'invalid-input' },
    { name: 'array body', send: (t) => put(campaign(), t, newKey(), []), status: 400, code: 'invalid-input' },
    { name: 'workbook missing', send: (t) => put(campaign(), t, newKey(), { baseVersion: 0 }), status: 400, code: 'invalid-input' },
    { name: 'baseVersion negative', send: (t) => put(campaign(), t, newKey(), { baseVersion: -1, workbook: { sheets: [{ name: 'a', rows: [] }] } }), status: 400, code: 'invalid-input' },
    { name: 'baseVersion a string', send: (t) => put(campaign(), t, newKey(), { baseVersion: '0', workbook: { sheets: [{ name: 'a', rows: [] }] } }), status: 400, code: 'invalid-input' },
    { name: 'no sheets', send: (t) => put(campaign(), t, newKey(), { baseVersion: 0, workbook: { sheets: [] } }), status: 400, code: 'invalid-input' },
    { name: 'rows not arrays', send: (t) => put(campaign(), t, newKey(), { baseVersion: 0, workbook: { sheets: [{ name: 'a', rows: 'x' }] } }), status: 400, code: 'invalid-input' },
    { name: 'cell value an object', send: (t) => put(campaign(), t, newKey(), { baseVersion: 0, workbook: { sheets: [{ name: 'a', rows: [[{ value: { x: 1 } }]] }] } }), status: 400, code: 'invalid-input' },
    { name: 'cell type unknown', send: (t) => put(campaign(), t, newKey(), { baseVersion: 0, workbook: { sheets: [{ name: 'a', rows: [[{ value: 1, type: 'blob' }]] }] } }), status: 400, code: 'invalid-input' },
    { name: 'duplicate sheet names', send: (t) => put(campaign(), t, newKey(), { baseVersion: 0, workbook: { sheets: [{ name: 'a', rows: [] }, { name: 'a', rows: [] }] } }), status: 400, code: 'invalid-input' },
    { name: 'sheet name too long', send: (t) => put(campaign(), t, newKey(), { baseVersion: 0, workbook: { sheets: [{ name: 'x'.repeat(500), rows: [] }] } }), status: 400, code: 'invalid-input' },
    { name: 'cell text over Excel’s limit', send: (t) => put(campaign(), t, newKey(), { baseVersion: 0, workbook: { sheets: [{ name: 'a', rows: [[{ value: 'x'.repeat(40_000) }]] }] } }), status: 400, code: 'invalid-input' },
    { name: 'too many columns', send: (t) => put(campaign(), t, newKey(), { baseVersion: 0, workbook: { sheets: [{ name: 'a', rows: [Array.from({ length: 300 }, () => null)] }] } }), status: 400, code: 'invalid-input' },
    { name: 'empty workbook', send: (t) => put(campaign(), t, newKey(), { baseVersion: 0, workbook: { sheets: [{ name: 'a', rows: [] }] } }), status: 422, code: 'workbook-empty' },
    { name: 'Idempotency-Key malformed', send: (t) => put(campaign(), t, 'bad key!', { baseVersion: 0, workbook: { sheets: [{ name: 'a', rows: [[{ value: 1 }]] }] } }), status: 400, code: 'invalid-input' },
    { name: 'campaign id not a UUID', send: (t) => put('not-a-uuid', t, newKey(), { baseVersion: 0, workbook: goodGxWorkbook().grid }), status: 400, code: 'invalid-input' },
    { name: 'unknown campaign', send: (t) => put('01900000-0000-7000-8000-000000000000', t, newKey(), { baseVersion: 0, workbook: goodGxWorkbook().grid }), status: 404, code: 'not-found' },
    { name: 'body over the size limit', send: (t) => put(campaign(), t, newKey(), { baseVersion: 0, workbook: { sheets: [{ name: 'a', rows: Array.from({ length: 700 }, () => [{ value: 'x'.repeat(32_000) }]) }] } }), status: 413, code: 'payload-too-large' },
    { name: 'submit with a bad version field', send: (t) => request(api.app).post(`/api/campaigns/${campaign()}/submission/submit`).set(auth(t)).send({ version: 'latest' }), status: 400, code: 'invalid-input' },
    { name: 'approve a non-UUID submission', send: () => request(api.app).post('/api/submissions/1/approve').set(auth('x'.repeat(43))).send({}), status: 401, code: 'unauthenticated' },
    { name: 'unknown API path', send: (t) => request(api.app).get('/api/nothing-here').set(auth(t)), status: 404, code: 'not-found' },
    { name: 'apply for 0 numbers', send: (t) => request(api.app).post(`/api/campaigns/${campaign()}/number-applications`).set(auth(t)).send({ items: [{ major: 'x', count: 0 }] }), status: 400, code: 'invalid-input' },
    { name: 'look-up without enough fields', send: () => request(api.app).get('/api/public/certificates?name=张三'), status: 400, code: 'invalid-input' },
    { name: 'sign-in without password', send: () => request(api.app).post('/api/auth/sign-in').send({ username: 'x' }), status: 400, code: 'invalid-input' },
    { name: 'audit with a bad limit', send: async () => request(api.app).get('/api/audit?limit=100000').set(auth(await api.token('gx-admin'))), status: 400, code: 'invalid-input' },
    { name: 'return an unknown submission', send: async () => request(api.app).post('/api/submissions/01900000-0000-7000-8000-000000000000/return').set(auth(await api.token('gx-admin'))).send({}), status: 404, code: 'not-found' },
    { name: 'void without a reason', send: (t) => request(api.app).post('/api/certificates/void').set(auth(t)).send({ certificateNumber: 'x' }), status: 400, code: 'invalid-input' },
    { name: 'graduation on a pack without one', send: (t) => request(api.app).post(`/api/campaigns/${campaign()}/graduation`).set(auth(t)).send({}), status: 409, code: 'graduation-not-applicable' },
  ];

  it.each(cases)('$name → $status $code, nothing written', async ({ send, status, code }) => {
    const token = await api.token('nn4-clerk');
    const before = await footprint();
    const res = await send(token);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.length).toBeGreaterThan(0);
    expect(res.body.error.messageEn.length).toBeGreaterThan(0);
    expect(await footprint()).toEqual(before);
  });

  it('zod problems name the field, not the value', async () => {
    const res = await put(campaign(), await api.token('nn4-clerk'), newKey(), { baseVersion: 0, workbook: { sheets: [{ name: 'a', rows: [[{ value: { secret: '450103200403151234' } }]] }] } }).expect(400);
    expect(res.body.error.params.field).toBe('body.workbook.sheets.0.rows.0.0.value');
    expect(JSON.stringify(res.body)).not.toContain('450103200403151234');
  });
});

describe('logs', () => {
  it('a server fault answers 500 with a request id and logs the error with IDs and names masked', async () => {
    const logger = createMemoryLogger();
    const broken = new Proxy(api.db, {
      get(target, prop, receiver) {
        if (prop === '$queryRaw') return () => Promise.reject(new Error('boom near 450103200403151234 张三丰'));
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const app = createApp({ db: broken, config: api.config, logger });
    const res = await request(app).get('/api/health').expect(500);
    expect(res.body.error.code).toBe('internal');
    expect(res.body.error.params.requestId).toBe(res.headers['x-request-id']);
    expect(JSON.stringify(res.body)).not.toContain('450103200403151234');
    const joined = logger.lines.join('\n');
    expect(joined).toContain('unhandled error');
    expect(joined).not.toContain('450103200403151234');
    expect(joined).not.toContain('张三丰');
  });

  it('never contain an ID number or a name, even after all of the above', async () => {
    // An unexpected failure inside a use case is logged (500) — with the ID redacted.
    const joined = api.logger.lines.join('\n');
    expect(api.logger.lines.length).toBeGreaterThan(10);
    for (const s of STUDENTS) {
      expect(joined).not.toContain(s.id);
      expect(joined).not.toContain(s.id.slice(0, 14));
      expect(joined).not.toContain(s.name);
    }
    expect(joined).not.toMatch(/\d{17}[\dX]/);
    expect(new AppError('internal', { requestId: 'r' }).status).toBe(500);
  });
});

describe('idempotency while the first attempt runs', () => {
  // (Last in the file: college-clerk's upload adds a third school holding the same IDs.)
  it('a retry during the first attempt is told to retry; a claim abandoned by a crash is taken over', async () => {
    const token = await api.token('college-clerk');
    const user = await api.db.user.findUniqueOrThrow({ where: { username: 'college-clerk' } });
    const campaignId = api.seed.campaigns.gx;
    const key = newKey();
    const body = { baseVersion: 0, workbook: goodGxWorkbook().grid };
    // What the first attempt leaves while it runs: its claim on the key (the same request, no answer yet).
    const probe = await put(campaignId, token, key, { ...body, baseVersion: 99 }).expect(409);
    expect(probe.body.error.code).toBe('version-conflict');
    expect(await api.db.idempotencyKey.count({ where: { userId: user.id, key } })).toBe(0); // released
    const claim = {
      userId: user.id,
      key,
      requestHash: createHash('sha256').update(JSON.stringify(body)).digest('hex'),
      method: 'PUT',
      path: `/api/campaigns/${campaignId}/submission`,
      expiresAt: new Date(Date.now() + 3_600_000),
    };
    await api.db.idempotencyKey.create({ data: claim });
    const busy = await put(campaignId, token, key, body).expect(409);
    expect(busy.body.error).toMatchObject({ code: 'idempotency-in-progress', message: '同一个请求正在处理中，请稍后重试。' });
    // The server that held the claim died: after a while, a retry runs the request.
    await api.db.idempotencyKey.updateMany({ where: { userId: user.id, key }, data: { createdAt: new Date(Date.now() - 3_600_000) } });
    const done = await put(campaignId, token, key, body).expect(200);
    const again = await put(campaignId, token, key, body).expect(200);
    expect(again.text).toBe(done.text);
  });
});
