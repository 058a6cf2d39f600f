/**
 * Role × organisation over EVERY route of the route table: anonymous → 401; a role the route does not
 * allow → 403; an allowed role outside the resource's organisation → 404 (another school's, city's or
 * province's data does not exist for them); an allowed role inside it → not refused. The resource is
 * always 南宁市第一职业技术学校's (school A, city 南宁, province 广西). A route missing from the table
 * fails the test, so a new endpoint cannot ship without its row.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../server/http/routes';
import { writeOrgTemplate } from '../../server/xlsx/org-sheet';
import { goodGxWorkbook, MAJOR } from './fixtures';
import { auth, PASSWORD, startApi, newKey, type Api } from './harness';
import { approvedSchool, type ApprovedSchool } from './scenario';

const ACTORS = ['anonymous', 'nn1-clerk', 'nn4-clerk', 'lz1-clerk', 'college-clerk', 'nn-reviewer', 'lz-reviewer', 'gx-admin', 'hb-admin'] as const;
type ActorName = (typeof ACTORS)[number];
const ROLE: Record<Exclude<ActorName, 'anonymous'>, string> = {
  'nn1-clerk': 'CLERK',
  'nn4-clerk': 'CLERK',
  'lz1-clerk': 'CLERK',
  'college-clerk': 'COLLEGE_CLERK',
  'nn-reviewer': 'CITY_REVIEWER',
  'lz-reviewer': 'CITY_REVIEWER',
  'gx-admin': 'PROVINCE_ADMIN',
  'hb-admin': 'PROVINCE_ADMIN',
};

/** Actors that can see school A's data (and the 广西 campaign). */
const SEES_SCHOOL_A: ActorName[] = ['nn1-clerk', 'nn-reviewer', 'gx-admin'];
/** Actors of 广西 (see the campaign), i.e. everyone but hb-admin. */
const GX: ActorName[] = ['nn1-clerk', 'nn4-clerk', 'lz1-clerk', 'college-clerk', 'nn-reviewer', 'lz-reviewer', 'gx-admin'];

interface Row {
  url: (s: ApprovedSchool) => string;
  body?: (s: ApprovedSchool, actor: ActorName) => unknown;
  headers?: () => Record<string, string>;
  /** Allowed-role actors for which the resource exists; other allowed-role actors get 404. */
  visibleTo: ActorName[];
}

let api: Api;
let s: ApprovedSchool;
/** An account of school A that the set-up routes may reset and disable without disturbing the others. */
let spareUserId = '';
/** The organisation template (its example rows are 广西's demo organisations), base64. */
let orgTemplate = '';

