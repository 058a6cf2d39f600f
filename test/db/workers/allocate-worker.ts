/**
 * Child process for pg-concurrency.test.ts and the allocation bench: fires `requests` allocations at
 * once through its own Prisma client and pool, and prints one JSON line with every answer.
 * argv[2]: JSON { connection, actor, campaignId, schoolIds, requests, poolSize, maxWait }
 */
import { createPrismaClient } from '../../../server/db/client';
import { isAppError } from '../../../server/errors';
import { allocateCertificateRange } from '../../../server/use-cases/allocate-certificate-range';
import type { Actor } from '../../../server/use-cases/context';

interface Job {
  connection: { host: string; port: number; user: string; database: string; password?: string };
  actor: Actor;
  campaignId: string;
  schoolIds: string[];
  requests: number;
  poolSize: number;
  maxWait: number;
}

export type Answer = { ok: true; start: number; end: number; ms: number } | { ok: false; code: string; ms: number };

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const prisma = createPrismaClient(job.connection, { max: job.poolSize, transaction: { maxWait: job.maxWait } });
await prisma.$connect();
const answers = await Promise.all(
  Array.from({ length: job.requests }, async (_, i): Promise<Answer> => {
    const t0 = performance.now();
    try {
      const range = await allocateCertificateRange(prisma, {
        actor: job.actor,
        campaignId: job.campaignId,
        schoolId: job.schoolIds[i % job.schoolIds.length] ?? '',
        major: `M${i % 7}`,
        count: 1 + (i % 5),
      });
      return { ok: true, start: range.startSerial, end: range.endSerial, ms: performance.now() - t0 };
    } catch (error) {
      return { ok: false, code: isAppError(error) ? error.code : String(error).slice(0, 200), ms: performance.now() - t0 };
    }
  }),
);
await prisma.$disconnect();
process.stdout.write(`${JSON.stringify(answers)}\n`);
