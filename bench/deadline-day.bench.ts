/**
 * Deadline day (issue #14): THREE API server processes (server/main.ts) on one PostgreSQL, 2,000 schools
 * each uploading a 300-row 附件2 (600,000 graduates) round-robin over the three, with a bounded number of
 * concurrent clients (24). Prints submissions/s, rows/s, p50/p99, answers other than 200 (must be 0),
 * the mean server phases, the database growth per 100,000 graduates (pg_database_size before/after) and
 * the extrapolation to a nationwide year (≈ 12 M graduates).
 *
 * What is NOT measured: sign-in. The schools, their clerks and one session per clerk are made in bulk SQL
 * (bench/bulk-province.ts) — 2,000 argon2 sign-ins would be ≈ 2,000 × 50 ms of CPU that a real deadline
 * day spreads over weeks, and they are measured elsewhere. Each upload is the real PUT
 * /api/campaigns/:id/submission: authn, JSON, core validation, cross-school check, one transaction.
 * Each school speaks from its own address (X-Forwarded-For, servers started with YANYIN_TRUST_PROXY=1 as
 * behind one load balancer): the per-address limits stay on and are counted in the database, as in a
 * deployment, rather than all 2,000 schools sharing 127.0.0.1's one limit.
 *
 * The client (this process, building each school's workbook), the three servers and PostgreSQL share
 * the same CPUs: a floor for a deployment where each has its own machine.
 *
 * Time: the default (2,000 schools) took 14 min of uploads plus 2 min of set-up on the shared 2-core machine at
 * load average 25–29 (2.4 uploads/s); YANYIN_BENCH_SCHOOLS=300 is a 2–4 minute run with the same figures per
 * graduate.
 *
 *   npx tsx bench/deadline-day.bench.ts
 *   YANYIN_BENCH_SCHOOLS=200 YANYIN_BENCH_ROWS=300 YANYIN_BENCH_CLIENTS=24 npx tsx bench/deadline-day.bench.ts
 */
import os from 'node:os';
import type { WorkbookGrid } from '../core/grid/cell';
import { createWorld } from '../test/db/fixtures';
import { bigAtt2Workbook, SCHOOL } from '../test/api/fixtures';
import { createTestDatabase, postgresAvailable, testPgUrl } from '../test/helpers/db';
import { checkChar } from '../test/helpers/ids';
import { call, startServerProcess, stopServerProcess, type ServerProcess } from '../test/helpers/server-process';
import { addSchools, databaseSize, gib, mib, percentile } from './bulk-province';

const SCHOOLS = Number(process.env.YANYIN_BENCH_SCHOOLS ?? 2_000);
const ROWS = Number(process.env.YANYIN_BENCH_ROWS ?? 300);
const CLIENTS = Number(process.env.YANYIN_BENCH_CLIENTS ?? 24);
const SERVERS = 3;
/** Uploads before the clock starts, by schools of their own (not counted): servers warm, as at 9 a.m. */
const WARM_UP = 2 * SERVERS;
const NATIONWIDE = 12_000_000;
/** Target: no answer other than 200. The throughput figures are information, printed with the load. */

