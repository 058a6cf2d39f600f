/**
 * Storing a 20,000-row submission version in ONE transaction (version row + submission_row +
 * student rows), the way a replacement is stored atomically: server/db/bulk-insert (INSERT … SELECT
 * FROM unnest) against Prisma createMany in batches. Reports seconds and rows/s on the local
 * PostgreSQL (skipped with a message when absent) and on PGlite.
 * `npx tsx bench/submission-db.bench.ts [rows] [batch]`
 */
import { randomUUID } from 'node:crypto';
import { insertStudents, insertSubmissionRows } from '../server/db/bulk-insert';
import { createTestDatabase, postgresAvailable, testPgUrl, type TestDatabase } from '../test/helpers/db';
import { createWorld, fakeId } from '../test/db/fixtures';

const ROWS = Number(process.argv[2] ?? 20_000);
const BATCH = Number(process.argv[3] ?? 2_000);

async function run(label: string, t: TestDatabase): Promise<void> {
  const w = await createWorld(t.prisma, { schools: 1 });
  const schoolId = w.schoolIds[0] ?? '';
  const clerk = w.clerks[0];
  if (!clerk) throw new Error('no clerk');
  const submission = await t.prisma.submission.create({ data: { campaignId: w.campaignId, schoolId } });
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    rowNumber: 5 + i,
    name: `学生${i}`,
    idNumber: fakeId(),
    major: `专业${i % 12}`,
  }));
  for (const [round, mode] of (['unnest', 'createMany', 'unnest'] as const).entries()) {
    const versionId = randomUUID();
    const t0 = performance.now();
    await t.prisma.$transaction(
      async (tx) => {
        await tx.submissionVersion.create({
          data: { id: versionId, submissionId: submission.id, number: round + 1, createdById: clerk.userId, contentHash: 'bench', rowCount: ROWS, valid: true, report: {} },
        });
        const rowInputs = rows.map((r) => ({ sheet: '附件2', kind: 'attachment2', rowNumber: r.rowNumber, fields: { 姓名: r.name, 身份证号码: r.idNumber, 专业: r.major } }));
        const studentInputs = rows.map((r) => ({
          submissionId: submission.id,
          campaignId: w.campaignId,
          schoolId,
          sheet: '附件2',
          rowNumber: r.rowNumber,
          name: r.name,
          idNumber: r.idNumber,
          gender: '男',
          major: r.major,
          graduate: true,
        }));
        if (mode === 'unnest') {
          await insertSubmissionRows(tx, versionId, rowInputs);
          await insertStudents(tx, versionId, studentInputs);
        } else {
          for (let from = 0; from < ROWS; from += BATCH) {
            await tx.submissionRow.createMany({ data: rowInputs.slice(from, from + BATCH).map((r) => ({ ...r, versionId })) });
            await tx.student.createMany({ data: studentInputs.slice(from, from + BATCH).map((r) => ({ ...r, versionId })) });
          }
        }
        await tx.submission.update({ where: { id: submission.id }, data: { currentVersionId: versionId, version: { increment: 1 } } });
      },
      { timeout: 300_000 },
    );
    const seconds = (performance.now() - t0) / 1000;
    const how = mode === 'unnest' ? 'bulk-insert (unnest)' : `createMany (batch ${BATCH})`;
    console.log(`${label.padEnd(18)} ${how.padEnd(22)} ${ROWS} rows + ${ROWS} students in ${seconds.toFixed(2)} s (${(ROWS / seconds).toFixed(0)} rows/s)`);
  }
}

if (await postgresAvailable()) {
  const t = await createTestDatabase({ kind: 'postgres' });
  try {
    await run('PostgreSQL', t);
  } finally {
    await t.close();
  }
} else {
  console.log(`PostgreSQL at ${testPgUrl} not reachable: server figures skipped`);
}
const embedded = await createTestDatabase({ kind: 'pglite' });
try {
  await run('PGlite via socket', embedded);
} finally {
  await embedded.close();
}
