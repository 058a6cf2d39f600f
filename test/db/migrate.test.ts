/**
 * The migration runner (WASM schema engine through adapter-pg, no binary engine) and openDatabase.
 */
import { readdirSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError } from '../../server/db/data-dir-lock';
import { migrateDatabase } from '../../server/db/migrate';
import { openDatabase } from '../../server/db/open-database';
import { emptyDataDir, startPgliteServer, type PgliteServer } from '../../server/db/pglite-server';
import { connectionFromUrl, migrationsDir } from '../../server/db/schema-engine';
import { postgresAvailable, testPgUrl } from '../helpers/db';

/** Every migration folder, in order (each branch adds its own; the list is not repeated here). */
const MIGRATIONS = readdirSync(migrationsDir).filter((d) => /^\d{4}_/.test(d)).sort();

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'yanyin-migrate-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(server: PgliteServer, text: string): Promise<T[]> {
  const client = new pg.Client(connectionFromUrl(server.url));
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe('migrateDatabase', () => {
  it('applies the migrations once and records them like prisma migrate deploy', async () => {
    const server = await startPgliteServer({ maxConnections: 4, loadDataDir: await emptyDataDir() });
    try {
      const connection = connectionFromUrl(server.url);
      expect((await migrateDatabase({ connection })).applied).toEqual(MIGRATIONS);
      expect((await migrateDatabase({ connection })).applied).toEqual([]);
      const history = await query<{ migration_name: string; finished: boolean; checksum: string; steps: number }>(
        server,
        'SELECT migration_name, finished_at IS NOT NULL AS finished, checksum, applied_steps_count AS steps FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(history).toHaveLength(MIGRATIONS.length);
      expect(history[0]).toMatchObject({ migration_name: '0001_init', finished: true, steps: 1 });
      expect(history[1]).toMatchObject({ migration_name: '0002_student_bulk_insert', finished: true, steps: 1 });
      expect(history[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
      const ext = await query<{ extname: string }>(server, "SELECT extname FROM pg_extension WHERE extname = 'btree_gist'");
      expect(ext).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });

  it('runs PL/pgSQL bodies whole, and a failing migration leaves nothing behind', async () => {
    const dir = path.join(tmp, 'migrations');
    await cp(migrationsDir, dir, { recursive: true });
    await mkdir(path.join(dir, '0900_function'));
    await writeFile(
      path.join(dir, '0900_function', 'migration.sql'),
      `CREATE TABLE "t_ok" ("id" int);\nCREATE FUNCTION "f_ok"() RETURNS int LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; RETURN 1; END $$;\n`,
    );
    await mkdir(path.join(dir, '0901_broken'));
    await writeFile(path.join(dir, '0901_broken', 'migration.sql'), `CREATE TABLE "t_half" ("id" int);\nSELECT no_such_function();\n`);
    const server = await startPgliteServer({ maxConnections: 4, loadDataDir: await emptyDataDir() });
    try {
      const connection = connectionFromUrl(server.url);
      await expect(migrateDatabase({ connection, dir })).rejects.toThrow(/no_such_function/);
      const tables = await query<{ tablename: string }>(server, "SELECT tablename FROM pg_tables WHERE tablename IN ('t_ok', 't_half')");
      expect(tables.map((r) => r.tablename)).toEqual(['t_ok']); // 0900 applied, 0901 not even half
      const fn = await query<{ v: number }>(server, 'SELECT "f_ok"() AS v');
      expect(fn[0]?.v).toBe(1);
      const history = await query<{ migration_name: string; finished: boolean }>(
        server,
        'SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY started_at',
      );
      expect(history).toEqual([
        ...MIGRATIONS.map((m) => ({ migration_name: m, finished: true })),
        { migration_name: '0900_function', finished: true },
        { migration_name: '0901_broken', finished: false },
      ]);
    } finally {
      await server.stop();
    }
  });
});

describe('0009: a graduate-list row is stored once, as its student', () => {
  it("moves each stored student's row into the student and keeps the other rows", async () => {
    const before = path.join(tmp, 'migrations-0008');
    await mkdir(before);
    await cp(path.join(migrationsDir, 'migration_lock.toml'), path.join(before, 'migration_lock.toml'));
    for (const m of MIGRATIONS.filter((m) => m < '0009')) await cp(path.join(migrationsDir, m), path.join(before, m), { recursive: true });
    const server = await startPgliteServer({ maxConnections: 4, loadDataDir: await emptyDataDir() });
    try {
      const connection = connectionFromUrl(server.url);
      await migrateDatabase({ connection, dir: before });
      // A version as 0008 stored it: 附件2's two rows both as submission_row and as students, 附件1's row only as a row.
      await query(
        server,
        `INSERT INTO organization (id, kind, code, name) VALUES ('00000000-0000-4000-8000-000000000001', 'SCHOOL', 's', '学校');
         INSERT INTO app_user (id, org_id, role, username, password_hash, updated_at) VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'CLERK', 'u', 'x', now());
         INSERT INTO campaign (id, owner_org_id, pack_id, year, name, updated_at) VALUES ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', 'gx-zz-2022', 2026, 'c', now());
         INSERT INTO submission (id, campaign_id, school_id, updated_at) VALUES ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', now());
         INSERT INTO submission_version (id, submission_id, number, created_by_id, content_hash, row_count, valid, report)
              VALUES ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000004', 1, '00000000-0000-4000-8000-000000000002', 'h', 3, true, '{}');
         INSERT INTO submission_row (version_id, sheet, kind, row_number, fields) VALUES
              ('00000000-0000-4000-8000-000000000005', '附件1', 'att1', 5, '{"school":"学校"}'),
              ('00000000-0000-4000-8000-000000000005', '附件2', 'att2', 5, '{"name":"甲"}'),
              ('00000000-0000-4000-8000-000000000005', '附件2', 'att2', 6, '{"name":"乙"}');
         INSERT INTO student (id, version_id, submission_id, campaign_id, school_id, sheet, row_number, name, id_number, gender, graduate)
              SELECT gen_random_uuid(), '00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000004',
                     '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', '附件2', r, n, 'x', '男', true
                FROM (VALUES (5, '甲'), (6, '乙')) AS v(r, n);`,
      );
      expect((await migrateDatabase({ connection })).applied).toEqual(MIGRATIONS.filter((m) => m >= '0009'));
      const students = await query<{ row_number: number; fields: unknown }>(server, 'SELECT row_number, fields FROM student ORDER BY row_number');
      expect(students).toEqual([
        { row_number: 5, fields: { name: '甲' } },
        { row_number: 6, fields: { name: '乙' } },
      ]);
      expect(await query(server, 'SELECT sheet, row_number FROM submission_row')).toEqual([{ sheet: '附件1', row_number: 5 }]);
    } finally {
      await server.stop();
    }
  });
});

describe('openDatabase (embedded)', () => {
  it('creates data/pglite on first open, keeps the data, and lets only one process own the folder', async () => {
    const dataDir = path.join(tmp, 'pglite');
    const first = await openDatabase({ dataDir, poolSize: 2 });
    try {
      expect(first.kind).toBe('pglite');
      expect(first.applied).toEqual(MIGRATIONS);
      // New WAL files are not zero-filled (server/db/pglite-server.ts, PGLITE_START_PARAMS).
      expect(await first.prisma.$queryRaw`SELECT current_setting('wal_init_zero') AS v`).toEqual([{ v: 'off' }]);
      await first.prisma.organization.create({ data: { kind: 'PROVINCE', code: '450000', name: '广西' } });
      const error = await openDatabase({ dataDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect((error as Error).message).toMatch(/in use by process/);
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir, poolSize: 2 });
    try {
      expect(again.applied).toEqual([]);
      expect(await again.prisma.organization.count()).toBe(1);
    } finally {
      await again.close();
    }
  });

  it('takes over the lock of a process that died', async () => {
    const dataDir = path.join(tmp, 'stale');
    await mkdir(dataDir, { recursive: true });
    await writeFile(`${dataDir}.lock`, '999999999\n');
    const db = await openDatabase({ dataDir, poolSize: 1 });
    await db.close();
  });
});

describe.skipIf(!(await postgresAvailable()))('openDatabase (DATABASE_URL)', () => {
  it('migrates an empty PostgreSQL database at open, then finds it up to date', async () => {
    const admin = new pg.Client(connectionFromUrl(testPgUrl));
    await admin.connect();
    const name = `yanyin_t_${process.pid}_open`;
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const url = new URL(testPgUrl);
      url.pathname = `/${name}`;
      const first = await openDatabase({ url: url.toString(), poolSize: 2 });
      expect(first.kind).toBe('postgres');
      expect(first.applied).toEqual(MIGRATIONS);
      await first.close();
      const second = await openDatabase({ url: url.toString(), poolSize: 2 });
      expect(second.applied).toEqual([]);
      expect(await second.prisma.auditLog.count()).toBe(0);
      await second.close();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
