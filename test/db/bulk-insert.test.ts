/** server/db/bulk-insert: what goes in comes back, inside the caller's transaction, all or nothing. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertStudents, insertSubmissionRows } from '../../server/db/bulk-insert';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createWorld, fakeId, req, type World } from './fixtures';

let t: TestDatabase;
let w: World;
let submissionId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  w = await createWorld(t.prisma, { schools: 1 });
  submissionId = (await t.prisma.submission.create({ data: { campaignId: w.campaignId, schoolId: req(w.schoolIds[0]) } })).id;
});
afterAll(async () => {
  await t?.close();
});

const newVersion = (tx: TestDatabase['prisma'] | Parameters<Parameters<TestDatabase['prisma']['$transaction']>[0]>[0], number: number) =>
  tx.submissionVersion.create({
    data: { id: randomUUID(), submissionId, number, createdById: req(w.clerks[0]).userId, contentHash: 'h', rowCount: 0, valid: true, report: {} },
  });

describe('bulk insert', () => {
  it('stores 12,000 rows and students (more than one chunk) with their values', async () => {
    const n = 12_000;
    const version = await newVersion(t.prisma, 1);
    const ids = Array.from({ length: n }, () => fakeId());
    await t.prisma.$transaction(async (tx) => {
      expect(await insertSubmissionRows(tx, version.id, ids.map((id, i) => ({ sheet: '附件2', kind: 'a2', rowNumber: i + 5, fields: { 身份证号码: id, 序号: i + 1 } })))).toBe(n);
      const studentIds = await insertStudents(
        tx,
        version.id,
        ids.map((id, i) => ({
          submissionId,
          campaignId: w.campaignId,
          schoolId: req(w.schoolIds[0]),
          sheet: '附件2',
          rowNumber: i + 5,
          name: `学生${i}`,
          idNumber: id,
          gender: '女',
          major: '会计',
          studentNumber: i === 0 ? `G${id}` : null,
          graduate: i % 3 !== 0,
          extra: i === 0 ? { 学制: '3年' } : undefined,
          fields: { 身份证号码: id, 序号: i + 1 },
        })),
      );
      expect(new Set(studentIds).size).toBe(n);
    });
    expect(await t.prisma.submissionRow.count({ where: { versionId: version.id } })).toBe(n);
    const first = await t.prisma.student.findFirstOrThrow({ where: { versionId: version.id, rowNumber: 5 } });
    expect(first).toMatchObject({ name: '学生0', idNumber: ids[0], gender: '女', major: '会计', studentNumber: `G${ids[0]}`, graduate: false, extra: { 学制: '3年' }, fields: { 身份证号码: ids[0], 序号: 1 } });
    const row = await t.prisma.submissionRow.findFirstOrThrow({ where: { versionId: version.id, rowNumber: 6 } });
    expect(row.fields).toEqual({ 身份证号码: ids[1], 序号: 2 });
    expect(await t.prisma.student.count({ where: { versionId: version.id, graduate: true } })).toBe(8_000);
  });

  it('a failure rolls the whole version back', async () => {
    let versionId = '';
    await expect(
      t.prisma.$transaction(async (tx) => {
        versionId = (await newVersion(tx, 2)).id;
        await insertSubmissionRows(tx, versionId, [{ sheet: 'S', kind: 'k', rowNumber: 1, fields: {} }]);
        await insertSubmissionRows(tx, versionId, [{ sheet: 'S', kind: 'k', rowNumber: 1, fields: {} }]); // duplicate row
      }),
    ).rejects.toThrow();
    expect(await t.prisma.submissionVersion.count({ where: { id: versionId } })).toBe(0);
    expect(await t.prisma.submissionRow.count({ where: { versionId } })).toBe(0);
  });
});
