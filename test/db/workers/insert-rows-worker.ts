/**
 * Child process for pg-concurrency.test.ts: inserts a submission version with `rows` rows in ONE
 * transaction (createMany batches of 1,000) and prints "HALF" once half of them are written, then
 * pauses briefly so the parent can SIGKILL it mid-transaction. Prints "DONE" after the commit.
 * argv[2]: JSON { connection, submissionId, createdById, versionId, rows }
 */
import { createPrismaClient } from '../../../server/db/client';

interface Job {
  connection: { host: string; port: number; user: string; database: string };
  submissionId: string;
  createdById: string;
  versionId: string;
  rows: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const prisma = createPrismaClient(job.connection, { max: 2, transaction: { timeout: 120_000 } });
await prisma.$transaction(async (tx) => {
  await tx.submissionVersion.create({
    data: { id: job.versionId, submissionId: job.submissionId, number: 1, createdById: job.createdById, contentHash: 'kill-test', rowCount: job.rows, valid: true, report: {} },
  });
  const batch = 1_000;
  for (let from = 0; from < job.rows; from += batch) {
    await tx.submissionRow.createMany({
      data: Array.from({ length: Math.min(batch, job.rows - from) }, (_, k) => ({
        versionId: job.versionId,
        sheet: '附件2',
        kind: 'attachment2',
        rowNumber: 5 + from + k,
        fields: { 序号: from + k + 1, 姓名: '测试', 专业: '计算机应用' },
      })),
    });
    if (from + batch === Math.floor(job.rows / 2 / batch) * batch) {
      process.stdout.write('HALF\n');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    }
  }
});
process.stdout.write('DONE\n');
await prisma.$disconnect();
