/** The remote controller against a fake fetch: sessions, storage partitions, and failures. */
import { describe, expect, it } from 'vitest';
import { FakePort } from '../testing/fake-port';
import { createRemoteController } from './controller';
import { memoryStorage } from './session-store';

const USER = {
  id: '0190a000-0000-7000-8000-000000000001',
  username: 'nn1-clerk',
  displayName: '南宁一职 经办人',
  role: 'CLERK',
  mustChangePassword: false,
  org: { id: '0190a000-0000-7000-8000-000000000002', kind: 'SCHOOL', name: '南宁市第一职业技术学校', code: '4145010001' },
};
const CAMPAIGN = {
  id: '0190a000-0000-7000-8000-000000000003',
  packId: 'gx-zz-2022',
  year: 2022,
  name: '2022年广西中等职业学校毕业证书验印',
  status: 'OPEN',
  receiptDue: null,
  submissionDue: null,
  locks: [],
  series: [{ id: '0190a000-0000-7000-8000-000000000004', prefix: '桂教中专毕字（2022）', serialWidth: 6, scope: 'CAMPAIGN' }],
};

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

function fakeFetch(routes: Record<string, Handler>) {
  const calls: { url: string; method: string; auth: string | null }[] = [];
  const impl = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const path = new URL(url, 'http://x').pathname;
    calls.push({ url, method, auth: new Headers(init.headers).get('authorization') });
    const h = routes[`${method} ${path}`];
    if (!h) return json(404, { error: { code: 'not-found', message: '未找到接口。', messageEn: '', params: {} } });
    return h(url, init);
  };
  return { impl, calls };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const okRoutes: Record<string, Handler> = {
  'POST /api/auth/sign-in': () => json(200, { token: 'tok-1', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), idleTimeoutSeconds: 3600, user: USER }),
  'POST /api/auth/sign-out': () => new Response(null, { status: 204 }),
  'GET /api/me': () => json(200, USER),
  'GET /api/campaigns': () => json(200, { items: [CAMPAIGN] }),
  [`GET /api/campaigns/${CAMPAIGN.id}/number-applications`]: () => json(200, { items: [] }),
};

describe('remote controller: sessions', () => {
  it('stays signed in across reloads, per storage partition, and signs out', async () => {
    const storage = memoryStorage();
    const f = fakeFetch(okRoutes);
    const a = createRemoteController(new FakePort(), f.impl, storage, { baseUrl: 'https://yanyin.example', partitionKey: 'wb-A' });
    await a.signIn('nn1-clerk', 'secret');
    expect(a.getState()).toMatchObject({ phase: 'signed-in', campaignId: CAMPAIGN.id, submission: null });
    expect(Object.keys(storage.dump())).toEqual(['wb-A::yanyin.session']);
    expect(storage.dump()['wb-A::yanyin.session']).not.toContain('secret');

    // The pane is reloaded: same partition → signed in again (token checked with /api/me).
    const b = createRemoteController(new FakePort(), f.impl, storage, { baseUrl: 'https://yanyin.example', partitionKey: 'wb-A' });
    await b.start();
    expect(b.getState().phase).toBe('signed-in');
    expect(b.getState().user?.username).toBe('nn1-clerk');
    expect(f.calls.filter((c) => c.url.endsWith('/api/me'))).toEqual([{ url: 'https://yanyin.example/api/me', method: 'GET', auth: 'Bearer tok-1' }]);

    // Another workbook host (another partition) does not see it.
    const c = createRemoteController(new FakePort(), f.impl, storage, { baseUrl: 'https://yanyin.example', partitionKey: 'wb-B' });
    await c.start();
    expect(c.getState().phase).toBe('signed-out');

    await b.signOut();
    expect(b.getState().phase).toBe('signed-out');
    expect(storage.dump()).toEqual({});
    expect(f.calls.some((x) => x.method === 'POST' && x.url.endsWith('/api/auth/sign-out'))).toBe(true);
  });

  it('an expired token on reload signs out with nothing else lost', async () => {
    const storage = memoryStorage();
    const a = createRemoteController(new FakePort(), fakeFetch(okRoutes).impl, storage, { baseUrl: '', partitionKey: '' });
    await a.signIn('nn1-clerk', 'secret');
    const expired = fakeFetch({
      ...okRoutes,
      'GET /api/me': () => json(401, { error: { code: 'session-expired', message: '登录已过期，请重新登录。', messageEn: '', params: {} } }),
    });
    const b = createRemoteController(new FakePort(), expired.impl, storage, { baseUrl: '', partitionKey: '' });
    await b.start();
    expect(b.getState().phase).toBe('signed-out');
    expect(b.getState().errors.map((e) => e.text)).toEqual(['登录已过期，请重新登录。']);
    expect(storage.dump()).toEqual({});
  });

  it('a wrong password, no network, and a garbled answer each give a Chinese message', async () => {
    const wrong = fakeFetch({
      'POST /api/auth/sign-in': () => json(401, { error: { code: 'invalid-credentials', message: '用户名或密码不正确。', messageEn: '', params: {} } }),
    });
    const a = createRemoteController(new FakePort(), wrong.impl, memoryStorage(), { baseUrl: '' });
    await a.signIn('x', 'y');
    expect(a.getState().phase).toBe('signed-out');
    expect(a.getState().errors[0]).toMatchObject({ code: 'invalid-credentials', text: '用户名或密码不正确。', retryable: false });

    const offline = createRemoteController(new FakePort(), () => Promise.reject(new TypeError('Failed to fetch')), memoryStorage(), { baseUrl: '' });
    await offline.signIn('x', 'y');
    expect(offline.getState().errors[0]).toMatchObject({ code: 'network', retryable: true });
    expect(offline.getState().errors[0]?.text).toContain('无法连接验印服务器');

    const garbled = fakeFetch({ 'POST /api/auth/sign-in': () => json(200, { token: 42 }) });
    const g = createRemoteController(new FakePort(), garbled.impl, memoryStorage(), { baseUrl: '' });
    await g.signIn('x', 'y');
    expect(g.getState().phase).toBe('signed-out');
    expect(g.getState().errors[0]?.code).toBe('invalid-response');

    const proxy = fakeFetch({ 'POST /api/auth/sign-in': () => new Response('<html>502 Bad Gateway</html>', { status: 502 }) });
    const p = createRemoteController(new FakePort(), proxy.impl, memoryStorage(), { baseUrl: '' });
    await p.signIn('x', 'y');
    expect(p.getState().errors[0]).toMatchObject({ code: 'server', retryable: true });
    expect(p.getState().errors[0]?.text).toContain('HTTP 502');
  });

  it('refuses to submit an empty workbook without calling the server', async () => {
    const f = fakeFetch(okRoutes);
    const a = createRemoteController(new FakePort({ Sheet1: [] }), f.impl, memoryStorage(), { baseUrl: '' });
    await a.signIn('nn1-clerk', 'secret');
    const before = f.calls.length;
    await a.submit();
    expect(a.getState().refusal).toBe('工作簿中没有任何数据，无法上报。');
    expect(f.calls.length).toBe(before);
  });
});

