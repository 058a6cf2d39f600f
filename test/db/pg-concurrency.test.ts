/**
 * On the local PostgreSQL server (skipped with a message when 127.0.0.1:5432 does not answer, unless
 * YANYIN_REQUIRE_PG=1, then it fails):
 * - 1,000 concurrent allocations from 4 child processes: every request answered (a range, or a clean
 *   `busy-retry` refusal after P2028 retries — never a half-done one), zero overlaps, zero gaps;
 * - a child SIGKILLed in the middle of a 20,000-row insert leaves none of its rows; one left alone
 *   leaves all of them.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable, testPgUrl, type TestDatabase } from '../helpers/db';
import { createWorld, req, type World } from './fixtures';
import type { Answer } from './workers/allocate-worker';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = await postgresAvailable();
if (!available) {
  if (process.env.YANYIN_REQUIRE_PG === '1') throw new Error(`YANYIN_REQUIRE_PG=1 but PostgreSQL at ${testPgUrl} is not reachable`);
  console.warn(`[pg-concurrency] skipped: PostgreSQL at ${testPgUrl} is not reachable (set YANYIN_TEST_PG_URL, or YANYIN_REQUIRE_PG=1 to fail instead)`);
}

/** Runs a worker script; `onLine` sees each stdout line as it comes. */
function runWorker(script: string, job: unknown, onLine?: (line: string, kill: () => void) => void) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'workers', script), JSON.stringify(job)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    if (onLine) for (const line of chunk.split('\n').filter(Boolean)) onLine(line, () => child.kill('SIGKILL'));
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, out, err })),
  );
}

describe.skipIf(!available)('PostgreSQL server', () => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await createTestDatabase({ kind: 'postgres' });
    w = await createWorld(t.prisma, { schools: 8 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('1,000 concurrent allocations from 4 processes: all answered, no overlap, no gap', { timeout: 180_000 }, async () => {
    const processes = 4;
    const perProcess = 250;
    const results = await Promise.all(
      Array.from({ length: processes }, () =>
        runWorker('allocate-worker.ts', {
          connection: t.connection,
          actor: w.province,
          campaignId: w.campaignId,
          schoolIds: w.schoolIds,
          requests: perProcess,
          poolSize: 10,
          maxWait: 2_000, // Prisma's default: provokes P2028 under this burst, exercising the retry
        }),
      ),
    );
    const answers: Answer[] = [];
    for (const r of results) {
      expect(r.code, r.err).toBe(0);
      answers.push(...(JSON.parse(r.out.trim()) as Answer[]));
    }
    expect(answers).toHaveLength(processes * perProcess);
    const refused = answers.filter((a) => !a.ok);
    // Anything that is not a range is a clean, retryable refusal.
    expect(new Set(refused.map((a) => (a.ok ? '' : a.code)))).toEqual(new Set(refused.length ? ['busy-retry'] : []));
    const ranges = answers.flatMap((a) => (a.ok ? [a] : [])).sort((a, b) => a.start - b.start);
    expect(ranges.length).toBeGreaterThan(processes * perProcess * 0.9);
    let next = 1;
    for (const r of ranges) {
      expect(r.start, 'gap or overlap').toBe(next);
      next = r.end + 1;
    }
    const series = await t.prisma.certificateSeries.findUniqueOrThrow({ where: { id: w.seriesId } });
    expect(series.nextSerial).toBe(next);
    expect(await t.prisma.certificateRange.count({ where: { seriesId: w.seriesId } })).toBe(ranges.length);
    expect(await t.prisma.auditLog.count({ where: { action: 'certificate-range.allocate', actorId: w.province.userId } })).toBe(ranges.length);
    console.log(`[pg-concurrency] ${ranges.length} ranges, ${refused.length} refused with busy-retry, serials 1–${next - 1}`);
  });

  it('SIGKILL in the middle of a 20,000-row insert leaves no row; an uninterrupted one leaves all', { timeout: 180_000 }, async () => {
    const clerk = req(w.clerks[0]);
    const rows = 20_000;
    const submission = await t.prisma.submission.create({ data: { campaignId: w.campaignId, schoolId: req(w.schoolIds[0]) } });
    const killedVersion = randomUUID();
    let sawHalf = false;
    const killed = await runWorker(
      'insert-rows-worker.ts',
      { connection: t.connection, submissionId: submission.id, createdById: clerk.userId, versionId: killedVersion, rows },
      (line, kill) => {
        if (line === 'HALF') {
          sawHalf = true;
          kill();
        }
      },
    );
    expect(sawHalf, killed.err).toBe(true);
    expect(killed.signal).toBe('SIGKILL');

    // Wait until the server has noticed the dead client and rolled its transaction back.
    const admin = new pg.Client(t.connection);
    await admin.connect();
    try {
      for (let i = 0; i < 100; i++) {
        const { rows: busy } = await admin.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
        );
        if (busy.length === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const count = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM submission_row WHERE version_id = $1`, [killedVersion]);
      expect(Number(count.rows[0]?.n)).toBe(0);
      const versions = await admin.query(`SELECT 1 FROM submission_version WHERE id = $1`, [killedVersion]);
      expect(versions.rowCount).toBe(0);
    } finally {
      await admin.end();
    }

    const doneVersion = randomUUID();
    const done = await runWorker('insert-rows-worker.ts', {
      connection: t.connection,
      submissionId: submission.id,
      createdById: clerk.userId,
      versionId: doneVersion,
      rows,
    });
    expect(done.code, done.err).toBe(0);
    expect(done.out).toContain('DONE');
    expect(await t.prisma.submissionRow.count({ where: { versionId: doneVersion } })).toBe(rows);
  });
});
