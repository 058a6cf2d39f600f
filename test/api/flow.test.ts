/**
 * The whole happy flow over HTTP: a clerk signs in, uploads a workbook with planted mistakes (the issues
 * come back with codes and A1 addresses, and submitting is refused), fixes them, submits; the city and
 * the province approve; the school applies for numbers, the province allocates; the school reads every
 * graduate's number (major, then 附件2 row order) and the filled 附件3; the province draws the spot check.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrongCheckChar } from '../helpers/ids';
import { asSchool, goodGxWorkbook, MAJOR, STUDENTS, withCell } from './fixtures';
import { auth, newKey, startApi, type Api } from './harness';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

interface IssueBody {
  code: string;
  severity: string;
  sheet: string;
  address: string;
  params: Record<string, unknown>;
}

describe('happy flow', () => {
  it('goes from a clerk’s upload to certificate numbers back in the sheet', async () => {
    const { app, seed } = api;
    const campaignId = seed.campaigns.gx;
    const schoolId = seed.orgs.nnSchool1 as string;
    const clerk = auth(await api.token('nn1-clerk'));

    // The clerk sees the campaign with its series and lock date.
    const campaigns = await request(app).get('/api/campaigns').set(clerk).expect(200);
    const gx = (campaigns.body.items as { id: string; packId: string; series: { prefix: string }[] }[]).find((c) => c.id === campaignId);
    expect(gx?.packId).toBe('gx-zz-2022');
    expect(gx?.series[0]?.prefix).toBe('桂教中专毕字（2022）');

    // 1. Upload with planted mistakes: a wrong ID check character, a gender that contradicts the ID.
    const good = goodGxWorkbook();
    const first = STUDENTS[0];
    const third = STUDENTS[2];
    if (!first || !third) throw new Error('fixture');
    const badIdAddress = good.att2Address(0, 'idNumber');
    const badGenderAddress = good.att2Address(2, 'gender');
    let bad = withCell(good.grid, good.att2, badIdAddress, {
      value: first.id.slice(0, 17) + wrongCheckChar(first.id.slice(0, 17)),
      type: 'string',
      numberFormat: '@',
    });
    bad = withCell(bad, good.att2, badGenderAddress, { value: third.gender === '男' ? '女' : '男', type: 'string' });

    const put1 = await request(app)
      .put(`/api/campaigns/${campaignId}/submission`)
      .set(clerk)
      .set('Idempotency-Key', newKey())
      .send({ baseVersion: 0, workbook: bad })
      .expect(200);
    expect(put1.body.submission).toMatchObject({ version: 1, status: 'DRAFT' });
    expect(put1.body.report.valid).toBe(false);
    const issues = put1.body.report.issues as IssueBody[];
    expect(issues).toContainEqual(expect.objectContaining({ code: 'id-checksum', severity: 'error', sheet: good.att2, address: badIdAddress }));
    expect(issues.some((i) => i.address === badGenderAddress && i.severity === 'error')).toBe(true);
    expect(put1.body.report.stats.errors).toBeGreaterThanOrEqual(2);

    // Submitting a version with errors is refused, clearly.
    const refused = await request(app).post(`/api/campaigns/${campaignId}/submission/submit`).set(clerk).expect(422);
    expect(refused.body.error.code).toBe('submission-has-errors');
    expect(refused.body.error.message).toMatch(/错误/);

    // The stored report reads back the same (codes, addresses, messages).
    const stored = await request(app).get(`/api/campaigns/${campaignId}/submission`).set(clerk).expect(200);
    expect(stored.body.report.issues).toEqual(put1.body.report.issues);

    // 2. Fix and upload again on top of version 1.
    const put2 = await request(app)
      .put(`/api/campaigns/${campaignId}/submission`)
      .set(clerk)
      .set('Idempotency-Key', newKey())
      .send({ baseVersion: 1, workbook: good.grid })
      .expect(200);
    expect(put2.body.report.stats.errors).toBe(0);
    expect(put2.body.report.valid).toBe(true);
    expect(put2.body.submission.version).toBe(2);

    const submitted = await request(app).post(`/api/campaigns/${campaignId}/submission/submit`).set(clerk).expect(200);
    expect(submitted.body.submission.status).toBe('SUBMITTED');
    const submissionId = submitted.body.submission.id as string;

    // 3. The city sees it in its queue with counts, and approves.
    const city = auth(await api.token('nn-reviewer'));
    const queue = await request(app).get(`/api/campaigns/${campaignId}/review-queue`).set(city).expect(200);
    expect(queue.body.items).toContainEqual(
      expect.objectContaining({ submissionId, status: 'SUBMITTED', errors: 0, rowCount: expect.any(Number) }),
    );
    // The other city's reviewer does not see it.
    const lz = auth(await api.token('lz-reviewer'));
    const lzQueue = await request(app).get(`/api/campaigns/${campaignId}/review-queue`).set(lz).expect(200);
    expect(lzQueue.body.items).toEqual([]);

    const rowsView = await request(app).get(`/api/submissions/${submissionId}/rows`).set(city).expect(200);
    const att2Rows = (rowsView.body.items as { kind: string; fields: { name?: string } }[]).filter((r) => r.kind === 'att2');
    expect(att2Rows.map((r) => r.fields.name)).toEqual(STUDENTS.map((s) => s.name));
    // 附件2's rows are stored as the students, the other sheets' in submission_row: one list, in sheet and row order.
    const items = rowsView.body.items as { sheet: string; kind: string; row: number }[];
    expect(new Set(items.map((r) => r.kind))).toEqual(new Set(['att1', 'att2', 'att3']));
    expect(items).toEqual([...items].sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.row - b.row)));

    await request(app).post(`/api/submissions/${submissionId}/approve`).set(city).send({}).expect(200);

    // 4. The province approves.
    const province = auth(await api.token('gx-admin'));
    const approved = await request(app).post(`/api/submissions/${submissionId}/approve`).set(province).send({ comment: '同意验印' }).expect(200);
    expect(approved.body.submission.status).toBe('PROVINCE_APPROVED');
    expect((approved.body.events as { action: string }[]).map((e) => e.action)).toEqual(['SUBMIT', 'APPROVE', 'APPROVE']);

    // 5. The school applies for numbers by its real graduate count; the province allocates.
    const applied = await request(app)
      .post(`/api/campaigns/${campaignId}/number-applications`)
      .set(clerk)
      .send({ items: [{ major: MAJOR, count: STUDENTS.length }] })
      .expect(200);
    const applicationId = applied.body.items[0].id as string;
    const pending = await request(app).get(`/api/campaigns/${campaignId}/number-applications?status=PENDING`).set(province).expect(200);
    expect(pending.body.items).toContainEqual(expect.objectContaining({ id: applicationId, count: STUDENTS.length }));

    const allocated = await request(app).post(`/api/number-applications/${applicationId}/allocate`).set(province).send({}).expect(200);
    expect(allocated.body.range).toMatchObject({ major: MAJOR, count: STUDENTS.length, first: '桂教中专毕字（2022）000001' });
    expect(allocated.body.assignment.assigned).toBe(STUDENTS.length);

    // 6. The school reads its ranges and every graduate's number, in 附件2 row order.
    const numbers = await request(app).get(`/api/campaigns/${campaignId}/schools/${schoolId}/certificate-numbers`).set(clerk).expect(200);
    expect(numbers.body.ranges).toHaveLength(1);
    const certs = numbers.body.certificates as { number: string; holderName: string; rowNumber: number; sheet: string }[];
    expect(certs.map((c) => c.holderName)).toEqual(STUDENTS.map((s) => s.name));
    expect(certs.map((c) => c.number)).toEqual(STUDENTS.map((_, i) => `桂教中专毕字（2022）${String(i + 1).padStart(6, '0')}`));
    const rows = certs.map((c) => c.rowNumber);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);

    // 7. The filled 附件3 with the 起止号.
    const sheet = await request(app)
      .get(`/api/campaigns/${campaignId}/schools/${schoolId}/audit-sheet.xlsx`)
      .set(clerk)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(sheet.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.body as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.worksheets[0]?.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain(MAJOR);
    expect(texts.some((t) => t.includes('桂教中专毕字（2022）000001') && t.includes('000005'))).toBe(true);

    // 8. The province draws the reproducible spot-check sample and lists it.
    // The reviewer cannot choose the seed (they could search seeds for a sample that skips someone).
    const chosen = await request(app).post(`/api/campaigns/${campaignId}/spot-checks`).set(province).send({ seed: 'gx-2022-demo' }).expect(400);
    expect(chosen.body.error.code).toBe('invalid-input');
    const drawn = await request(app).post(`/api/campaigns/${campaignId}/spot-checks`).set(province).send({}).expect(200);
    expect(drawn.body.items).toEqual([expect.objectContaining({ schoolId, population: STUDENTS.length, size: 1, seed: expect.stringMatching(/^[0-9a-f]{32}$/) })]);
    const recorded = await api.db.spotCheckSample.findUniqueOrThrow({ where: { id: drawn.body.items[0].sampleId } });
    expect(recorded.seed).toBe(drawn.body.items[0].seed);
    const samples = await request(app).get(`/api/campaigns/${campaignId}/spot-checks`).set(province).expect(200);
    expect(samples.body.items[0].students).toHaveLength(1);

    // The public look-up finds the certificate by its number, and answers nothing more than needed.
    const look = await request(app)
      .get('/api/public/certificates')
      .query({ certificateNumber: '桂教中专毕字（2022）000001', name: first.name })
      .expect(200);
    expect(look.body).toEqual({
      found: true,
      certificate: expect.objectContaining({ number: '桂教中专毕字（2022）000001', name: first.name, schoolName: expect.any(String) }),
    });
    expect(JSON.stringify(look.body)).not.toContain(first.id);
    // The number alone is refused: numbers are sequential, the holder's name must come with it (issue #8).
    await request(app).get('/api/public/certificates').query({ certificateNumber: '桂教中专毕字（2022）000001' }).expect(400);
    const wrongName = await request(app).get('/api/public/certificates').query({ certificateNumber: '桂教中专毕字（2022）000001', name: '张三' }).expect(200);
    expect(wrongName.body).toEqual({ found: false });

    // A misprinted certificate is voided (never reused); a lost one gets a 证明书 citing its number.
    const fifth = `桂教中专毕字（2022）000005`;
    await request(app).post('/api/certificates/void').set(clerk).send({ certificateNumber: fifth, reason: '打印错误' }).expect(200);
    const twice = await request(app).post('/api/certificates/void').set(clerk).send({ certificateNumber: fifth, reason: '打印错误' }).expect(409);
    expect(twice.body.error.code).toBe('certificate-already-voided');
    await request(app).post('/api/certificates/proofs').set(clerk).send({ certificateNumber: '桂教中专毕字（2022）000002', reason: '遗失', proofNumber: '证字第001号' }).expect(200);
    const dup = await request(app).post('/api/certificates/proofs').set(clerk).send({ certificateNumber: '桂教中专毕字（2022）000003', reason: '遗失', proofNumber: '证字第001号' });
    expect([409, 422]).toContain(dup.status);
    const after = await request(app).get(`/api/campaigns/${campaignId}/schools/${schoolId}/certificate-numbers`).set(clerk).expect(200);
    expect(after.body.voided).toEqual([expect.objectContaining({ number: fifth, reason: '打印错误' })]);
    expect((after.body.certificates as { number: string; proofs: unknown[] }[]).find((c) => c.number === '桂教中专毕字（2022）000002')?.proofs).toHaveLength(1);

    // 9. Every change is in the audit trail, read by the province.
    const trail = await request(app).get('/api/audit?limit=200').set(province).expect(200);
    const actions = (trail.body.items as { action: string }[]).map((a) => a.action);
    for (const a of ['certificate.void', 'submission.create', 'submission.replace', 'submission.submit', 'submission.approve', 'number-application.create', 'certificate-range.allocate']) {
      expect(actions).toContain(a);
    }
  });

  it('returns a submission with a required comment, and the clerk sees it', async () => {
    const { app, seed } = api;
    const campaignId = seed.campaigns.gx;
    const clerk = auth(await api.token('nn4-clerk'));
    const good = asSchool(goodGxWorkbook().grid, '南宁市第四职业技术学校');
    await request(app).put(`/api/campaigns/${campaignId}/submission`).set(clerk).set('Idempotency-Key', newKey()).send({ baseVersion: 0, workbook: good }).expect(200);
    const sub = await request(app).post(`/api/campaigns/${campaignId}/submission/submit`).set(clerk).expect(200);
    const city = auth(await api.token('nn-reviewer'));
    const noComment = await request(app).post(`/api/submissions/${sub.body.submission.id}/return`).set(city).send({ comment: '  ' }).expect(400);
    expect(noComment.body.error.code).toBe('comment-required');
    await request(app).post(`/api/submissions/${sub.body.submission.id}/return`).set(city).send({ comment: '请核对附件4' }).expect(200);
    const mine = await request(app).get(`/api/campaigns/${campaignId}/submission`).set(clerk).expect(200);
    expect(mine.body.submission.status).toBe('RETURNED');
    expect(mine.body.events.at(-1)).toMatchObject({ action: 'RETURN', comment: '请核对附件4', actor: { orgName: '南宁市教育局' } });
    // A city reviewer cannot do the province's step.
    const again = await request(app).post(`/api/submissions/${sub.body.submission.id}/approve`).set(city).send({}).expect(409);
    expect(again.body.error.code).toBe('invalid-transition');
  });
});

describe('system', () => {
  it('answers health and a complete OpenAPI 3.1 document', async () => {
    const health = await request(api.app).get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', database: 'ok' });
    const doc = await request(api.app).get('/api/openapi.json').expect(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const { routes } = await import('../../server/http/routes');
    for (const r of routes) {
      const p = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
      expect(doc.body.paths[p]?.[r.method], `${r.method} ${p}`).toBeDefined();
    }
    const put = doc.body.paths['/api/campaigns/{id}/submission'].put;
    expect(put.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/PutSubmission');
    expect(doc.body.components.schemas.WorkbookGrid).toBeDefined();
    expect(doc.body['x-error-codes']['version-conflict']).toBe(409);
    expect(doc.body['x-error-codes']['campaign-locked']).toBe(423);
    const refs = [...JSON.stringify(doc.body).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] as string);
    for (const ref of refs) expect(doc.body.components.schemas[ref], ref).toBeDefined();
  });

  it('allows CORS for the add-in’s origins only, and echoes request ids', async () => {
    const ok = await request(api.app).options('/api/campaigns').set('Origin', 'https://localhost:3001').set('Access-Control-Request-Method', 'PUT');
    expect(ok.headers['access-control-allow-origin']).toBe('https://localhost:3001');
    const evil = await request(api.app).options('/api/campaigns').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'PUT');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const res = await request(api.app).get('/api/health').set('X-Request-Id', 'req-123456');
    expect(res.headers['x-request-id']).toBe('req-123456');
  });
});
