/**
 * Certificate-range allocations per second with 100 concurrent clients, and their p50/p99 latency —
 * the real use case (allocate-certificate-range: scope checks, atomic counter, range insert under the
 * exclusion constraint, audit row): a scope query, then one statement that claims, counts, inserts and audits.
 * On the local PostgreSQL server (target ≥ 500/s, PASS/MISS printed; skipped with a message when it does
 * not answer), then on the embedded PGlite for information. What is measured: the use case called
 * directly (no HTTP, no auth) by 100 concurrent async clients over one Prisma client whose pool is the
 * server's default (10). Each line ends with the load average at the time.
 * `npx tsx bench/allocation.bench.ts [total]` (YANYIN_BENCH_POOL, YANYIN_BENCH_PG_ONLY=1, YANYIN_BENCH_STRICT=1)
 */
import os from 'node:os';
import { allocateCertificateRange } from '../server/use-cases/allocate-certificate-range';
import type { PrismaClient } from '../server/db/client';
import { createTestDatabase, postgresAvailable, testPgUrl, type TestDatabase } from '../test/helpers/db';
import { createWorld } from '../test/db/fixtures';

const CLIENTS = 100;
const TOTAL = Number(process.argv[2] ?? 3_000);
const TARGET = 500;
// The server's own default pool on PostgreSQL (server/db/open-database.ts). A larger pool is slower
// here: every allocation queues on the same series row lock, and on 2 CPUs more backends only add
// contention (2 CPUs, load ≈ 3–4: pool 5 ≈ 735/s, 10 ≈ 758/s, 20 ≈ 568/s, 40 ≈ 416/s).
// YANYIN_BENCH_POOL=n to try another size.
const POOL = Number(process.env.YANYIN_BENCH_POOL ?? 10);

const load = () => `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`;

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
    `${label}: ${latencies.length} allocations in ${seconds.toFixed(2)} s = ${rate.toFixed(0)} allocations/s; ` +
      `latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms; refused ${refused}; ${load()}`,
  );
  return rate;
}

let failed = false;
if (await postgresAvailable()) {
  const t = await createTestDatabase({ kind: 'postgres', max: POOL });
  try {
    const rate = await run(`PostgreSQL (pool ${POOL}, ${CLIENTS} clients, direct use-case calls)`, t);
    console.log(`  target ≥ ${TARGET}/s on PostgreSQL: ${rate >= TARGET ? 'PASS' : 'MISS'}`);
    if (rate < TARGET) failed = process.env.YANYIN_BENCH_STRICT === '1';
  } finally {
    await t.close();
  }
} else {
  console.log(`PostgreSQL at ${testPgUrl} not reachable: server figures skipped`);
}
if (process.env.YANYIN_BENCH_PG_ONLY === '1') process.exit(0);
const embedded = await createTestDatabase({ kind: 'pglite', max: 8 });
try {
  await run(`PGlite via socket (pool 8, ${CLIENTS} clients, no target: information)`, embedded);
} finally {
  await embedded.close();
}
process.exitCode = failed ? 1 : 0;
