/**
 * 1,000 certificate allocations over HTTP spread round-robin over THREE server processes (server/main.ts)
 * on one PostgreSQL database, 100 concurrent clients: allocations/s, p50/p99, requests not answered 200
 * (must be 0), and whether the ranges tile the series with no gap or overlap. Unlike allocation.bench.ts
 * (the use case called directly) this includes HTTP, auth and the number assignment attempt per request,
 * and all of it shares the same 2 CPUs as the database — a floor for a real deployment, where each server
 * has its own machine. Skipped with a message when PostgreSQL does not answer.
 *
 *   npx tsx bench/multi-server.bench.ts [total=1000]
 */
import os from 'node:os';
import { seedDemo } from '../server/use-cases/seed-demo';
import { createTestDatabase, postgresAvailable, testPgUrl } from '../test/helpers/db';
import { call, ok, startServerProcess, stopServerProcess, type ServerProcess } from '../test/helpers/server-process';

const TOTAL = Number(process.argv[2] ?? 1_000);
const CLIENTS = 100;
const PASSWORD = 'Multi-Server-Bench-2022';

const load = () => `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

if (!(await postgresAvailable())) {
  console.log(`  skipped: PostgreSQL at ${testPgUrl} is not reachable`);
  process.exit(0);
}

const t = await createTestDatabase({ kind: 'postgres' });
const seed = await seedDemo(t.prisma, { password: PASSWORD });
let servers: ServerProcess[] = [];
let failed = false;
try {
  servers = await Promise.all([0, 1, 2].map(() => startServerProcess(t.url)));
  const origin = (i: number) => (servers[i % servers.length] as ServerProcess).origin;
  const token = async (i: number, username: string) =>
    (await ok(call(origin(i), 'POST', '/api/auth/sign-in', { body: { username, password: PASSWORD } }), username)).body.token as string;
  const clerk = await token(0, 'nn4-clerk');
  const province = await token(1, 'gx-admin');
  const campaignId = seed.campaigns.gx;
  const ids: string[] = [];
  for (let from = 0; from < TOTAL; from += 200) {
    const items = Array.from({ length: Math.min(200, TOTAL - from) }, (_, i) => ({ major: `专业${from + i}`, count: 1 + ((from + i) % 5) }));
    const res = await ok(call(origin(from / 200), 'POST', `/api/campaigns/${campaignId}/number-applications`, { token: clerk, body: { items } }), 'apply');
    ids.push(...(res.body.items as { id: string }[]).map((x) => x.id));
  }

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < ids.length) {
        const i = next++;
        const t0 = performance.now();
        const a = await call(origin(i), 'POST', `/api/number-applications/${ids[i]}/allocate`, { token: province, body: {} });
        latencies.push(performance.now() - t0);
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const notOk = ids.length - (statuses.get(200) ?? 0);

  const ranges = await t.prisma.certificateRange.findMany({ where: { seriesId: seed.seriesId }, orderBy: { startSerial: 'asc' } });
  let expected = 1;
  let broken = 0;
  for (const r of ranges) {
    if (r.startSerial !== expected) broken++;
    expected = r.endSerial + 1;
  }
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(48)} ${value}`);
  line(`${ids.length} allocations over 3 servers, ${CLIENTS} clients`, `${(ids.length / seconds).toFixed(0)}/s (${load()})`);
  line('latency p50 / p99', `${percentile(latencies, 50).toFixed(0)} ms / ${percentile(latencies, 99).toFixed(0)} ms`);
  line('requests not answered 200 (target 0)', `${notOk} ${notOk === 0 ? 'PASS' : 'MISS'} ${JSON.stringify(Object.fromEntries(statuses))}`);
  line('gaps or overlaps in the series (target 0)', `${broken} ${broken === 0 && ranges.length === ids.length ? 'PASS' : 'MISS'}`);
  failed = notOk !== 0 || broken !== 0;
} finally {
  await Promise.all(servers.map(stopServerProcess));
  await t.close();
}
process.exitCode = failed ? 1 : 0;
