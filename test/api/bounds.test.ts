/**
 * The work one upload can cause is bounded: rows per sheet and per workbook (campaign settings, refused
 * with 413 and a Chinese message, nothing written) and the issues returned and stored (the first 1,000,
 * errors first, with exact counts), so a workbook of faulty rows cannot become a huge answer and record.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbookGrid } from '../../core/grid/cell';
import { ISSUE_CAP } from '../../server/use-cases/save-submission';
import { bigAtt2Workbook } from './fixtures';
import { auth, newKey, startApi, type Api } from './harness';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const put = async (username: string, workbook: WorkbookGrid) =>
  request(api.app)
    .put(`/api/campaigns/${api.seed.campaigns.gx}/submission`)
    .set(auth(await api.token(username)))
    .set('Idempotency-Key', newKey())
    .send({ baseVersion: 0, workbook });

describe('bounded uploads', () => {
  it('a sheet or workbook over the campaign’s row limits is refused with 413, nothing written', async () => {
    const campaignId = api.seed.campaigns.gx;
    await api.db.campaign.update({ where: { id: campaignId }, data: { maxRowsPerSheet: 50, maxRowsPerSubmission: 80 } });
    try {
      const before = await api.db.submissionVersion.count();
      const big = bigAtt2Workbook(60);
      const res = await put('nn4-clerk', big);
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('workbook-too-many-rows');
      expect(res.body.error.message).toContain(`工作表“${big.sheets[0]?.name ?? ''}”`);
      expect(res.body.error.message).toContain('50 行的上限');
      await api.db.campaign.update({ where: { id: campaignId }, data: { maxRowsPerSheet: 1_000 } });
      const two = bigAtt2Workbook(30);
      const sheet = two.sheets[0];
      if (!sheet) throw new Error('no sheet');
      const wb = { sheets: [sheet, { ...sheet, name: `${sheet.name}2` }, { ...sheet, name: `${sheet.name}3` }] };
      const whole = await put('nn4-clerk', wb);
      expect(whole.status).toBe(413);
      expect(whole.body.error.message).toContain('每份上报 80 行的上限');
      expect(await api.db.submissionVersion.count()).toBe(before);
      expect(await api.db.idempotencyKey.count()).toBe(0);
    } finally {
      await api.db.campaign.update({ where: { id: campaignId }, data: { maxRowsPerSheet: 25_000, maxRowsPerSubmission: 50_000 } });
    }
  });

  it('1,200 faulty rows: the first 1,000 issues returned and stored, the counts exact', async () => {
    const wb = bigAtt2Workbook(1_200);
    let broken = 0;
    for (const sheet of wb.sheets) {
      for (const row of sheet.rows) {
        for (const cell of row) {
          if (cell && typeof cell.value === 'string' && /^\d{17}[\dX]$/.test(cell.value)) {
            cell.value = '12345';
            broken++;
          }
        }
      }
    }
    expect(broken).toBe(1_200);
    const res = await put('wz-clerk', wb);
    expect(res.status).toBe(200);
    const report = res.body.report as { valid: boolean; stats: { errors: number; warnings: number }; issues: { severity: string }[]; issuesOmitted: number };
    expect(report.valid).toBe(false);
    expect(report.stats.errors).toBeGreaterThanOrEqual(1_200);
    expect(report.issues.length).toBe(ISSUE_CAP);
    expect(report.issues.every((i) => i.severity === 'error')).toBe(true);
    expect(report.issuesOmitted).toBe(report.stats.errors + report.stats.warnings - ISSUE_CAP);
    const versionId = (await api.db.submission.findFirstOrThrow({ where: { id: res.body.submission.id } })).currentVersionId ?? '';
    expect(await api.db.submissionIssue.count({ where: { versionId } })).toBe(ISSUE_CAP);
    const got = await request(api.app).get(`/api/campaigns/${api.seed.campaigns.gx}/submission`).set(auth(await api.token('wz-clerk'))).expect(200);
    expect(got.body.report.stats.errors).toBe(report.stats.errors);
    expect(got.body.report.issues.length).toBe(ISSUE_CAP);
  }, 60_000);
});
