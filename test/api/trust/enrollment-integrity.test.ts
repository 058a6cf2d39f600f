/**
 * Issue #8, integrity: a school cannot claim another school's students. An ID already approved or
 * numbered at another school is an error that blocks 上报 until the province decides the case (a real
 * transfer is accepted, then the school re-uploads); the clerk is never told which school holds the
 * student, while the reviewers of both schools see both sides. A sheet whose 学校名称 names another
 * school is an error.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSubmission } from '../../../server/use-cases/save-submission';
import { asSchool, goodGxWorkbook, STUDENTS, withCell } from '../fixtures';
import { auth, newKey, startApi, type Api } from '../harness';
import { approvedSchool, type ApprovedSchool } from '../scenario';

let api: Api;
let a: ApprovedSchool;
beforeAll(async () => {
  api = await startApi();
  a = await approvedSchool(api); // 南宁一职: approved by city and province, numbered
});
afterAll(async () => {
  await api?.close();
});

const SCHOOL_A = '南宁市第一职业技术学校';
const LZ = '柳州市第一职业技术学校';
type IssueLike = { code: string; severity: string; row: number; message: string; params: Record<string, unknown> };

const put = (token: string, baseVersion: number, workbook: unknown) =>
  request(api.app)
    .put(`/api/campaigns/${a.campaignId}/submission`)
    .set(auth(token))
    .set('Idempotency-Key', newKey())
    .send({ baseVersion, workbook });

describe('an ID approved or numbered at another school', () => {
  it('blocks the listing school without naming the other; reviewers of both see both sides; the province decides', async () => {
    const lz1 = await api.token('lz1-clerk');
    const good = goodGxWorkbook();
    // 柳州一职's own workbook, with 南宁一职's (approved, numbered) first graduate listed on its first row.
    const claimed = withCell(asSchool(good.grid, LZ), good.att2, good.att2Address(0, 'idNumber'), { value: STUDENTS[0]?.id ?? '' });
    const first = await put(lz1, 0, claimed).expect(200);
    const held = (first.body.report.issues as IssueLike[]).filter((i) => i.code === 'id-held-by-other-school');
    expect(held).toHaveLength(1);
    expect(held[0]?.severity).toBe('error');
    expect(first.body.report.valid).toBe(false);
    // The clerk learns that the student is held elsewhere, not where.
    expect(JSON.stringify(first.body)).not.toContain(SCHOOL_A);
    expect(JSON.stringify(first.body)).not.toContain('南宁');
    const submit = await request(api.app).post(`/api/campaigns/${a.campaignId}/submission/submit`).set(auth(lz1)).expect(422);
    expect(submit.body.error.code).toBe('submission-has-errors');
    // Read back, the error stands.
    const mine = await request(api.app).get(`/api/campaigns/${a.campaignId}/submission`).set(auth(lz1)).expect(200);
    expect((mine.body.report.issues as IssueLike[]).filter((i) => i.code === 'id-held-by-other-school')).toHaveLength(1);

    // The clerk cannot list the cases; the reviewers of BOTH cities see both sides.
    await request(api.app).get(`/api/campaigns/${a.campaignId}/enrollment-conflicts`).set(auth(lz1)).expect(403);
    for (const reviewer of ['lz-reviewer', 'nn-reviewer', 'gx-admin']) {
      const list = await request(api.app).get(`/api/campaigns/${a.campaignId}/enrollment-conflicts`).set(auth(await api.token(reviewer))).expect(200);
      expect(list.body.items, reviewer).toHaveLength(1);
      const item = list.body.items[0];
      expect(item).toMatchObject({ status: 'OPEN', idNumber: STUDENTS[0]?.id, holdingReason: 'APPROVED' });
      expect(item.claiming).toMatchObject({ schoolName: LZ, students: [{ name: STUDENTS[0]?.name, row: held[0]?.row }] });
      expect(item.holding).toMatchObject({ schoolName: SCHOOL_A, students: [{ name: STUDENTS[0]?.name }] });
      expect(item.holding.certificateNumbers).toHaveLength(1);
    }
    // Another province's admin sees nothing of it.
    await request(api.app).get(`/api/campaigns/${a.campaignId}/enrollment-conflicts`).set(auth(await api.token('hb-admin'))).expect(404);

    // Only the province decides, once.
    const conflictId = (
      await request(api.app).get(`/api/campaigns/${a.campaignId}/enrollment-conflicts?status=OPEN`).set(auth(await api.token('gx-admin')))
    ).body.items[0].id as string;
    await request(api.app).post(`/api/enrollment-conflicts/${conflictId}/resolve`).set(auth(await api.token('lz-reviewer'))).send({ decision: 'accept-transfer', comment: '转学' }).expect(403);
    const province = auth(await api.token('gx-admin'));
    const decided = await request(api.app).post(`/api/enrollment-conflicts/${conflictId}/resolve`).set(province).send({ decision: 'accept-transfer', comment: '2022年3月转学，已核实' }).expect(200);
    expect(decided.body.status).toBe('TRANSFER_ACCEPTED');
    const again = await request(api.app).post(`/api/enrollment-conflicts/${conflictId}/resolve`).set(province).send({ decision: 'refuse', comment: 'x' }).expect(409);
    expect(again.body.error.code).toBe('conflict-already-resolved');
    expect(await api.db.auditLog.count({ where: { action: 'enrollment-conflict.resolve', entityId: conflictId } })).toBe(1);

    // The accepted transfer takes effect at once: the stored error is gone and the school hands in
    // without a re-upload; the row counts as its graduate again.
    const cleared = await request(api.app).get(`/api/campaigns/${a.campaignId}/submission`).set(auth(lz1)).expect(200);
    expect((cleared.body.report.issues as IssueLike[]).filter((i) => i.severity === 'error')).toEqual([]);
    expect(cleared.body.report.valid).toBe(true);
    expect(cleared.body.report.stats.errors).toBe(0);
    const lzVersion = (await api.db.submission.findFirstOrThrow({ where: { campaignId: a.campaignId, schoolId: api.seed.orgs.lzSchool1 as string } })).currentVersionId;
    expect(await api.db.student.findFirstOrThrow({ where: { versionId: lzVersion ?? '', idNumber: STUDENTS[0]?.id ?? '' } })).toMatchObject({ graduate: true });
    await request(api.app).post(`/api/campaigns/${a.campaignId}/submission/submit`).set(auth(lz1)).expect(200);

    // The holding school's row is a transferred-out record: not its graduate (numbering skips it), a
    // warning on the row that names no school, and the number it had is voided.
    const nn1 = await api.token('nn1-clerk');
    const holder = await request(api.app).get(`/api/campaigns/${a.campaignId}/submission`).set(auth(nn1)).expect(200);
    const out = (holder.body.report.issues as IssueLike[]).filter((i) => i.code === 'id-transferred-out');
    expect(out).toHaveLength(1);
    expect(out[0]?.severity).toBe('warning');
    expect(out[0]?.message).toContain('转学');
    expect(JSON.stringify(holder.body)).not.toContain(LZ);
    const holderVersion = (await api.db.submission.findUniqueOrThrow({ where: { id: a.submissionId } })).currentVersionId;
    expect(await api.db.student.findFirstOrThrow({ where: { versionId: holderVersion ?? '', idNumber: STUDENTS[0]?.id ?? '' } })).toMatchObject({ graduate: false });
    const voided = await api.db.certificate.findFirstOrThrow({ where: { schoolId: a.schoolId, holderIdNumber: STUDENTS[0]?.id ?? '' } });
    expect(voided.status).toBe('VOIDED');
    expect(voided.voidReason).toContain('转学');
    const logged = await api.db.auditLog.findFirstOrThrow({ where: { action: 'enrollment-conflict.resolve', entityId: conflictId } });
    expect(logged.after).toMatchObject({ status: 'TRANSFER_ACCEPTED', effects: { clearedErrors: 1, transferredOutRows: 1, voidedCertificates: [voided.number] } });
    expect(await api.db.auditLog.count({ where: { action: 'certificate.void', entityId: voided.id } })).toBe(1);

    // A later upload by either school keeps the decision: the receiving school is not blocked again.
    const withdrawn = await request(api.app).post(`/api/campaigns/${a.campaignId}/submission/withdraw`).set(auth(lz1)).expect(200);
    const third = await put(lz1, withdrawn.body.submission.version as number, claimed).expect(200);
    expect((third.body.report.issues as IssueLike[]).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('a refused case stays an error with the province’s reason', async () => {
    const nn4 = await api.token('nn4-clerk');
    const good = goodGxWorkbook();
    const claimed = withCell(asSchool(good.grid, '南宁市第四职业技术学校', 2), good.att2, good.att2Address(1, 'idNumber'), { value: STUDENTS[1]?.id ?? '' });
    await put(nn4, 0, claimed).expect(200);
    const open = await api.db.enrollmentConflict.findFirstOrThrow({ where: { claimingSchoolId: api.seed.orgs.nnSchool2 as string, status: 'OPEN' } });
    await request(api.app).post(`/api/enrollment-conflicts/${open.id}/resolve`).set(auth(await api.token('gx-admin'))).send({ decision: 'refuse', comment: '学籍在南宁一职' }).expect(200);
    const again = await put(nn4, 1, claimed).expect(200);
    const held = (again.body.report.issues as IssueLike[]).filter((i) => i.code === 'id-held-by-other-school');
    expect(held).toHaveLength(1);
    expect(held[0]?.message).toContain('不在本校');
    expect(held[0]?.params).toEqual({ decision: 'REFUSED' });
  });
});

describe('学校名称 of another school', () => {
  it('is an error on every sheet that names it, and only then', async () => {
    const wz = await api.token('wz-clerk');
    // 广西物资学校 uploads 南宁一职's filled workbook as it is.
    const res = await put(wz, 0, goodGxWorkbook().grid).expect(200);
    const named = (res.body.report.issues as IssueLike[]).filter((i) => i.code === 'school-name-other-school');
    expect(named.length).toBeGreaterThanOrEqual(3); // 附件1's column, 附件2's and 附件3's 学校名称 lines
    for (const i of named) {
      expect(i.severity).toBe('error');
      expect(i.params).toEqual({ written: SCHOOL_A, school: '广西物资学校' });
      expect(i.message).toContain('不一致');
    }
    const own = await put(wz, 1, asSchool(goodGxWorkbook().grid, '广西物资学校', 3)).expect(200);
    expect((own.body.report.issues as IssueLike[]).filter((i) => i.code === 'school-name-other-school')).toEqual([]);
    expect(own.body.report.valid).toBe(true);
  });
});

describe('an upload that fails', () => {
  it('raises no case: the cases are recorded with the version', async () => {
    const user = await api.db.user.findUniqueOrThrow({ where: { username: 'college-clerk' } });
    const actor = { userId: user.id, role: user.role, orgId: user.orgId };
    const good = goodGxWorkbook();
    // 广西职业技术学院's own workbook listing 南宁一职's (approved, numbered) third graduate.
    const claimed = withCell(asSchool(good.grid, '广西职业技术学院', 4), good.att2, good.att2Address(2, 'idNumber'), { value: STUDENTS[2]?.id ?? '' });
    const cases = () => api.db.enrollmentConflict.count({ where: { claimingSchoolId: user.orgId } });
    const version = (await api.db.submission.findFirst({ where: { campaignId: a.campaignId, schoolId: user.orgId } }))?.version ?? 0;
    const upload = (afterChunk?: () => Promise<void>) =>
      saveSubmission(api.db, {
        actor,
        campaignId: a.campaignId,
        baseVersion: version,
        workbook: claimed,
        idempotency: { key: newKey(), requestHash: 'h', method: 'PUT', path: '/x' },
        ...(afterChunk ? { afterChunk } : {}),
      });
    await expect(
      upload(async () => {
        throw new Error('the disk is full');
      }),
    ).rejects.toThrow('the disk is full');
    expect(await cases()).toBe(0);
    const stored = await upload();
    expect(stored.status).toBe(200);
    expect(await cases()).toBe(1);
  });
});