const load = () => `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);

if (!(await postgresAvailable())) {
  console.log(`  skipped: PostgreSQL at ${testPgUrl} is not reachable`);
  process.exit(0);
}

// ── One school's workbook: the benchmark 附件2 with its own 学校名称 and its own graduates' IDs ──
const base = bigAtt2Workbook(ROWS);
const ID = /^\d{17}[\dX]$/;
/** Nanning districts (GB/T 2260): four areas × 700 birth dates × 450 sequences per gender ≥ 1.26 M IDs. */
const AREAS = ['450102', '450103', '450105', '450107'];
if (SCHOOLS * ROWS > AREAS.length * 700 * 450 * 2) throw new Error('more graduates than distinct synthetic IDs');

/** The g-th graduate's ID, distinct for every g; the 17th digit's parity is the gender (odd = male). */
function graduateId(g: number, male: boolean): string {
  const day = new Date(Date.UTC(2003, 0, 1) + (g % 700) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const k = Math.floor(g / 700);
  const first17 = `${AREAS[k % AREAS.length]}${day}${100 + 2 * Math.floor(k / AREAS.length) + (male ? 1 : 0)}`;
  return `${first17}${checkChar(first17)}`;
}

function schoolWorkbook(school: number, schoolName: string): WorkbookGrid {
  const sheet = base.sheets[0];
  if (!sheet) throw new Error('no sheet');
  let student = 0;
  const rows = sheet.rows.map((row) =>
    row.map((cell) => {
      if (!cell || typeof cell.value !== 'string') return cell;
      if (cell.value.includes(SCHOOL)) return { ...cell, value: cell.value.split(SCHOOL).join(schoolName) };
      if (ID.test(cell.value)) {
        // bigAtt2Workbook: even rows are female.
        const id = graduateId(school * ROWS + student, student % 2 === 1);
        student++;
        return { ...cell, value: id };
      }
      return cell;
    }),
  );
  return { sheets: [{ name: sheet.name, rows }] };
}

const t = await createTestDatabase({ kind: 'postgres' });
let servers: ServerProcess[] = [];
let failed = false;
try {
  const setupStarted = performance.now();
  const world = await createWorld(t.prisma, { schools: 0 });
  const all = await addSchools(t.prisma, { cityId: world.cityId, count: WARM_UP + SCHOOLS, sessions: { ttlMs: 12 * 3_600_000 } });
  servers = await Promise.all(Array.from({ length: SERVERS }, () => startServerProcess(t.url, { YANYIN_TRUST_PROXY: '1' })));
  const origin = (i: number) => (servers[i % servers.length] as ServerProcess).origin;
  /** School i's upload; the latency counts from the send (JSON.stringify included), not from building its workbook. */
  const upload = async (i: number) => {
    const school = all[i];
    if (!school?.token) throw new Error('no session');
    const body = { baseVersion: 0, workbook: schoolWorkbook(i, school.name) };
    const t0 = performance.now();
    // A connection reset or refused is an error of the run (status 0), not the end of the bench.
    const answer = await call(origin(i), 'PUT', `/api/campaigns/${world.campaignId}/submission`, {
      token: school.token,
      key: `deadline-${i}`,
      body,
      headers: { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
    }).catch((error: unknown) => ({ status: 0, body: String((error as Error).cause ?? error), headers: new Headers() }));
    return { ...answer, ms: performance.now() - t0 };
  };
  for (let i = 0; i < WARM_UP; i += SERVERS) {
    const warm = await Promise.all(Array.from({ length: SERVERS }, (_, j) => upload(i + j)));
    for (const a of warm) if (a.status !== 200) throw new Error(`warm-up upload: ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`);
  }
  const schools = all.slice(WARM_UP);
  const warmGraduates = await t.prisma.student.count({ where: { campaignId: world.campaignId } });
  await t.prisma.$executeRawUnsafe('VACUUM ANALYZE');
  const sizeBefore = await databaseSize(t.prisma);
  line(
    `set-up: ${SCHOOLS} schools, clerks, sessions; ${SERVERS} servers; ${WARM_UP} warm-up uploads`,
    `${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
  );

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const phases = new Map<string, number>();
  let invalid = 0;
  let firstFailure = '';
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < schools.length) {
        const i = WARM_UP + next++;
        const a = await upload(i);
        latencies.push(a.ms);
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        if (a.status !== 200) {
          firstFailure ||= `${a.status} ${JSON.stringify(a.body).slice(0, 300)}`;
          continue;
        }
        if (!a.body.report.valid || a.body.report.stats.rows < ROWS) {
          invalid++;
          firstFailure ||= `report: ${JSON.stringify(a.body.report).slice(0, 300)}`;
        }
        for (const part of (a.headers.get('server-timing') ?? '').split(',')) {
          const m = /^\s*(\w+);dur=(\d+)/.exec(part);
          if (m?.[1]) phases.set(m[1], (phases.get(m[1]) ?? 0) + Number(m[2]));
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const loadAtEnd = load();
  latencies.sort((a, b) => a - b);
  const answered = statuses.get(200) ?? 0;
  const notOk = schools.length - answered;
  const graduates = (await t.prisma.student.count({ where: { campaignId: world.campaignId } })) - warmGraduates;
  const sizeAfter = await databaseSize(t.prisma);
  const per100k = ((sizeAfter - sizeBefore) / Math.max(graduates, 1)) * 100_000;
  const rowsPerSecond = graduates / seconds;

  line(`${schools.length} uploads × ${ROWS} rows over ${SERVERS} servers, ${CLIENTS} clients`, `${seconds.toFixed(1)} s (${loadAtEnd})`);
  line('submissions/s', (answered / seconds).toFixed(1));
  line('graduates stored/s', `${rowsPerSecond.toFixed(0)} (${graduates.toLocaleString('en')} stored)`);
  line('latency p50 / p99', `${percentile(latencies, 50).toFixed(0)} ms / ${percentile(latencies, 99).toFixed(0)} ms`);
  line(
    'mean server phases per upload (ms)',
    [...phases].map(([k, v]) => `${k} ${(v / Math.max(answered, 1)).toFixed(0)}`).join(', '),
  );
  line('answers other than 200 (target 0)', `${notOk} ${notOk === 0 ? 'PASS' : 'MISS'} ${JSON.stringify(Object.fromEntries(statuses))}`);
  line('reports not valid or short (target 0)', `${invalid} ${invalid === 0 ? 'PASS' : 'MISS'}`);
  if (firstFailure) line('first failure', firstFailure);
  line('database size before / after', `${mib(sizeBefore)} / ${mib(sizeAfter)}`);
  line('database growth per 100,000 graduates', mib(per100k));
  line(
    `nationwide year (${(NATIONWIDE / 1e6).toFixed(0)} M graduates) at this rate`,
    `${(NATIONWIDE / rowsPerSecond / 3600).toFixed(1)} h of upload time, ${gib((per100k * NATIONWIDE) / 100_000)} of database`,
  );
  servers.forEach((s, n) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) line(`server ${n} ended during the run`, `${s.child.exitCode ?? s.child.signalCode}: ${s.log().slice(-500)}`);
  });
  failed = notOk !== 0 || invalid !== 0;
} finally {
  await Promise.all(servers.map(stopServerProcess));
  await t.close();
}
process.exitCode = failed ? 1 : 0;
