/**
 * A big upload is written in short statements under a stage (server/use-cases/submission-stage.ts):
 * other requests are served while it is written (on the embedded database's one connection too), and
 * from the outside it stays atomic — a failure or a crash in the middle leaves no submission visible, a
 * retry succeeds, and a crashed upload's rows are discarded once stale. Structural, not timed: the order
 * in which things finish is asserted, never a duration. PGlite by default; YANYIN_TEST_DB=postgres too.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSubmission } from '../../server/use-cases/save-submission';
import { EMBEDDED_CHUNK, STALE_STAGE_MS } from '../../server/use-cases/submission-stage';
import { bigAtt2Workbook, goodGxWorkbook, STUDENTS } from './fixtures';
import { auth, newKey, startApi, type Api } from './harness';

/** Six chunks of students on the embedded database (a graduate-list row is stored as its student only). */
const ROWS = 6 * EMBEDDED_CHUNK;

let api: Api;
let workbook: ReturnType<typeof bigAtt2Workbook>;
beforeAll(async () => {
  api = await startApi();
  workbook = bigAtt2Workbook(ROWS);
}, 300_000);
afterAll(async () => {
  await api?.close();
});

async function actorOf(username: string) {
  const user = await api.db.user.findUniqueOrThrow({ where: { username } });
  return { userId: user.id, role: user.role, orgId: user.orgId };
}

async function footprint() {
  const [submissions, versions, rows, issues, students, stages] = await Promise.all([
    api.db.submission.count(),
    api.db.submissionVersion.count(),
    api.db.submissionRow.count(),
    api.db.submissionIssue.count(),
    api.db.student.count(),
    api.db.submissionStage.count(),
  ]);
  return { submissions, versions, rows, issues, students, stages };
}

const getSubmission = async (username: string) =>
  request(api.app).get(`/api/campaigns/${api.seed.campaigns.gx}/submission`).set(auth(await api.token(username)));

describe('other requests during a big upload', () => {
  it('a request issued while the rows are being written is answered before the upload finishes', async () => {
    const actor = await actorOf('nn1-clerk');
    const token = await api.token('gx-admin');
    const order: string[] = [];
    let answer: Promise<request.Response> | undefined;
    const upload = saveSubmission(api.db, {
      actor,
      campaignId: api.seed.campaigns.gx,
      baseVersion: 0,
      workbook,
      idempotency: { key: newKey(), requestHash: 'big', method: 'PUT', path: '/x' },
      afterChunk: async () => {
        order.push('chunk');
        // Issued once, after the first chunk, and NOT awaited here: it has to find the connection free
        // between two of the upload's statements.
        answer ??= request(api.app)
          .get('/api/me')
          .set(auth(token))
          .then((res) => {
            order.push('request');
            return res;
          });
      },
    }).then((r) => {
      order.push('upload');
      return r;
    });
    const [saved, me] = await Promise.all([upload, upload.then(() => answer)]);
    expect(saved.status).toBe(200);
    expect(me?.status).toBe(200);
    expect((me?.body as { username?: string }).username).toBe('gx-admin');
    expect(order.indexOf('request')).toBeGreaterThan(0);
    expect(order.indexOf('request')).toBeLessThan(order.indexOf('upload'));
    if (api.database.kind === 'pglite') {
      // Written in chunks, the request answered between two of them.
      expect(order.filter((o) => o === 'chunk').length).toBe(6);
      expect(order.slice(order.indexOf('request')).includes('chunk')).toBe(true);
    }
    const students = await api.db.student.count({ where: { schoolId: actor.orgId } });
    expect(students).toBe(ROWS);
  }, 180_000);
});

