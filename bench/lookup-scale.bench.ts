/**
 * Public look-up on 1,000,000 stored certificates (issue #14): five years of a province's certificates
 * (2018–2022, one series each, 200,000 a year over 1,000 schools) inserted by SQL (generate_series, the
 * range trigger on), then GET /api/public/certificates on ONE server process (server/main.ts) on
 * PostgreSQL with 16 concurrent askers:
 *   - name + the number as printed (桂教中专毕字（2021）012345), the common case: look-ups/s, p50/p99,
 *     target p99 < 50 ms (PASS/MISS; on an idle machine);
 *   - the same, one asker at a time (a look-up's own latency);
 *   - name + the serial alone (012345, which every year's series has), and a wrong name (not found),
 *     for information.
 * Every answer must be 200 with the expected found/not found (target 0 wrong). The plans of the three
 * certificate queries are checked with EXPLAIN: an index, never a sequential scan over the million.
 *
 * Rate limits stay ON and counted in the database as in a deployment: each look-up comes from its own
 * address (X-Forwarded-For; the server runs with YANYIN_TRUST_PROXY=1 as behind one load balancer) and
 * asks for a different certificate, so neither the per-address limit (30 a minute) nor the per-number
 * limit (10 an hour) refuses it, while counting them (one statement for the three counters, issue #14)
 * is part of its cost.
 *
 *   npx tsx bench/lookup-scale.bench.ts
 *   YANYIN_BENCH_CERTIFICATES=100000 YANYIN_BENCH_LOOKUPS=2000 npx tsx bench/lookup-scale.bench.ts
 */
import os from 'node:os';
import { createWorld } from '../test/db/fixtures';
import { createTestDatabase, postgresAvailable, testPgUrl } from '../test/helpers/db';
import { call, startServerProcess, stopServerProcess, type ServerProcess } from '../test/helpers/server-process';
import { addSchools, databaseSize, mib, percentile } from './bulk-province';

const CERTIFICATES = Number(process.env.YANYIN_BENCH_CERTIFICATES ?? 1_000_000);
const LOOKUPS = Number(process.env.YANYIN_BENCH_LOOKUPS ?? 10_000);
const CLIENTS = Number(process.env.YANYIN_BENCH_CLIENTS ?? 16);
const YEARS = [2018, 2019, 2020, 2021, 2022];
const SCHOOLS = 1_000;
const P99_TARGET_MS = 50;
/** Look-ups of each of the two informational kinds. */
const SIDE = Math.ceil(LOOKUPS / 5);
const WARM_UP = 200;
/** Look-ups by one asker at a time (repeating warm-up certificates: far below the per-number limit). */
const SOLO = 200;

const load = () => `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(56)} ${value}`);

if (!(await postgresAvailable())) {
  console.log(`  skipped: PostgreSQL at ${testPgUrl} is not reachable`);
  process.exit(0);
}

const perYear = Math.ceil(CERTIFICATES / YEARS.length);
const perSchool = Math.ceil(perYear / SCHOOLS);

