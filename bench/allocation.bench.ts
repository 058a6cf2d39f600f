/**
 * Certificate-range allocations per second with 100 concurrent clients, and their p50/p99 latency —
 * the real use case (allocate-certificate-range: scope checks, atomic counter, range insert under the
 * exclusion constraint, audit row) in one interactive transaction each.
 * On the local PostgreSQL server (target ≥ 500/s; skipped with a message when it does not answer), then
 * on the embedded PGlite for information. `npx tsx bench/allocation.bench.ts [total]`
 */
import { allocateCertificateRange } from '../server/use-cases/allocate-certificate-range';
import type { PrismaClient } from '../server/db/client';
import { createTestDatabase, postgresAvailable, testPgUrl, type TestDatabase } from '../test/helpers/db';
import { createWorld } from '../test/db/fixtures';

const CLIENTS = 100;
const TOTAL = Number(process.argv[2] ?? 3_000);
const TARGET = 500;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function run(label: string, t: TestDatabase): Promise<number> {
  const prisma: PrismaClient = t.prisma;
  const w = await createWorld(prisma, { schools: 20 });
  // Warm-up: connections, query plans.
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      allocateCertificateRange(prisma, { actor: w.province, campaignId: w.campaignId, schoolId: w.schoolIds[i % 20] ?? '', major: 'warm', count: 1 }),
    ),
  );
  const latencies: number[] = [];
  let issued = 0;
  let refused = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (issued < TOTAL) {
        issued++;
        const t0 = performance.now();
        try {
          await allocateCertificateRange(prisma, {
            actor: w.province,
            campaignId: w.campaignId,
            schoolId: w.schoolIds[(client + issued) % 20] ?? '',
            major: `M${issued % 7}`,
            count: 1 + (issued % 5),
          });
        } catch {
          refused++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const rate = latencies.length / seconds;
  console.log(
    `${label.padEnd(34)} ${latencies.length} allocations in ${seconds.toFixed(2)} s = ${rate.toFixed(0)}/s; ` +
      `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms; refused ${refused}`,
  );
  return rate;
}

let failed = false;
if (await postgresAvailable()) {
  const t = await createTestDatabase({ kind: 'postgres', max: 20 });
  try {
    const rate = await run(`PostgreSQL (pool 20, ${CLIENTS} clients)`, t);
    if (rate < TARGET) {
      console.log(`  below the target of ${TARGET}/s`);
      failed = process.env.YANYIN_BENCH_STRICT === '1';
    }
  } finally {
    await t.close();
  }
} else {
  console.log(`PostgreSQL at ${testPgUrl} not reachable: server figures skipped`);
}
const embedded = await createTestDatabase({ kind: 'pglite', max: 8 });
try {
  await run(`PGlite via socket (pool 8, info)`, embedded);
} finally {
  await embedded.close();
}
process.exitCode = failed ? 1 : 0;
