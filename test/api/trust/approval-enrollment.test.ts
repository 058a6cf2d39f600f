/**
 * Issue #8, integrity at approval: two schools that upload the same student before either is approved
 * get only a warning at upload, so approval itself must re-check. Approving (city or province) is refused
 * with 409 `approval-enrollment-conflict` while the submission lists a student approved or numbered at
 * another school or has an undecided case — and the check holds when the two approvals arrive together
 * (exactly one passes, on PGlite and with YANYIN_TEST_DB=postgres).
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSchool, cellOf, goodGxWorkbook, STUDENTS, withCell } from '../fixtures';
import { auth, newKey, startApi, type Api } from '../harness';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const campaign = () => api.seed.campaigns.gx;

/** Uploads and submits the school's workbook; answers the submission id. */
async function submitted(clerk: string, workbook: unknown): Promise<string> {
  const token = auth(await api.token(clerk));
  await request(api.app).put(`/api/campaigns/${campaign()}/submission`).set(token).set('Idempotency-Key', newKey()).send({ baseVersion: 0, workbook }).expect(200);
  const res = await request(api.app).post(`/api/campaigns/${campaign()}/submission/submit`).set(token).expect(200);
  return res.body.submission.id as string;
}

const approve = async (reviewer: string, submissionId: string) =>
  request(api.app).post(`/api/submissions/${submissionId}/approve`).set(auth(await api.token(reviewer))).send({});

describe('approval re-checks enrollment', () => {
  it('two cities approving two schools that share a student at once: exactly one passes; the province decides the case', async () => {
    const good = goodGxWorkbook();
    // 南宁一职's workbook; 柳州一职's own, with 南宁一职's first student on its first row. Neither is approved: both upload and submit.
    const nn = await submitted('nn1-clerk', good.grid);
    const lzGrid = withCell(asSchool(good.grid, '柳州市第一职业技术学校'), good.att2, good.att2Address(0, 'idNumber'), { value: STUDENTS[0]?.id ?? '' });
    const lz = await submitted('lz1-clerk', lzGrid);

    const answers = await Promise.all([approve('nn-reviewer', nn), approve('lz-reviewer', lz)]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const refused = answers.find((r) => r.status === 409);
    expect(refused?.body.error.code).toBe('approval-enrollment-conflict');
    expect(refused?.body.error.message).toContain('学籍冲突');
    const winner = answers[0]?.status === 200 ? nn : lz;
    const loser = winner === nn ? lz : nn;
    const loserReviewer = loser === nn ? 'nn-reviewer' : 'lz-reviewer';

    // The refusal recorded the case for the province; the reviewers see it, the loser stays SUBMITTED.
    const cases = await request(api.app).get(`/api/campaigns/${campaign()}/enrollment-conflicts?status=OPEN`).set(auth(await api.token('gx-admin'))).expect(200);
    expect(cases.body.items).toHaveLength(1);
    const conflict = cases.body.items[0];
    expect(conflict.idNumber).toBe(STUDENTS[0]?.id);
    const loserSchool = (await api.db.submission.findUniqueOrThrow({ where: { id: loser } })).schoolId;
    expect(conflict.claiming.schoolId).toBe(loserSchool);
    expect((await api.db.submission.findUniqueOrThrow({ where: { id: loser } })).status).toBe('SUBMITTED');

    // Asking again changes nothing while the case is open; the winner goes on to the province.
    expect((await approve(loserReviewer, loser)).status).toBe(409);
    expect((await approve('gx-admin', winner)).status).toBe(200);

    // Once the province accepts the transfer, the loser's approval passes.
    await request(api.app).post(`/api/enrollment-conflicts/${conflict.id}/resolve`).set(auth(await api.token('gx-admin'))).send({ decision: 'accept-transfer', comment: '已核实转学' }).expect(200);
    expect((await approve(loserReviewer, loser)).status).toBe(200);
    expect((await approve('gx-admin', loser)).status).toBe(200);
  });

  it('a province approval (区直 school) racing a city approval: exactly one passes; a refused case keeps blocking', async () => {
    const good = goodGxWorkbook();
    // 南宁四职 and 广西物资学校 (directly under the province) both list one student of their own.
    const shared = asSchool(good.grid, '南宁市第四职业技术学校', 2);
    const nn4 = await submitted('nn4-clerk', shared);
    const sharedId = String(cellOf(shared, good.att2, good.att2Address(2, 'idNumber'))?.value ?? '');
    const wzGrid = withCell(asSchool(good.grid, '广西物资学校', 3), good.att2, good.att2Address(0, 'idNumber'), { value: sharedId });
    const wz = await submitted('wz-clerk', wzGrid);

    const answers = await Promise.all([approve('gx-admin', wz), approve('nn-reviewer', nn4)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = answers[0]?.status === 409 ? wz : nn4;
    const loserReviewer = loser === wz ? 'gx-admin' : 'nn-reviewer';

    const open = await api.db.enrollmentConflict.findFirstOrThrow({ where: { idNumber: sharedId, status: 'OPEN' } });
    await request(api.app).post(`/api/enrollment-conflicts/${open.id}/resolve`).set(auth(await api.token('gx-admin'))).send({ decision: 'refuse', comment: '学籍不在该校' }).expect(200);
    const again = await approve(loserReviewer, loser);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('approval-enrollment-conflict');
  });
});