const table: Record<string, Row> = {
  'get /api/health': { url: () => '/api/health', visibleTo: [] },
  'post /api/auth/sign-in': { url: () => '/api/auth/sign-in', body: () => ({ username: 'gx-admin', password: PASSWORD }), visibleTo: [] },
  'post /api/auth/sign-out': { url: () => '/api/auth/sign-out', visibleTo: GX.concat('hb-admin') },
  'get /api/me': { url: () => '/api/me', visibleTo: GX.concat('hb-admin') },
  'get /api/campaigns': { url: () => '/api/campaigns', visibleTo: GX.concat('hb-admin') },
  'get /api/campaigns/:id': { url: (x) => `/api/campaigns/${x.campaignId}`, visibleTo: GX },
  // The clerk's own submission: only schools that have one.
  'get /api/campaigns/:id/submission': { url: (x) => `/api/campaigns/${x.campaignId}/submission`, visibleTo: ['nn1-clerk'] },
  'put /api/campaigns/:id/submission': {
    url: (x) => `/api/campaigns/${x.campaignId}/submission`,
    headers: () => ({ 'Idempotency-Key': newKey() }),
    body: () => ({ baseVersion: 0, workbook: goodGxWorkbook().grid }),
    visibleTo: GX,
  },
  'post /api/campaigns/:id/submission/submit': { url: (x) => `/api/campaigns/${x.campaignId}/submission/submit`, visibleTo: ['nn1-clerk', 'lz1-clerk', 'nn4-clerk', 'college-clerk'] },
  'post /api/campaigns/:id/submission/withdraw': { url: (x) => `/api/campaigns/${x.campaignId}/submission/withdraw`, visibleTo: ['nn1-clerk', 'lz1-clerk', 'nn4-clerk', 'college-clerk'] },
  'get /api/campaigns/:id/review-queue': { url: (x) => `/api/campaigns/${x.campaignId}/review-queue`, visibleTo: GX },
  'get /api/submissions/:id': { url: (x) => `/api/submissions/${x.submissionId}`, visibleTo: SEES_SCHOOL_A },
  'get /api/submissions/:id/rows': { url: (x) => `/api/submissions/${x.submissionId}/rows`, visibleTo: SEES_SCHOOL_A },
  'post /api/submissions/:id/approve': { url: (x) => `/api/submissions/${x.submissionId}/approve`, body: () => ({}), visibleTo: SEES_SCHOOL_A },
  'post /api/submissions/:id/return': { url: (x) => `/api/submissions/${x.submissionId}/return`, body: () => ({ comment: '请核对' }), visibleTo: SEES_SCHOOL_A },
  'post /api/campaigns/:id/number-applications': {
    url: (x) => `/api/campaigns/${x.campaignId}/number-applications`,
    body: () => ({ items: [{ major: MAJOR, count: 1 }] }),
    visibleTo: GX,
  },
  'get /api/campaigns/:id/number-applications': { url: (x) => `/api/campaigns/${x.campaignId}/number-applications`, visibleTo: GX },
  'post /api/number-applications/:id/allocate': { url: (x) => `/api/number-applications/${x.applicationId}/allocate`, body: () => ({}), visibleTo: SEES_SCHOOL_A },
  'post /api/number-applications/:id/reject': { url: (x) => `/api/number-applications/${x.applicationId}/reject`, body: () => ({ comment: '不符合' }), visibleTo: SEES_SCHOOL_A },
  'post /api/campaigns/:id/schools/:schoolId/certificate-numbers/assign': {
    url: (x) => `/api/campaigns/${x.campaignId}/schools/${x.schoolId}/certificate-numbers/assign`,
    visibleTo: SEES_SCHOOL_A,
  },
  'get /api/campaigns/:id/schools/:schoolId/certificate-numbers': {
    url: (x) => `/api/campaigns/${x.campaignId}/schools/${x.schoolId}/certificate-numbers`,
    visibleTo: SEES_SCHOOL_A,
  },
  'post /api/certificates/void': {
    url: () => '/api/certificates/void',
    body: (x) => ({ certificateNumber: x.certificateNumbers[4], reason: '打印错误' }),
    visibleTo: SEES_SCHOOL_A,
  },
  'post /api/certificates/proofs': {
    url: () => '/api/certificates/proofs',
    body: (x, actor) => ({ certificateNumber: x.certificateNumbers[0], reason: '遗失', proofNumber: `证字-${actor}` }),
    visibleTo: SEES_SCHOOL_A,
  },
  'post /api/campaigns/:id/spot-checks': { url: (x) => `/api/campaigns/${x.campaignId}/spot-checks`, body: (x) => ({ schoolId: x.schoolId }), visibleTo: SEES_SCHOOL_A },
  'get /api/campaigns/:id/spot-checks': { url: (x) => `/api/campaigns/${x.campaignId}/spot-checks`, visibleTo: GX },
  'post /api/campaigns/:id/graduation': { url: (x) => `/api/campaigns/${x.campaignId}/graduation`, body: (x) => ({ schoolId: x.schoolId }), visibleTo: SEES_SCHOOL_A },
  'post /api/campaigns/:id/graduation/rollback': {
    url: (x) => `/api/campaigns/${x.campaignId}/graduation/rollback`,
    body: (x) => ({ schoolId: x.schoolId }),
    visibleTo: SEES_SCHOOL_A,
  },
  'get /api/public/certificates': { url: (x) => `/api/public/certificates?name=${encodeURIComponent('黄志强')}&certificateNumber=${encodeURIComponent(x.certificateNumbers[1] ?? '')}`, visibleTo: [] },
  'get /api/audit': { url: () => '/api/audit', visibleTo: ['gx-admin', 'hb-admin'] },
  // ── the bureau console (issue #9) ──
  'post /api/auth/change-password': {
    url: () => '/api/auth/change-password',
    body: () => ({ currentPassword: 'wrong-password', newPassword: 'New-Passw0rd' }),
    visibleTo: GX.concat('hb-admin'),
  },
  'get /api/admin/organisations': { url: () => '/api/admin/organisations', visibleTo: ['gx-admin', 'hb-admin'] },
  'get /api/admin/organisations/template.xlsx': { url: () => '/api/admin/organisations/template.xlsx', visibleTo: ['gx-admin', 'hb-admin'] },
  'post /api/admin/organisations/import': { url: () => '/api/admin/organisations/import', body: () => ({ file: orgTemplate }), visibleTo: ['gx-admin', 'hb-admin'] },
  'post /api/admin/organisations': { url: () => '/api/admin/organisations', body: (_x, actor) => ({ kind: 'CITY', name: `测试市-${actor}` }), visibleTo: ['gx-admin', 'hb-admin'] },
  'post /api/admin/accounts': { url: () => '/api/admin/accounts', body: (x, actor) => ({ orgId: x.schoolId, username: `new-${actor}` }), visibleTo: ['gx-admin'] },
  'post /api/admin/accounts/:id/disable': { url: () => `/api/admin/accounts/${spareUserId}/disable`, body: () => ({ disabled: false }), visibleTo: ['gx-admin'] },
  'post /api/admin/accounts/:id/reset-password': { url: () => `/api/admin/accounts/${spareUserId}/reset-password`, visibleTo: ['gx-admin'] },
  'get /api/admin/packs': { url: () => '/api/admin/packs', visibleTo: ['gx-admin', 'hb-admin'] },
  'post /api/admin/campaigns': { url: () => '/api/admin/campaigns', body: () => ({ packId: 'gx-zz', year: 2031 }), visibleTo: ['gx-admin', 'hb-admin'] },
  'put /api/admin/campaigns/:id/dates': { url: (x) => `/api/admin/campaigns/${x.campaignId}/dates`, body: () => ({ submissionDue: '2099-12-31' }), visibleTo: ['gx-admin'] },
  'post /api/campaigns/:id/schools/:schoolId/reopen': { url: (x) => `/api/campaigns/${x.campaignId}/schools/${x.schoolId}/reopen`, body: () => ({ until: '2099-12-31' }), visibleTo: ['gx-admin'] },
  'get /api/campaigns/:id/progress': { url: (x) => `/api/campaigns/${x.campaignId}/progress`, visibleTo: ['nn-reviewer', 'lz-reviewer', 'gx-admin'] },
  'get /api/campaigns/:id/progress.xlsx': { url: (x) => `/api/campaigns/${x.campaignId}/progress.xlsx?only=overdue`, visibleTo: ['nn-reviewer', 'lz-reviewer', 'gx-admin'] },
  'get /api/campaigns/:id/numbers': { url: (x) => `/api/campaigns/${x.campaignId}/numbers`, visibleTo: ['nn-reviewer', 'lz-reviewer', 'gx-admin'] },
  'get /api/campaigns/:id/schools/:schoolId/audit-sheet.xlsx': {
    url: (x) => `/api/campaigns/${x.campaignId}/schools/${x.schoolId}/audit-sheet.xlsx`,
    visibleTo: SEES_SCHOOL_A,
  },
  'post /api/campaigns/:id/schools/:schoolId/audit-sheet/link': {
    url: (x) => `/api/campaigns/${x.campaignId}/schools/${x.schoolId}/audit-sheet/link`,
    visibleTo: SEES_SCHOOL_A,
  },
  // Public: the signature stands in for the session (test/api/trust/signed-links.test.ts).
  'get /api/signed/audit-sheet.xlsx': { url: () => signedUrl, visibleTo: [] },
  'get /api/campaigns/:id/enrollment-conflicts': { url: (x) => `/api/campaigns/${x.campaignId}/enrollment-conflicts`, visibleTo: ['nn-reviewer', 'lz-reviewer', 'gx-admin'] },
  'post /api/enrollment-conflicts/:id/resolve': {
    url: () => `/api/enrollment-conflicts/${conflictId}/resolve`,
    body: () => ({ decision: 'refuse', comment: '不属于本校' }),
    visibleTo: SEES_SCHOOL_A,
  },
};

