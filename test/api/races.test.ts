/**
 * Races between requests, over HTTP, on the database the API suite runs on (PGlite by default,
 * YANYIN_TEST_DB=postgres for the server): every request ends in success or a meaningful refusal — never
 * a 500, never "failed" for a change that was made — and the limits hold under concurrency.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigAtt2Workbook, goodGxWorkbook } from './fixtures';
import { auth, newKey, startApi, type Api } from './harness';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

describe('concurrent requests end in success or a clear refusal', () => {
  it('10 concurrent approvals of one submission: one succeeds, nine get a 409, no 500', async () => {
    const campaignId = api.seed.campaigns.gx;
    const clerk = auth(await api.token('nn1-clerk'));
    const city = auth(await api.token('nn-reviewer'));
    await request(api.app).put(`/api/campaigns/${campaignId}/submission`).set(clerk).set('Idempotency-Key', newKey()).send({ baseVersion: 0, workbook: goodGxWorkbook().grid }).expect(200);
    const sub = await request(api.app).post(`/api/campaigns/${campaignId}/submission/submit`).set(clerk).expect(200);
    const id = sub.body.submission.id as string;
    const results = await Promise.all(Array.from({ length: 10 }, () => request(api.app).post(`/api/submissions/${id}/approve`).set(city).send({})));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(9).fill(409)]);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(['version-conflict', 'invalid-transition']).toContain(r.body.error.code);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await api.db.reviewEvent.count({ where: { submissionId: id, action: 'APPROVE' } })).toBe(1);
  }, 60_000);

  it('10 parallel applications for the last 18 numbers never exceed the graduates', async () => {
    const campaignId = api.seed.campaigns.gx;
    const clerk = auth(await api.token('lz1-clerk'));
    const major = '计算机应用';
    await request(api.app).put(`/api/campaigns/${campaignId}/submission`).set(clerk).set('Idempotency-Key', newKey()).send({ baseVersion: 0, workbook: bigAtt2Workbook(40, major) }).expect(200);
    await request(api.app).post(`/api/campaigns/${campaignId}/number-applications`).set(clerk).send({ items: [{ major, count: 22 }] }).expect(200);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => request(api.app).post(`/api/campaigns/${campaignId}/number-applications`).set(clerk).send({ items: [{ major, count: 5 }] })),
    );
    const accepted = results.filter((r) => r.status === 200).length;
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('numbers-exceed-graduates');
    }
    expect(accepted).toBe(3); // 22 + 3 × 5 = 37 ≤ 40 < 42
    const sum = await api.db.numberApplication.aggregate({ where: { campaignId, schoolId: api.seed.orgs.lzSchool1 as string, major }, _sum: { count: true } });
    expect(sum._sum.count).toBe(37);
  }, 60_000);

  it('90 parallel allocations (each application twice): every application carved once, the loser told it was already decided', async () => {
    const campaignId = api.seed.campaigns.gx;
    const province = auth(await api.token('gx-admin'));
    const clerk = await api.db.user.findUniqueOrThrow({ where: { username: 'wz-clerk' } });
    const applications = [];
    for (let i = 0; i < 45; i++) {
      applications.push(
        await api.db.numberApplication.create({ data: { campaignId, schoolId: clerk.orgId, major: `专业${i}`, count: 1 + (i % 3), appliedById: clerk.id } }),
      );
    }
    const requests = applications.flatMap((a) => [a.id, a.id]).map((id) => ({ id, res: request(api.app).post(`/api/number-applications/${id}/allocate`).set(province).send({}) }));
    const results = await Promise.all(requests.map(async ({ id, res }) => ({ id, r: await res })));
    const problems: string[] = [];
    for (const a of applications) {
      const mine = results.filter((x) => x.id === a.id).map((x) => x.r);
      const won = mine.filter((r) => r.status === 200);
      const lost = mine.filter((r) => r.status !== 200);
      if (won.length !== 1) problems.push(`${a.major}: ${mine.map((r) => `${r.status} ${JSON.stringify(r.body).slice(0, 100)}`).join(' | ')}`);
      for (const r of lost) if (r.status !== 409 || r.body.error.code !== 'application-not-pending') problems.push(`${a.major}: ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
    }
    expect(problems).toEqual([]);
    const ranges = await api.db.certificateRange.findMany({ where: { applicationId: { in: applications.map((a) => a.id) } }, orderBy: { startSerial: 'asc' } });
    expect(ranges.length).toBe(45);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]?.startSerial).toBeGreaterThan(ranges[i - 1]?.endSerial ?? Infinity);
  }, 120_000);
});
