/**
 * Many users at once on the database the API runs on (the embedded PGlite by default, where every
 * connection shares ONE backend session): while a clerk uploads large workbooks, seven other signed-in
 * users call GET /api/me again and again. Every answer must be 200 with the caller's own identity — on
 * PGlite with several pooled connections, requests were answered with another user's session, 500s and
 * spurious 401/409s.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigAtt2Workbook } from './fixtures';
import { auth, newKey, startApi, type Api } from './harness';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const READERS = ['gx-admin', 'nn-reviewer', 'lz-reviewer', 'nn1-clerk', 'nn4-clerk', 'wz-clerk', 'college-clerk', 'hb-admin'];

describe(`concurrent users during uploads (${process.env.YANYIN_TEST_DB === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  it('every GET /api/me answers 200 with the caller’s own identity while large uploads run', async () => {
    const tokens = new Map<string, string>();
    for (const u of READERS) tokens.set(u, await api.token(u));
    const clerk = await api.token('lz1-clerk');
    const workbook = bigAtt2Workbook(1_500);

    let uploading = true;
    const uploads = (async () => {
      const statuses: number[] = [];
      try {
        for (let version = 0; version < 3; version++) {
          const res = await request(api.app)
            .put(`/api/campaigns/${api.seed.campaigns.gx}/submission`)
            .set(auth(clerk))
            .set('Idempotency-Key', newKey())
            .send({ baseVersion: version, workbook });
          statuses.push(res.status);
        }
      } finally {
        uploading = false;
      }
      return statuses;
    })();

    const wrong: string[] = [];
    let answered = 0;
    await Promise.all(
      READERS.map(async (username) => {
        const token = tokens.get(username) ?? '';
        // Keep calling until the uploads are done (at least 5 calls each).
        for (let i = 0; uploading || i < 5; i++) {
          const res = await request(api.app).get('/api/me').set(auth(token));
          answered++;
          const who = (res.body as { username?: string }).username;
          if (res.status !== 200 || who !== username) wrong.push(`${username} → ${res.status} ${who ?? JSON.stringify(res.body).slice(0, 120)}`);
        }
      }),
    );
    expect(await uploads).toEqual([200, 200, 200]);
    expect(wrong).toEqual([]);
    expect(answered).toBeGreaterThanOrEqual(READERS.length * 5);
  }, 180_000);
});
