/** Shared set-ups that drive the API the way people do (used by the matrix and the other files). */
import request from 'supertest';
import { goodGxWorkbook, MAJOR, STUDENTS } from './fixtures';
import { auth, newKey, type Api } from './harness';

export interface ApprovedSchool {
  campaignId: string;
  schoolId: string;
  submissionId: string;
  applicationId: string;
  certificateNumbers: string[];
}

async function ok(req: request.Test, status = 200): Promise<request.Response> {
  const res = await req;
  if (res.status !== status) throw new Error(`${res.request.method} ${res.request.url}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res;
}

/** nn1-clerk's school (南宁市第一职业技术学校): uploaded, submitted, approved twice, numbered. */
export async function approvedSchool(api: Api): Promise<ApprovedSchool> {
  const { app, seed } = api;
  const campaignId = seed.campaigns.gx;
  const schoolId = seed.orgs.nnSchool1 as string;
  const clerk = auth(await api.token('nn1-clerk'));
  const city = auth(await api.token('nn-reviewer'));
  const province = auth(await api.token('gx-admin'));
  await ok(
    request(app).put(`/api/campaigns/${campaignId}/submission`).set(clerk).set('Idempotency-Key', newKey()).send({ baseVersion: 0, workbook: goodGxWorkbook().grid }),
  );
  const sub = await ok(request(app).post(`/api/campaigns/${campaignId}/submission/submit`).set(clerk));
  const submissionId = sub.body.submission.id as string;
  await ok(request(app).post(`/api/submissions/${submissionId}/approve`).set(city).send({}));
  await ok(request(app).post(`/api/submissions/${submissionId}/approve`).set(province).send({}));
  const applied = await ok(
    request(app).post(`/api/campaigns/${campaignId}/number-applications`).set(clerk).send({ items: [{ major: MAJOR, count: STUDENTS.length }] }),
  );
  const applicationId = applied.body.items[0].id as string;
  await ok(request(app).post(`/api/number-applications/${applicationId}/allocate`).set(province).send({}));
  const numbers = await ok(request(app).get(`/api/campaigns/${campaignId}/schools/${schoolId}/certificate-numbers`).set(clerk));
  const certificateNumbers = (numbers.body.certificates as { number: string }[]).map((c) => c.number);
  return { campaignId, schoolId, submissionId, applicationId, certificateNumbers };
}