describe('remote controller: what is uploaded', () => {
  it('sends only the campaign’s template sheets, with an Idempotency-Key', async () => {
    const { ATT2_META, att2Row, filledSheet } = await import('../../../core/templates/testing');
    const att2 = filledSheet('att2', { name: '附件2', meta: ATT2_META, rows: [att2Row(0), att2Row(1)] });
    const port = new FakePort({
      附件2: att2.rows.map((r) => r.map((c) => c?.value ?? null)),
      私人备忘: [['张伟 手机 13800000000']],
    });
    let body: { baseVersion: number; workbook: { sheets: { name: string }[] } } | null = null;
    let key: string | null = null;
    const report = { valid: true, stats: { sheets: 1, recognizedSheets: 1, rows: 0, cells: 0, errors: 0, warnings: 0, fixable: 0, byCode: {} }, issues: [] };
    const view = {
      submission: { id: 's1', version: 2, status: 'SUBMITTED', campaignId: CAMPAIGN.id, school: { id: USER.org.id, name: USER.org.name }, submittedAt: null, updatedAt: '2022-04-20T00:00:00.000Z', rowCount: 2 },
      report,
      events: [],
    };
    const f = fakeFetch({
      ...okRoutes,
      [`PUT /api/campaigns/${CAMPAIGN.id}/submission`]: (_url, init) => {
        body = JSON.parse(String(init.body));
        key = new Headers(init.headers).get('idempotency-key');
        return json(200, { submission: { id: 's1', version: 1, status: 'DRAFT' }, report });
      },
      [`POST /api/campaigns/${CAMPAIGN.id}/submission/submit`]: () => json(200, view),
    });
    const c = createRemoteController(port, f.impl, memoryStorage(), { baseUrl: '' });
    await c.signIn('nn1-clerk', 'secret');
    await c.submit();
    expect(c.getState().errors).toEqual([]);
    expect(c.getState().submission?.status).toBe('SUBMITTED');
    const sent = body as { baseVersion: number; workbook: { sheets: { name: string }[] } } | null;
    expect(sent?.baseVersion).toBe(0);
    expect(sent?.workbook.sheets.map((s) => s.name)).toEqual(['附件2']);
    expect(key).toMatch(/^sub-[0-9a-f-]{36}$/);
  });
});