const t = await createTestDatabase({ kind: 'postgres' });
let server: ServerProcess | undefined;
let failed = false;
try {
  // ── a province with five years of certificates ──
  const setupStarted = performance.now();
  const world = await createWorld(t.prisma, { schools: 0 });
  const schools = await addSchools(t.prisma, { cityId: world.cityId, count: SCHOOLS });
  await t.prisma.certificateSeries.delete({ where: { id: world.seriesId } });
  await t.prisma.campaign.delete({ where: { id: world.campaignId } });
  const series: { id: string; campaignId: string; prefix: string }[] = [];
  for (const year of YEARS) {
    const campaign = await t.prisma.campaign.create({
      data: { ownerOrgId: world.provinceId, packId: 'gx-zz-2022', year, name: `${year}年广西中职毕业证书验印`, status: 'ARCHIVED' },
    });
    const prefix = `桂教中专毕字（${year}）`;
    const s = await t.prisma.certificateSeries.create({
      data: { campaignId: campaign.id, prefix, serialWidth: 6, maxSerial: 999_999, nextSerial: perSchool * SCHOOLS + 1 },
    });
    series.push({ id: s.id, campaignId: campaign.id, prefix });
  }
  // One range per school and year; every serial of it numbered. Names: 100 surnames × 40² given names
  // (160,000 names, ≈ 6 holders each: common names recur, as they do).
  await t.prisma.$executeRawUnsafe(
    `INSERT INTO certificate_range (id, series_id, school_id, major, start_serial, end_serial, allocated_by_id)
     SELECT gen_random_uuid(), s, o, '计算机应用', (i - 1) * $3::int + 1, i * $3::int, $4::uuid
     FROM unnest($1::uuid[]) AS s CROSS JOIN unnest($2::uuid[]) WITH ORDINALITY AS x(o, i)`,
    series.map((s) => s.id),
    schools.map((s) => s.id),
    perSchool,
    world.province.userId,
  );
  const inserted = performance.now();
  await t.prisma.$executeRawUnsafe(
    `WITH names AS (
       SELECT '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱覃武戴孔汤洪欧严' AS surnames,
              '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建红飞琳春晓宇婷雪梅文' AS given)
     INSERT INTO certificate (id, series_id, range_id, serial, number, campaign_id, school_id, holder_name, holder_id_number, major, status)
     SELECT gen_random_uuid(), r.series_id, r.id, n, cs.prefix || lpad(n::text, 6, '0'), cs.campaign_id, r.school_id,
            substr(names.surnames, 1 + (h % 100)::int, 1) || substr(names.given, 1 + (h / 100 % 40)::int, 1)
              || substr(names.given, 1 + (h / 4000 % 40)::int, 1),
            '450103' || lpad(((n * 7919 + cs.year * 104729) % 100000000000)::text, 11, '0') || 'X', r.major, 'ISSUED'
     FROM certificate_range r
     JOIN (SELECT s.id, s.prefix, s.campaign_id, c.year FROM certificate_series s JOIN campaign c ON c.id = s.campaign_id) cs ON cs.id = r.series_id
     CROSS JOIN names
     CROSS JOIN LATERAL generate_series(r.start_serial, r.end_serial) AS n
     CROSS JOIN LATERAL (SELECT hashtext(cs.year || ':' || n)::bigint & 2147483647 AS h) hashed`,
  );
  const insertSeconds = (performance.now() - inserted) / 1000;
  await t.prisma.$executeRawUnsafe('VACUUM ANALYZE certificate');
  const stored = await t.prisma.certificate.count();
  line(`${stored.toLocaleString('en')} certificates inserted (${YEARS.length} series, ${SCHOOLS} schools)`, `${insertSeconds.toFixed(1)} s (${(stored / insertSeconds).toFixed(0)}/s)`);
  line('database size', mib(await databaseSize(t.prisma)));

  // ── the plans: every certificate query of the look-up uses an index ──
  const sample = await t.prisma.$queryRawUnsafe<{ number: string; holder_name: string; serial: number; series_id: string }[]>(
    `SELECT number, holder_name, serial, series_id::text FROM certificate ORDER BY random() LIMIT ${WARM_UP + LOOKUPS + 2 * SIDE}`,
  );
  const probe = sample[0];
  if (!probe) throw new Error('no certificates');
  // The look-up's one query (server/use-cases/look-up-certificate.ts), for each kind of number.
  const lookUpSql = (where: string) =>
    `SELECT c.number, c.holder_name, c.status, o.name AS school_name, k.year FROM certificate c
     JOIN organization o ON o.id = c.school_id JOIN campaign k ON k.id = c.campaign_id
     WHERE c.holder_name = $1 AND (${where}) ORDER BY c.issued_at DESC LIMIT 1`;
  const plans = {
    'name + number as printed': [lookUpSql('(c.series_id = $2::uuid AND c.serial = $3)'), [probe.holder_name, probe.series_id, probe.serial]],
    'name + serial alone': [lookUpSql('c.serial = $2'), [probe.holder_name, probe.serial]],
    'name + number of no series': [lookUpSql('c.number = $2'), [probe.holder_name, probe.number]],
  } as const;
  let seqScans = 0;
  for (const [what, [sql, args]] of Object.entries(plans)) {
    // ANALYZE: run it too, so the line also says what the query costs the database by itself.
    const rows = await t.prisma.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ANALYZE ${sql}`, ...args);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    const executed = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? '?';
    const scans = [...plan.matchAll(/(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)(?: using| on) (\w+)/g)].map((m) => `${m[1]} ${m[2]}`);
    const seq = /Seq Scan on certificate/.test(plan);
    if (seq) seqScans++;
    line(`plan: ${what}`, `${scans.join(' + ')}, executed in ${executed} ms ${seq ? 'MISS (sequential scan)' : 'PASS'}`);
  }

  server = await startServerProcess(t.url, { YANYIN_TRUST_PROXY: '1' });
  const origin = server.origin;
  line('set-up', `${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

  let address = 0;
  const ask = (query: Record<string, string>) => {
    const n = ++address;
    const t0 = performance.now();
    return call(origin, 'GET', `/api/public/certificates?${new URLSearchParams(query).toString()}`, {
      headers: { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
    })
      .catch((error: unknown) => ({ status: 0, body: String((error as Error).cause ?? error), headers: new Headers() }))
      .then((a) => ({ ...a, ms: performance.now() - t0 }));
  };

  /** `count` look-ups by CLIENTS concurrent askers; wrong = not 200 or not the expected found. */
  async function phase(label: string, queries: { query: Record<string, string>; found: boolean }[], clients = CLIENTS) {
    const latencies: number[] = [];
    let wrong = 0;
    let firstWrong = '';
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < queries.length) {
          const q = queries[next++];
          if (!q) break;
          const a = await ask(q.query);
          latencies.push(a.ms);
          if (a.status !== 200 || a.body.found !== q.found) {
            wrong++;
            firstWrong ||= `${a.status} ${JSON.stringify(a.body).slice(0, 200)}`;
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    line(
      `${label}: ${queries.length} look-ups, ${clients} asker${clients === 1 ? '' : 's'}`,
      `${(queries.length / seconds).toFixed(0)}/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (${load()})`,
    );
    line(`  wrong answers (target 0)`, `${wrong} ${wrong === 0 ? 'PASS' : `MISS ${firstWrong}`}`);
    return { p99, wrong };
  }

  // Warm-up (connections, plans, JIT): not counted.
  await Promise.all(sample.slice(0, WARM_UP).map((c) => ask({ name: c.holder_name, certificateNumber: c.number })));
  const rest = sample.slice(WARM_UP);
  // One asker at a time: the latency of a look-up by itself (its service time on this machine).
  const alone = await phase(
    'name + number as printed',
    sample.slice(0, SOLO).map((c) => ({ query: { name: c.holder_name, certificateNumber: c.number }, found: true })),
    1,
  );
  const main = await phase(
    'name + number as printed',
    rest.slice(0, LOOKUPS).map((c) => ({ query: { name: c.holder_name, certificateNumber: c.number }, found: true })),
  );
  const more = rest.slice(LOOKUPS);
  const half = SIDE;
  const serial = await phase(
    'name + serial alone',
    more.slice(0, half).map((c) => ({ query: { name: c.holder_name, certificateNumber: String(c.serial).padStart(6, '0') }, found: true })),
  );
  const notFound = await phase(
    'wrong name + number (not found)',
    more.slice(half).map((c) => ({ query: { name: `${c.holder_name}某`, certificateNumber: c.number }, found: false })),
  );
  const pass = main.p99 < P99_TARGET_MS;
  line(`name + number as printed, p99 < ${P99_TARGET_MS} ms on 1 server`, `${main.p99.toFixed(1)} ms ${pass ? 'PASS' : 'MISS'}${CERTIFICATES === 1_000_000 ? '' : ` (${stored} certificates, not 1,000,000)`}`);
  failed = seqScans > 0 || alone.wrong + main.wrong + serial.wrong + notFound.wrong > 0 || server.child.exitCode !== null;
} finally {
  if (server) await stopServerProcess(server);
  await t.close();
}
process.exitCode = failed ? 1 : 0;
