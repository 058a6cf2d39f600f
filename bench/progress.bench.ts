/**
 * The console's progress page for a province of 3,000 schools (14 cities; two thirds have uploaded, some
 * with a 附件1 receipt, number applications and allocated ranges, review events): GET
 * /api/campaigns/:id/progress through the real app over HTTP (auth, the one SQL statement, the roll-ups,
 * JSON), 20 requests after a warm-up. Target: p50 < 300 ms on PostgreSQL (PASS/MISS); PGlite for
 * information. `npx tsx bench/progress.bench.ts`
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { hashPassword } from '../server/auth/password';
import { createApp } from '../server/app';
import { testConfig } from '../server/config';
import { createMemoryLogger } from '../server/http/logger';
import { createTestDatabase, postgresAvailable, testPgUrl, type TestDatabase } from '../test/helpers/db';

const SCHOOLS = 3_000;
const CITIES = 14;
const TARGET_MS = 300;
const STATUSES = ['DRAFT', 'SUBMITTED', 'RETURNED', 'CITY_APPROVED', 'PROVINCE_APPROVED'] as const;
const load = () => `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`;

async function seed(t: TestDatabase): Promise<{ campaignId: string }> {
  const db = t.prisma;
  const provinceId = randomUUID();
  await db.organization.create({ data: { id: provinceId, kind: 'PROVINCE', code: 'BENCH-P', name: '基准省教育厅' } });
  const cityIds = Array.from({ length: CITIES }, () => randomUUID());
  await db.organization.createMany({ data: cityIds.map((id, i) => ({ id, kind: 'CITY' as const, code: `BENCH-C${i}`, name: `第${i + 1}市教育局`, parentId: provinceId })) });
  const schoolIds = Array.from({ length: SCHOOLS }, () => randomUUID());
  await db.organization.createMany({
    data: schoolIds.map((id, i) => ({ id, kind: 'SCHOOL' as const, code: String(4100000000 + i), name: `第${i + 1}职业学校`, parentId: i % 50 === 0 ? provinceId : (cityIds[i % CITIES] as string) })),
  });
  const adminId = randomUUID();
  await db.user.create({ data: { id: adminId, orgId: provinceId, role: 'PROVINCE_ADMIN', username: 'bench-admin', passwordHash: await hashPassword('Bench-2023x') } });
  const campaign = await db.campaign.create({
    data: { ownerOrgId: provinceId, packId: 'gx-zz-2022', year: 2023, name: '基准', status: 'OPEN', receiptDue: new Date('2023-04-22T16:00:00Z'), submissionDue: new Date(Date.now() + 30 * 86_400_000) },
  });
  const series = await db.certificateSeries.create({ data: { campaignId: campaign.id, prefix: '桂教中专毕字（2023）', serialWidth: 6, maxSerial: 999_999 } });
  const uploaded = schoolIds.filter((_, i) => i % 3 !== 0);
  const submissions = uploaded.map((schoolId, i) => ({ id: randomUUID(), campaignId: campaign.id, schoolId, status: STATUSES[i % STATUSES.length] as (typeof STATUSES)[number], submittedAt: new Date() }));
  await db.submission.createMany({ data: submissions });
  const versions = submissions.map((s, i) => ({
    id: randomUUID(),
    submissionId: s.id,
    number: 1,
    createdById: adminId,
    contentHash: s.id,
    rowCount: 120,
    valid: i % 7 !== 0,
    report: { valid: i % 7 !== 0, packId: 'gx-zz-2022', stats: { errors: i % 7 === 0 ? 3 : 0, warnings: i % 4 }, sheets: [{ sheet: '附件2', kindId: 'att2', meta: {} }] },
  }));
  await db.submissionVersion.createMany({ data: versions });
  await db.$executeRaw`UPDATE submission s SET current_version_id = v.id FROM submission_version v WHERE v.submission_id = s.id`;
  await db.submissionRow.createMany({ data: versions.filter((_, i) => i % 2 === 0).map((v) => ({ versionId: v.id, sheet: '附件1', kind: 'att1', rowNumber: 5, fields: {} })) });
  const applied = submissions.filter((s) => s.status === 'PROVINCE_APPROVED');
  await db.numberApplication.createMany({ data: applied.map((s) => ({ campaignId: campaign.id, schoolId: s.schoolId, major: '计算机应用', count: 50, appliedById: adminId })) });
  await db.certificateRange.createMany({
    data: applied.map((s, i) => ({ seriesId: series.id, schoolId: s.schoolId, major: '计算机应用', startSerial: i * 50 + 1, endSerial: i * 50 + 50, allocatedById: adminId })),
  });
  await db.reviewEvent.createMany({
    data: submissions.map((s, i) => ({ submissionId: s.id, actorId: adminId, action: 'SUBMIT' as const, fromStatus: 'DRAFT' as const, toStatus: 'SUBMITTED' as const, at: new Date(Date.now() - (i % 20) * 86_400_000) })),
  });
  return { campaignId: campaign.id };
}

async function run(label: string, t: TestDatabase): Promise<number> {
  const { campaignId } = await seed(t);
  const app = createApp({ db: t.prisma, config: testConfig(), logger: createMemoryLogger() });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const signIn = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'bench-admin', password: 'Bench-2023x' }) });
    const { token } = (await signIn.json()) as { token: string };
    const get = async () => {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/campaigns/${campaignId}/progress`, { headers: { Authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { schools: unknown[] };
      if (res.status !== 200 || body.schools.length !== SCHOOLS) throw new Error(`progress: ${res.status}, ${body.schools?.length} schools`);
      return { ms: performance.now() - t0, bytes: JSON.stringify(body).length };
    };
    for (let i = 0; i < 3; i++) await get();
    const runs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 20; i++) {
      const r = await get();
      runs.push(r.ms);
      bytes = r.bytes;
    }
    runs.sort((a, b) => a - b);
    const p50 = runs[10] ?? NaN;
    console.log(`${label}: ${SCHOOLS} schools, ${(bytes / 1024).toFixed(0)} KiB JSON; p50 ${p50.toFixed(0)} ms, max ${(runs.at(-1) ?? NaN).toFixed(0)} ms over ${runs.length} requests; ${load()}`);
    return p50;
  } finally {
    server.close();
  }
}

let failed = false;
if (await postgresAvailable()) {
  const t = await createTestDatabase({ kind: 'postgres', max: 10 });
  try {
    const p50 = await run('PostgreSQL (HTTP, signed in as the province)', t);
    console.log(`  target p50 < ${TARGET_MS} ms on PostgreSQL: ${p50 < TARGET_MS ? 'PASS' : 'MISS'}`);
    if (p50 >= TARGET_MS) failed = process.env.YANYIN_BENCH_STRICT === '1';
  } finally {
    await t.close();
  }
} else {
  console.log(`PostgreSQL at ${testPgUrl} not reachable: server figures skipped`);
}
const embedded = await createTestDatabase({ kind: 'pglite', max: 8 });
try {
  const p50 = await run('PGlite via socket (HTTP; information)', embedded);
  console.log(`  (embedded database: ${p50 < TARGET_MS ? 'also under' : 'over'} ${TARGET_MS} ms)`);
} finally {
  await embedded.close();
}
process.exitCode = failed ? 1 : 0;