describe('staged while the rules run', () => {
  it('what the rules find still decides: a row with an error is stored, its student is no graduate', async () => {
    const actor = await actorOf('nn1-clerk');
    const current = await api.db.submission.findUnique({ where: { campaignId_schoolId: { campaignId: api.seed.campaigns.gx, schoolId: actor.orgId } } });
    // One ID with a wrong check digit, over HTTP (the worker parses the body itself).
    const wb = structuredClone(workbook);
    const rows = wb.sheets[0]?.rows ?? [];
    const at = rows.findIndex((r) => typeof r[3]?.value === 'string' && /^\d{17}[\dX]$/.test(r[3].value));
    const cell = rows[at]?.[3];
    if (!cell || typeof cell.value !== 'string') throw new Error('no ID cell');
    cell.value = cell.value.slice(0, 17) + (cell.value.endsWith('0') ? '1' : '0');
    const res = await request(api.app)
      .put(`/api/campaigns/${api.seed.campaigns.gx}/submission`)
      .set(auth(await api.token('nn1-clerk')))
      .set('Idempotency-Key', newKey())
      .send({ baseVersion: current?.version ?? 0, workbook: wb });
    expect(res.status).toBe(200);
    const body = res.body as { report: { valid: boolean; issues: { row: number; severity: string }[] } };
    expect(body.report.valid).toBe(false);
    expect(body.report.issues.some((i) => i.row === at + 1 && i.severity === 'error')).toBe(true);
    const version = (await api.db.submission.findUniqueOrThrow({ where: { campaignId_schoolId: { campaignId: api.seed.campaigns.gx, schoolId: actor.orgId } } })).currentVersionId ?? '';
    expect(await api.db.student.count({ where: { versionId: version } })).toBe(ROWS);
    expect(await api.db.student.findFirstOrThrow({ where: { versionId: version, rowNumber: at + 1 } })).toMatchObject({ graduate: false });
    expect(await api.db.student.count({ where: { versionId: version, graduate: true } })).toBe(ROWS - 1);
    expect(await api.db.submissionStage.count()).toBe(0);
  }, 180_000);
});

