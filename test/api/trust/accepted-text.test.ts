/**
 * Issue #8: a NUL character or a lone UTF-16 surrogate anywhere in a body, query or path parameter is
 * refused at the boundary with 400 `unaccepted-text` naming the field — before, it reached PostgreSQL
 * (500, or a misleading 409 "与已有数据冲突") — and nothing is written.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnacceptedText } from '../../../server/http/accepted-text';
import { goodGxWorkbook, withCell } from '../fixtures';
import { auth, newKey, startApi, type Api } from '../harness';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const NUL = '\u0000';
const LONE = '\ud800';

function expectRefused(res: request.Response, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('unaccepted-text');
  expect(res.body.error.params.field).toBe(field);
  expect(res.body.error.message).toContain(field);
  expect(res.body.error.message).toMatch(/不接受的字符/);
}

describe('text the API accepts', () => {
  it('names the JSON path of the first bad string, keys included', () => {
    expect(findUnacceptedText({ a: [{ b: 'ok' }, { c: `x${NUL}` }] }, 'body')).toEqual({ field: 'body.a.1.c', reason: 'nul' });
    expect(findUnacceptedText({ a: `\ud83d\ude00 ok` }, 'body')).toBeUndefined(); // a surrogate PAIR is fine
    expect(findUnacceptedText({ a: `${LONE}` }, 'body')).toEqual({ field: 'body.a', reason: 'lone-surrogate' });
    expect(findUnacceptedText({ a: '\udc00x' }, 'body')?.reason).toBe('lone-surrogate');
    expect(findUnacceptedText({ [`k${NUL}`]: 1 }, 'body')).toEqual({ field: 'body', reason: 'nul' });
    expect(findUnacceptedText({ a: 'line\nbreak\ttab\u0001' }, 'body')).toBeUndefined();
  });

  it('a submission with NUL in a cell or a lone surrogate in a sheet name: 400 naming the field, nothing written', async () => {
    const token = await api.token('nn1-clerk');
    const good = goodGxWorkbook();
    const before = await api.db.submissionVersion.count();
    const cell = withCell(good.grid, good.att2, good.att2Address(0, 'name'), { value: `韦${NUL}丽娟` });
    const sheetIndex = cell.sheets.findIndex((s) => s.name === good.att2);
    const r1 = await request(api.app)
      .put(`/api/campaigns/${api.seed.campaigns.gx}/submission`)
      .set(auth(token))
      .set('Idempotency-Key', newKey())
      .send({ baseVersion: 0, workbook: cell });
    expect(r1.body.error?.params?.field).toMatch(new RegExp(`^body\\.workbook\\.sheets\\.${sheetIndex}\\.rows\\.\\d+\\.\\d+\\.value$`));
    expectRefused(r1, r1.body.error.params.field as string);

    const renamed = structuredClone(good.grid);
    (renamed.sheets[0] as { name: string }).name = `附件1${LONE}`;
    const r2 = await request(api.app)
      .put(`/api/campaigns/${api.seed.campaigns.gx}/submission`)
      .set(auth(token))
      .set('Idempotency-Key', newKey())
      .send({ baseVersion: 0, workbook: renamed });
    expectRefused(r2, 'body.workbook.sheets.0.name');
    expect(await api.db.submissionVersion.count()).toBe(before);
  });

  it('comments, majors, sign-in, search fields and path parameters', async () => {
    const clerk = await api.token('nn1-clerk');
    const admin = await api.token('gx-admin');
    expectRefused(
      await request(api.app)
        .post(`/api/campaigns/${api.seed.campaigns.gx}/number-applications`)
        .set(auth(clerk))
        .set('Idempotency-Key', newKey())
        .send({ items: [{ major: `计算机${NUL}`, count: 3 }] }),
      'body.items.0.major',
    );
    expectRefused(await request(api.app).post('/api/auth/sign-in').send({ username: `gx-admin${NUL}`, password: 'x' }), 'body.username');
    expectRefused(await request(api.app).get('/api/audit').query({ entity: `sub${NUL}` }).set(auth(admin)), 'query.entity');
    expectRefused(await request(api.app).get(`/api/public/certificates?certificateNumber=%00&name=x`), 'query.certificateNumber');
    expectRefused(await request(api.app).get('/api/submissions/%00').set(auth(admin)), 'params.id');
    expectRefused(
      await request(api.app)
        .post(`/api/submissions/00000000-0000-4000-8000-000000000000/return`)
        .set(auth(admin))
        .send({ comment: `请改正${LONE}` }),
      'body.comment',
    );
  });
});
