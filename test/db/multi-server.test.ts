/**
 * Three API server processes (server/main.ts, each on a random port) on ONE PostgreSQL database (skipped
 * with a message when PostgreSQL does not answer, unless YANYIN_REQUIRE_PG=1, then it fails):
 * - the clerk's and reviewers' flow spread over them: sign in on one, upload on another, the same upload
 *   retried with the same Idempotency-Key on the third (replayed, not saved twice), submit, city then
 *   province approval, apply, allocate, fetch the numbers;
 * - 300 concurrent allocations spread over the three: every request answered 200, zero overlaps, zero gaps;
 * - failed sign-ins spread over the three lock the account on all of them;
 * - the public look-up's per-number and per-address limits hold over the three.
 * Sessions, idempotency records, the series counter and the lockout live in the database, so any server
 * may answer any request; this proves it with real processes rather than one app object.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoSeed } from '../../server/use-cases/seed-demo';
import { goodGxWorkbook, MAJOR, STUDENTS } from '../api/fixtures';
import { createTestDatabase, postgresAvailable, testPgUrl, type TestDatabase } from '../helpers/db';
import { call, ok, startServerProcess, stopServerProcess, type ServerProcess } from '../helpers/server-process';

const available = await postgresAvailable();
if (!available) {
  if (process.env.YANYIN_REQUIRE_PG === '1') throw new Error(`YANYIN_REQUIRE_PG=1 but PostgreSQL at ${testPgUrl} is not reachable`);
  console.warn(`[multi-server] skipped: PostgreSQL at ${testPgUrl} is not reachable (set YANYIN_TEST_PG_URL, or YANYIN_REQUIRE_PG=1 to fail instead)`);
}

const PASSWORD = 'Multi-Server-2022';
const ALLOCATIONS = 300;

describe.skipIf(!available)('three API servers on one PostgreSQL', () => {
  let t: TestDatabase;
  let seed: DemoSeed;
  let servers: ServerProcess[] = [];
  const origin = (i: number) => (servers[i % servers.length] as ServerProcess).origin;
  const signIn = async (i: number, username: string) =>
    (await ok(call(origin(i), 'POST', '/api/auth/sign-in', { body: { username, password: PASSWORD } }), `sign-in ${username}`)).body.token as string;

  beforeAll(async () => {
    t = await createTestDatabase({ kind: 'postgres' });
    // Seeded here, before the servers start, so none of them seeds (they see a non-empty database).
    seed = await seedDemo(t.prisma, { password: PASSWORD });
    servers = await Promise.all([0, 1, 2].map(() => startServerProcess(t.url)));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map(stopServerProcess));
    await t?.close();
  }, 60_000);

  it('a clerk and two reviewers, each step on a different server, end with numbered graduates', { timeout: 90_000 }, async () => {
    const campaignId = seed.campaigns.gx;
    const schoolId = seed.orgs.nnSchool1 as string;
    const clerk = await signIn(0, 'nn1-clerk');
    const city = await signIn(1, 'nn-reviewer');
    const province = await signIn(2, 'gx-admin');

    // Upload on server 1 with the token issued by server 0; the same request retried on server 2.
    const key = `multi-server-${Date.now()}`;
    const upload = { baseVersion: 0, workbook: goodGxWorkbook().grid };
    const first = await ok(call(origin(1), 'PUT', `/api/campaigns/${campaignId}/submission`, { token: clerk, key, body: upload }), 'upload');
    const retry = await ok(call(origin(2), 'PUT', `/api/campaigns/${campaignId}/submission`, { token: clerk, key, body: upload }), 'retry');
    expect(retry.body).toEqual(first.body);
    expect(await t.prisma.submissionVersion.count()).toBe(1);

    const submitted = await ok(call(origin(0), 'POST', `/api/campaigns/${campaignId}/submission/submit`, { token: clerk }), 'submit');
    const submissionId = submitted.body.submission.id as string;
    await ok(call(origin(1), 'POST', `/api/submissions/${submissionId}/approve`, { token: city, body: {} }), 'city approval');
    await ok(call(origin(2), 'POST', `/api/submissions/${submissionId}/approve`, { token: province, body: {} }), 'province approval');
    const applied = await ok(
      call(origin(0), 'POST', `/api/campaigns/${campaignId}/number-applications`, { token: clerk, body: { items: [{ major: MAJOR, count: STUDENTS.length }] } }),
      'apply',
    );
    const applicationId = applied.body.items[0].id as string;
    await ok(call(origin(1), 'POST', `/api/number-applications/${applicationId}/allocate`, { token: province, body: {} }), 'allocate');
    const numbers = await ok(call(origin(2), 'GET', `/api/campaigns/${campaignId}/schools/${schoolId}/certificate-numbers`, { token: clerk }), 'numbers');
    const certificates = numbers.body.certificates as { number: string }[];
    expect(certificates).toHaveLength(STUDENTS.length);
    expect(new Set(certificates.map((c) => c.number)).size).toBe(STUDENTS.length);
  });

  it(`${ALLOCATIONS} concurrent allocations over the three: all answered, no overlap, no gap`, { timeout: 90_000 }, async () => {
    const campaignId = seed.campaigns.gx;
    // A school without a submission may apply for any count; 200 items per request at most.
    const clerk = await signIn(0, 'nn4-clerk');
    const province = await signIn(1, 'gx-admin');
    const half = ALLOCATIONS / 2;
    const applications = await Promise.all(
      [0, 1].map((part) =>
        ok(
          call(origin(part + 1), 'POST', `/api/campaigns/${campaignId}/number-applications`, {
            token: clerk,
            body: { items: Array.from({ length: half }, (_, i) => ({ major: `并发专业${part * half + i}`, count: 1 + ((part * half + i) % 7) })) },
          }),
          'apply',
        ),
      ),
    );
    const ids = applications.flatMap((a) => (a.body.items as { id: string }[]).map((x) => x.id));
    expect(ids).toHaveLength(ALLOCATIONS);

    const started = performance.now();
    const answers = await Promise.all(ids.map((id, i) => call(origin(i), 'POST', `/api/number-applications/${id}/allocate`, { token: province, body: {} })));
    const seconds = (performance.now() - started) / 1000;
    const statuses = new Map<number, number>();
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    expect(Object.fromEntries(statuses), JSON.stringify(answers.find((a) => a.status !== 200)?.body)).toEqual({ 200: ALLOCATIONS });

    // Every range ever allocated on the series (the flow's one included) tiles 1…n exactly.
    const ranges = await t.prisma.certificateRange.findMany({ where: { seriesId: seed.seriesId }, orderBy: { startSerial: 'asc' } });
    let next = 1;
    for (const r of ranges) {
      expect(r.startSerial, 'gap or overlap').toBe(next);
      next = r.endSerial + 1;
    }
    const answered = new Set(answers.map((a) => a.body.range.id as string));
    expect(answered.size).toBe(ALLOCATIONS);
    expect(ranges.filter((r) => answered.has(r.id))).toHaveLength(ALLOCATIONS);
    const series = await t.prisma.certificateSeries.findUniqueOrThrow({ where: { id: seed.seriesId } });
    expect(series.nextSerial).toBe(next);
    console.log(`[multi-server] ${ALLOCATIONS} allocations over 3 servers in ${seconds.toFixed(2)} s; serials 1–${next - 1}, no gap`);
  });

  it('failed sign-ins spread over the three servers lock the account on every server', { timeout: 30_000 }, async () => {
    // 10 failures (server/use-cases/sign-in.ts MAX_FAILURES), 3–4 per server: under each server's own
    // per-IP limit, so only the lockout stored in the database can refuse the right password afterwards.
    for (let i = 0; i < 10; i++) {
      const wrong = await call(origin(i), 'POST', '/api/auth/sign-in', { body: { username: 'wz-clerk', password: `wrong-${i}` } });
      expect(wrong.status).toBe(401);
    }
    for (let i = 0; i < 3; i++) {
      const right = await call(origin(i), 'POST', '/api/auth/sign-in', { body: { username: 'wz-clerk', password: PASSWORD } });
      expect(right.status, `server ${i}`).toBe(429);
    }
    // Another account is untouched.
    await signIn(2, 'lz1-clerk');
  });

  it('the public look-up\'s limits hold over the three servers: per number, then per address', { timeout: 30_000 }, async () => {
    // One address (no proxy): 30 look-ups a minute; one number: 10 an hour, from everywhere together.
    const ask = async (i: number, certificateNumber: string) =>
      (await call(origin(i), 'GET', `/api/public/certificates?${new URLSearchParams({ name: '张三', certificateNumber }).toString()}`)).status;
    for (let i = 0; i < 10; i++) expect(await ask(i, '桂教中专毕字（2022）999999'), `look-up ${i}`).toBe(200);
    // The eleventh question about the number, typed another way, on yet another server.
    expect(await ask(10, '桂教中专毕字〔2022〕999999')).toBe(429);
    for (let i = 11; i < 30; i++) expect(await ask(i, `桂教中专毕字（2022）99${String(i).padStart(4, '0')}`), `look-up ${i}`).toBe(200);
    expect(await ask(30, '桂教中专毕字（2022）000001')).toBe(429);
  });
});
