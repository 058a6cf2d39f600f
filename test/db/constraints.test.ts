/**
 * What the database itself enforces, tried with raw SQL that bypasses every use case: non-overlapping
 * ranges (EXCLUDE USING gist), unique numbers, a certificate inside its range, one issued number per
 * person, one submission per school and campaign with one current version of its own, students and rows
 * that belong to an existing version (and a student to that version's submission), and an append-only
 * audit log.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlState } from '../../server/use-cases/certificate-support';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createWorld, req, submitStudents, type World } from './fixtures';

let t: TestDatabase;
let sql: pg.Client;
let w: World;

beforeAll(async () => {
  t = await createTestDatabase();
  sql = new pg.Client(t.connection);
  await sql.connect();
  w = await createWorld(t.prisma, { schools: 2 });
});
afterAll(async () => {
  await sql?.end();
  await t?.close();
});

/** The SQLSTATE a statement fails with (undefined when it succeeds). */
async function stateOf(text: string, values: unknown[] = []): Promise<string | undefined> {
  try {
    await sql.query(text, values);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

const insertRange = (seriesId: string, schoolId: string, start: number, end: number) =>
  stateOf(
    `INSERT INTO certificate_range (id, series_id, school_id, major, start_serial, end_serial, allocated_by_id)
     VALUES (gen_random_uuid(), $1, $2, 'm', $3, $4, $5)`,
    [seriesId, schoolId, start, end, w.province.userId],
  );

describe('certificate ranges', () => {
  it('rejects an overlapping range of the same series (exclusion constraint, 23P01)', async () => {
    const school = req(w.schoolIds[0]);
    expect(await insertRange(w.seriesId, school, 100, 199)).toBeUndefined();
    expect(await insertRange(w.seriesId, req(w.schoolIds[1]), 150, 250)).toBe('23P01');
    expect(await insertRange(w.seriesId, school, 199, 199)).toBe('23P01'); // touching the last number
    expect(await insertRange(w.seriesId, school, 50, 100)).toBe('23P01'); // touching the first
    expect(await insertRange(w.seriesId, school, 1, 1000)).toBe('23P01'); // containing it
    expect(await insertRange(w.seriesId, school, 200, 210)).toBeUndefined(); // adjacent is fine
    const other = await createWorld(t.prisma, { schools: 1 });
    expect(await insertRange(other.seriesId, req(other.schoolIds[0]), 100, 199)).toBeUndefined(); // another series
  });

  it('the generated numbers column follows the bounds and cannot be written', async () => {
    const { rows } = await sql.query<{ numbers: string }>(`SELECT numbers::text FROM certificate_range WHERE series_id = $1 AND start_serial = 100`, [w.seriesId]);
    expect(rows[0]?.numbers).toBe('[100,200)');
    expect(await stateOf(`UPDATE certificate_range SET numbers = int8range(1, 2) WHERE series_id = $1`, [w.seriesId])).toBe('428C9');
    // Moving a range onto another one is refused too.
    expect(await stateOf(`UPDATE certificate_range SET start_serial = 150 WHERE series_id = $1 AND start_serial = 200`, [w.seriesId])).toBe('23P01');
  });

  it('rejects reversed or non-positive bounds', async () => {
    // The generated range refuses it first (22000: lower bound above upper), the CHECK would otherwise.
    expect(['22000', '23514']).toContain(await insertRange(w.seriesId, req(w.schoolIds[0]), 500, 499));
    expect(await insertRange(w.seriesId, req(w.schoolIds[0]), 0, 3)).toBe('23514');
  });

  it('surfaces through Prisma with the driver code 23P01', async () => {
    const error = await t.prisma.certificateRange
      .create({ data: { seriesId: w.seriesId, schoolId: req(w.schoolIds[0]), major: 'm', startSerial: 120, endSerial: 130, allocatedById: w.province.userId } })
      .catch((e: unknown) => e);
    expect(sqlState(error)).toBe('23P01');
  });

  it('keeps the counter inside the series', async () => {
    expect(await stateOf(`UPDATE certificate_series SET next_serial = max_serial + 2 WHERE id = $1`, [w.seriesId])).toBe('23514');
  });
});

describe('certificates', () => {
  let rangeId: string;
  let studentIds: string[];
  beforeAll(async () => {
    const range = await t.prisma.certificateRange.create({
      data: { seriesId: w.seriesId, schoolId: req(w.schoolIds[0]), major: 'A', startSerial: 1000, endSerial: 1009, allocatedById: w.province.userId },
    });
    rangeId = range.id;
    studentIds = (await submitStudents(t.prisma, w, 0, [1, 2, 3].map((r) => ({ major: 'A', rowNumber: r })))).students.map((s) => s.id);
  });

  const insertCert = (serial: number, holder: string, opts: { status?: string; range?: string; school?: string } = {}) =>
    stateOf(
      `INSERT INTO certificate (id, series_id, range_id, serial, number, campaign_id, school_id, holder_name, holder_id_number, major, status, voided_at, void_reason)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, '张三', $7, 'A', $8::"CertificateStatus",
               CASE WHEN $8 = 'VOIDED' THEN now() END, CASE WHEN $8 = 'VOIDED' THEN 'x' END)`,
      [w.seriesId, opts.range ?? rangeId, serial, `N${serial}-${Math.random()}`, w.campaignId, opts.school ?? req(w.schoolIds[0]), holder, opts.status ?? 'ISSUED'],
    );

  it('a serial exists once per series, voided or not', async () => {
    expect(await insertCert(1000, 'H1', { status: 'VOIDED' })).toBeUndefined();
    expect(await insertCert(1000, 'H2')).toBe('23505');
  });

  it('a serial must lie inside its range, of the same school', async () => {
    expect(await insertCert(1010, 'H3')).toBe('23514');
    expect(await insertCert(1001, 'H3', { school: req(w.schoolIds[1]) })).toBe('23514');
    expect(await insertCert(1001, 'H3')).toBeUndefined();
  });

  it('one issued certificate per person per campaign; voided ones do not count', async () => {
    expect(await insertCert(1002, 'H1')).toBeUndefined(); // H1's first number was voided
    expect(await insertCert(1003, 'H1')).toBe('23505');
  });

  it('a voided certificate has its time and reason', async () => {
    expect(
      await stateOf(`UPDATE certificate SET status = 'VOIDED' WHERE holder_id_number = 'H3'`),
    ).toBe('23514');
    expect(studentIds).toHaveLength(3);
  });
});

describe('submissions', () => {
  it('one submission per school and campaign', async () => {
    const school = req(w.schoolIds[1]);
    await t.prisma.submission.create({ data: { campaignId: w.campaignId, schoolId: school } });
    expect(await stateOf(`INSERT INTO submission (id, campaign_id, school_id, updated_at) VALUES (gen_random_uuid(), $1, $2, now())`, [w.campaignId, school])).toBe('23505');
  });

  it("the current version must be one of the submission's own versions, and only one is current", async () => {
    const a = await submitStudents(t.prisma, w, 0, [{ major: 'A', rowNumber: 1 }]);
    const b = await t.prisma.submission.findUniqueOrThrow({ where: { campaignId_schoolId: { campaignId: w.campaignId, schoolId: req(w.schoolIds[1]) } } });
    expect(await stateOf(`UPDATE submission SET current_version_id = $1 WHERE id = $2`, [a.versionId, b.id])).toBe('23503');
    // The same version cannot be current for two submissions (unique current_version_id).
    const row = await t.prisma.submission.findUniqueOrThrow({ where: { id: a.submissionId } });
    expect(row.currentVersionId).toBe(a.versionId);
  });
});

describe('students and rows of a version (statement-level checks, 0002)', () => {
  const insertStudent = (versionId: string, submissionId: string, campaignId: string, schoolId: string, row: number) =>
    stateOf(
      `INSERT INTO student (id, version_id, submission_id, campaign_id, school_id, sheet, row_number, name, id_number, gender, graduate, fields)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, 'S', $5, 'n', 'x', '男', true, '{}')`,
      [versionId, submissionId, campaignId, schoolId, row],
    );

  it("a student's version exists and its submission, campaign and school are that version's", async () => {
    const a = await submitStudents(t.prisma, w, 0, [{ major: 'A', rowNumber: 1 }]);
    const school = req(w.schoolIds[0]);
    expect(await insertStudent(a.versionId, a.submissionId, w.campaignId, school, 900)).toBeUndefined();
    expect(await insertStudent('00000000-0000-7000-8000-000000000000', a.submissionId, w.campaignId, school, 901)).toBe('23503');
    expect(await insertStudent(a.versionId, a.submissionId, w.campaignId, req(w.schoolIds[1]), 902)).toBe('23503');
    expect(await insertStudent(a.versionId, a.submissionId, a.submissionId, school, 903)).toBe('23503');
    expect(await insertStudent(a.versionId, a.versionId, w.campaignId, school, 904)).toBe('23503');
    expect(await stateOf(`UPDATE student SET school_id = $1 WHERE version_id = $2`, [req(w.schoolIds[1]), a.versionId])).toBe('23503');
    // One bad row fails the whole multi-row statement.
    expect(
      await stateOf(
        `INSERT INTO student (id, version_id, submission_id, campaign_id, school_id, sheet, row_number, name, id_number, gender, graduate, fields)
         SELECT gen_random_uuid(), $1::uuid, $2::uuid, $3::uuid, CASE WHEN i = 500 THEN $4::uuid ELSE $5::uuid END, 'S', 1000 + i, 'n', 'x', '男', true, '{}' FROM generate_series(1, 1000) i`,
        [a.versionId, a.submissionId, w.campaignId, req(w.schoolIds[1]), school],
      ),
    ).toBe('23503');
    expect(await t.prisma.student.count({ where: { versionId: a.versionId, rowNumber: { gte: 1000 } } })).toBe(0);
  });

  it("a row's version exists; deleting a version deletes its rows and students; a version id never changes", async () => {
    const a = await submitStudents(t.prisma, w, 0, [{ major: 'A', rowNumber: 1 }, { major: 'A', rowNumber: 2 }], 'DRAFT');
    const insertRow = (versionId: string) =>
      stateOf(`INSERT INTO submission_row (version_id, sheet, kind, row_number, fields) VALUES ($1, 'S', 'k', 1, '{"a":1}')`, [versionId]);
    expect(await insertRow(a.versionId)).toBeUndefined();
    expect(await insertRow('00000000-0000-7000-8000-000000000000')).toBe('23503');
    expect(await stateOf(`UPDATE submission_version SET id = gen_random_uuid() WHERE id = $1`, [a.versionId])).toBe('23503');
    // A version that is not current can be deleted, and takes its rows and students with it.
    const old = await t.prisma.submissionVersion.create({
      data: { submissionId: a.submissionId, number: 99, createdById: req(w.clerks[0]).userId, contentHash: 'h', rowCount: 1, valid: true, report: {} },
    });
    expect(await insertRow(old.id)).toBeUndefined();
    expect(await insertStudent(old.id, a.submissionId, w.campaignId, req(w.schoolIds[0]), 1)).toBeUndefined();
    expect(await stateOf(`DELETE FROM submission_version WHERE id = $1`, [old.id])).toBeUndefined();
    expect(await t.prisma.student.count({ where: { versionId: old.id } })).toBe(0);
    expect(await t.prisma.submissionRow.count({ where: { versionId: old.id } })).toBe(0);
    expect(await t.prisma.student.count({ where: { versionId: a.versionId } })).toBe(2);
  });
});

describe('audit log', () => {
  it('is append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const entry = await t.prisma.auditLog.create({ data: { action: 'test.write', entity: 'test', entityId: '1', after: { a: 1 } } });
    expect(await stateOf(`UPDATE audit_log SET action = 'forged' WHERE id = $1`, [entry.id.toString()])).toBe('42501');
    expect(await stateOf(`DELETE FROM audit_log WHERE id = $1`, [entry.id.toString()])).toBe('42501');
    expect(await stateOf(`TRUNCATE audit_log`)).toBe('42501');
    await expect(t.prisma.auditLog.deleteMany({})).rejects.toThrow(/append-only/);
    expect((await t.prisma.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).action).toBe('test.write');
  });
});