/** A case school A listed that 柳州一职 holds (the resolve route's resource). */
let conflictId = '';
/** A signed 审核表 link minted by school A's clerk. */
let signedUrl = '';

beforeAll(async () => {
  api = await startApi();
  s = await approvedSchool(api);
  spareUserId = (await api.db.user.create({ data: { username: 'spare-clerk', role: 'CLERK', orgId: s.schoolId, passwordHash: 'unused' } })).id;
  orgTemplate = (await writeOrgTemplate('广西壮族自治区教育厅')).toString('base64');
  const conflict = await api.db.enrollmentConflict.create({
    data: { campaignId: s.campaignId, idNumber: '450102200001010000', claimingSchoolId: s.schoolId, holdingSchoolId: api.seed.orgs.lzSchool1 as string, holdingReason: 'APPROVED' },
  });
  conflictId = conflict.id;
  const link = await request(api.app).post(`/api/campaigns/${s.campaignId}/schools/${s.schoolId}/audit-sheet/link`).set(auth(await api.token('nn1-clerk')));
  signedUrl = link.body.url as string;
});
afterAll(async () => {
  await api?.close();
});

describe('authorisation matrix', () => {
  it('has a row for every route', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(keys.filter((k) => !(k in table))).toEqual([]);
    expect(Object.keys(table).filter((k) => !keys.includes(k))).toEqual([]);
  });

  const cases = routes.flatMap((route) => ACTORS.map((actor) => ({ key: `${route.method} ${route.path}`, route, actor })));

  it.each(cases)('$key as $actor', async ({ key, route, actor }) => {
    const row = table[key];
    if (!row) throw new Error(`no row for ${key}`);
    const url = row.url(s);
    let req = request(api.app)[route.method](url);
    if (actor !== 'anonymous') {
      // sign-out revokes the token: use a fresh one there.
      const token =
        key === 'post /api/auth/sign-out'
          ? ((await request(api.app).post('/api/auth/sign-in').send({ username: actor, password: PASSWORD })).body.token as string)
          : await api.token(actor);
      req = req.set(auth(token));
    }
    for (const [h, v] of Object.entries(row.headers?.() ?? {})) req = req.set(h, v);
    const body = row.body?.(s, actor);
    const res = body === undefined ? await req : await req.send(body as object);

    const code = (res.body as { error?: { code?: string } }).error?.code;
    expect(res.status, `${key} as ${actor}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
    if (route.auth === 'public') {
      expect(res.status).toBe(200);
      return;
    }
    if (actor === 'anonymous') {
      expect(res.status).toBe(401);
      expect(code).toBe('unauthenticated');
      return;
    }
    if (!(route.auth as readonly string[]).includes(ROLE[actor])) {
      expect(res.status).toBe(403);
      expect(code).toBe('forbidden');
      return;
    }
    if (!row.visibleTo.includes(actor)) {
      expect(res.status, `${key} as ${actor}: ${JSON.stringify(res.body)}`).toBe(404);
      expect(code).toBe('not-found');
      return;
    }
    expect([401, 403, 404], `${key} as ${actor}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).not.toContain(res.status);
  });

  it('never shows one province’s audit trail to another', async () => {
    const hb = await request(api.app).get('/api/audit?limit=500').set(auth(await api.token('hb-admin'))).expect(200);
    const ids = (hb.body.items as { entityId: string }[]).map((i) => i.entityId);
    expect(ids).not.toContain(s.submissionId);
  });

  it('expired and revoked sessions are refused', async () => {
    const signIn = await request(api.app).post('/api/auth/sign-in').send({ username: 'nn1-clerk', password: PASSWORD }).expect(200);
    const token = signIn.body.token as string;
    await request(api.app).get('/api/me').set(auth(token)).expect(200);
    // Idle for longer than the idle timeout.
    await api.db.session.updateMany({ where: { userId: signIn.body.user.id, revokedAt: null }, data: { lastSeenAt: new Date(Date.now() - api.config.session.idleMs - 1000) } });
    const idle = await request(api.app).get('/api/me').set(auth(token)).expect(401);
    expect(idle.body.error.code).toBe('session-expired');

    const again = await request(api.app).post('/api/auth/sign-in').send({ username: 'nn1-clerk', password: PASSWORD }).expect(200);
    await request(api.app).post('/api/auth/sign-out').set(auth(again.body.token as string)).expect(204);
    await request(api.app).get('/api/me').set(auth(again.body.token as string)).expect(401);

    const wrong = await request(api.app).post('/api/auth/sign-in').send({ username: 'nn1-clerk', password: 'nope' }).expect(401);
    expect(wrong.body.error.code).toBe('invalid-credentials');
    const unknown = await request(api.app).post('/api/auth/sign-in').send({ username: 'nobody', password: 'nope' }).expect(401);
    expect(unknown.body.error).toEqual(wrong.body.error);
    await request(api.app).get('/api/me').set('Authorization', 'Bearer not-a-token').expect(401);
  });
});
