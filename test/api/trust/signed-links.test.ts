/**
 * Issue #10: the 附件3 审核表 through a short-lived signed URL, which the task pane opens in a browser
 * without a session. Served while fresh and untouched to the user it names, with their rights checked when
 * it is used; expired, altered (another school, another user, a longer life, another purpose) or minted
 * for a school the user may not see → refused, nothing served.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedAuditSheet } from '../../../server/use-cases/open-signed-audit-sheet';
import { auth, startApi, type Api } from '../harness';
import { approvedSchool, type ApprovedSchool } from '../scenario';

let api: Api;
let a: ApprovedSchool;
beforeAll(async () => {
  api = await startApi();
  a = await approvedSchool(api);
});
afterAll(async () => {
  await api?.close();
});

const binary = (res: request.Response, cb: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function mint(user: string, status: number, schoolId = a.schoolId): Promise<request.Response> {
  const token = await api.token(user);
  return request(api.app).post(`/api/campaigns/${a.campaignId}/schools/${schoolId}/audit-sheet/link`).set(auth(token)).expect(status);
}

function withParam(url: string, key: string, value: string): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set(key, value);
  return `${u.pathname}?${u.searchParams.toString()}`;
}

describe('signed 审核表 links', () => {
  it('serve the .xlsx without a session, to the user and school they were minted for', async () => {
    const link = await mint('nn1-clerk', 200);
    expect(link.body.url).toMatch(/^\/api\/signed\/audit-sheet\.xlsx\?/);
    const minutes = (Date.parse(link.body.expiresAt as string) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(4);
    expect(minutes).toBeLessThanOrEqual(5);
    const res = await request(api.app).get(link.body.url as string).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('attachment');
    expect((res.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    // Reviewers of the school mint their own.
    await mint('nn-reviewer', 200);
    await mint('gx-admin', 200);
  });

  it('are refused once expired', async () => {
    const link = await mint('nn1-clerk', 200);
    const q = Object.fromEntries(new URL(link.body.url as string, 'http://x').searchParams);
    const query = { campaign: q.campaign ?? '', school: q.school ?? '', user: q.user ?? '', expires: Number(q.expires), sig: q.sig ?? '' };
    // Still good a moment before the end, refused at it.
    await expect(openSignedAuditSheet(api.db, { query, now: new Date(query.expires * 1000 - 1000) })).resolves.toMatchObject({ filename: expect.any(String) });
    await expect(openSignedAuditSheet(api.db, { query, now: new Date(query.expires * 1000) })).rejects.toMatchObject({ code: 'signed-link-expired', status: 403 });
  });

  it('are refused when any part was changed', async () => {
    const link = await mint('nn1-clerk', 200);
    const url = link.body.url as string;
    const params = new URL(url, 'http://x').searchParams;
    const clerkOfLz = await api.db.user.findUniqueOrThrow({ where: { username: 'lz1-clerk' } });
    const tampered = [
      withParam(url, 'school', api.seed.orgs.lzSchool1 as string),
      withParam(url, 'user', clerkOfLz.id),
      withParam(url, 'expires', String(Number(params.get('expires')) + 3600)),
      withParam(url, 'sig', `${(params.get('sig') ?? '').slice(0, -1)}${params.get('sig')?.endsWith('A') ? 'B' : 'A'}`),
    ];
    for (const t of tampered) {
      const res = await request(api.app).get(t).expect(403);
      expect(res.body.error.code).toBe('signed-link-invalid');
      expect(res.body.error.message).toContain('下载链接无效');
    }
    // A malformed signature is bad input.
    expect((await request(api.app).get(withParam(url, 'sig', 'x')).expect(400)).body.error.code).toBe('invalid-input');
    // The same signature does not open another purpose's route (the export route needs a session).
    await request(api.app).get(`/api/campaigns/${a.campaignId}/schools/${a.schoolId}/audit-sheet.xlsx?${params.toString()}`).expect(401);
  });

  it('are minted only for a school the user may see, and stop working when the user loses the right', async () => {
    expect((await mint('lz1-clerk', 404)).body.error.code).toBe('not-found');
    expect((await mint('lz-reviewer', 404)).body.error.code).toBe('not-found');
    await request(api.app).post(`/api/campaigns/${a.campaignId}/schools/${a.schoolId}/audit-sheet/link`).expect(401);
    const own = await mint('nn-reviewer', 200);
    await api.db.user.update({ where: { username: 'nn-reviewer' }, data: { disabled: true } });
    try {
      expect((await request(api.app).get(own.body.url as string).expect(403)).body.error.code).toBe('signed-link-invalid');
    } finally {
      await api.db.user.update({ where: { username: 'nn-reviewer' }, data: { disabled: false } });
    }
  });
});