describe('atomic from the outside', () => {
  it('a failure in the middle of the write leaves nothing visible nor stored; the retry with the same key succeeds', async () => {
    const actor = await actorOf('nn4-clerk');
    const before = await footprint();
    const key = newKey();
    const input = { actor, campaignId: api.seed.campaigns.gx, baseVersion: 0, workbook, idempotency: { key, requestHash: 'big-2', method: 'PUT', path: '/x' } };
    let seen = 0;
    await expect(
      saveSubmission(api.db, {
        ...input,
        afterChunk: async ({ table }) => {
          if (table !== 'student') return;
          // Students are stored by now, yet no reader sees a submission of this school.
          seen = await api.db.student.count({ where: { schoolId: actor.orgId } });
          expect((await getSubmission('nn4-clerk')).status).toBe(404);
          throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
    expect(seen).toBeGreaterThan(0);
    expect(await footprint()).toEqual(before);
    expect((await getSubmission('nn4-clerk')).status).toBe(404);

    const retry = await saveSubmission(api.db, input);
    expect(retry.status).toBe(200);
    expect((retry.body as { submission: { version: number } }).submission.version).toBe(1);
    const got = await getSubmission('nn4-clerk');
    expect(got.status).toBe(200);
    expect(await api.db.student.count({ where: { schoolId: actor.orgId } })).toBe(ROWS);
    expect(await api.db.submissionStage.count()).toBe(0);
  }, 180_000);

  it('a crash in the middle leaves no submission visible; a retry succeeds and the stale rows are discarded', async () => {
    const actor = await actorOf('wz-clerk');
    const key = newKey();
    const t0 = new Date();
    const input = { actor, campaignId: api.seed.campaigns.gx, baseVersion: 0, workbook, idempotency: { key, requestHash: 'big-3', method: 'PUT', path: '/x' } };
    // The "crashed" upload stops for good after its first student chunk (as a killed process would).
    let reached!: () => void;
    const stopped = new Promise<void>((resolve) => (reached = resolve));
    let kill!: (e: Error) => void;
    const dead = new Promise<never>((_, reject) => (kill = reject));
    const crashed = saveSubmission(api.db, {
      ...input,
      now: t0,
      afterChunk: async ({ table }) => {
        if (table !== 'student') return;
        reached();
        await dead;
      },
    });
    crashed.catch(() => {});
    await stopped;
    expect((await getSubmission('wz-clerk')).status).toBe(404);
    expect(await api.db.submissionStage.count({ where: { schoolId: actor.orgId } })).toBe(1);

    // The client retries with the same key once the crashed attempt's claim is stale (5 min).
    const retry = await saveSubmission(api.db, { ...input, now: new Date(t0.getTime() + 6 * 60_000) });
    expect(retry.status).toBe(200);
    const version = (retry.body as { submission: { version: number; id: string } }).submission;
    expect(version.version).toBe(1);
    expect((await getSubmission('wz-clerk')).status).toBe(200);
    // The crashed attempt's rows are still stored (not stale yet) but belong to no version.
    expect(await api.db.student.count({ where: { schoolId: actor.orgId } })).toBeGreaterThan(ROWS);

    // The next upload, once the stage is stale, discards it.
    const later = await saveSubmission(api.db, {
      ...input,
      baseVersion: 1,
      idempotency: { ...input.idempotency, key: newKey(), requestHash: 'big-4' },
      now: new Date(t0.getTime() + STALE_STAGE_MS + 60_000),
    });
    expect(later.status).toBe(200);
    expect(await api.db.submissionStage.count()).toBe(0);
    const current = await api.db.submission.findFirstOrThrow({ where: { schoolId: actor.orgId, campaignId: api.seed.campaigns.gx } });
    expect(await api.db.student.count({ where: { schoolId: actor.orgId } })).toBe(2 * ROWS); // versions 1 and 2
    expect(await api.db.student.count({ where: { versionId: current.currentVersionId ?? '' } })).toBe(ROWS);

    // The crashed process never comes back; were it to, its stage is gone and it cannot publish.
    kill(new Error('killed'));
    await expect(crashed).rejects.toThrow();
    expect(await api.db.submissionVersion.count({ where: { submissionId: current.id } })).toBe(2);
  }, 240_000);

  it('two first uploads of one school racing: one is published, the other refused with version-conflict and its stage discarded', async () => {
    const actor = await actorOf('lz1-clerk');
    const small = goodGxWorkbook().grid;
    const attempt = (hash: string) =>
      saveSubmission(api.db, { actor, campaignId: api.seed.campaigns.gx, baseVersion: 0, workbook: small, idempotency: { key: newKey(), requestHash: hash, method: 'PUT', path: '/x' } }).then(
        (r) => r.status,
        (e: { code?: string }) => e.code ?? 'error',
      );
    const results = await Promise.all([attempt('race-a'), attempt('race-b')]);
    expect(results.sort()).toEqual([200, 'version-conflict'].sort());
    expect(await api.db.submissionStage.count()).toBe(0);
    const current = await api.db.submission.findFirstOrThrow({ where: { schoolId: actor.orgId, campaignId: api.seed.campaigns.gx } });
    expect(await api.db.submissionVersion.count({ where: { submissionId: current.id } })).toBe(1);
    expect(await api.db.student.count({ where: { schoolId: actor.orgId } })).toBe(STUDENTS.length);
  }, 120_000);

  it('rows cannot be added under a discarded stage, nor students of another school', async () => {
    const actor = await actorOf('lz1-clerk');
    const stageId = randomUUID();
    const submissionId = randomUUID();
    await api.db.submissionStage.create({ data: { id: stageId, submissionId, campaignId: api.seed.campaigns.gx, schoolId: actor.orgId } });
    const insertStudent = (schoolId: string) => api.db.$executeRaw`
      INSERT INTO student (id, version_id, submission_id, campaign_id, school_id, sheet, row_number, name, id_number, gender, graduate, fields)
      VALUES (${randomUUID()}::uuid, ${stageId}::uuid, ${submissionId}::uuid, ${api.seed.campaigns.gx}::uuid, ${schoolId}::uuid, 'S', 1, '甲', 'X', '男', true, '{}')`;
    await expect(insertStudent(randomUUID())).rejects.toThrow(/student_version_owner|does not match/);
    await api.db.submissionStage.update({ where: { id: stageId }, data: { discardedAt: new Date() } });
    await expect(insertStudent(actor.orgId)).rejects.toThrow(/student_version_owner|does not match/);
    await expect(api.db.$executeRaw`INSERT INTO submission_row (version_id, sheet, kind, row_number, fields) VALUES (${stageId}::uuid, 'S', 'k', 1, '{}')`).rejects.toThrow(
      /does not exist|submission_row_version_id_fkey/,
    );
    await api.db.submissionStage.delete({ where: { id: stageId } });
  });
});
