/**
 * A throwaway, migrated database per test file.
 *
 * - Default: an in-memory PGlite served on a loopback port (the same @prisma/adapter-pg client as in
 *   production). Migrating takes seconds, so the first file migrates once and caches the data folder
 *   (PGlite dumpDataDir) in the OS temp folder, keyed by the migrations' content; later files start
 *   from it with loadDataDir.
 * - `{ kind: 'postgres' }`: a fresh database on the local PostgreSQL server (YANYIN_TEST_PG_URL,
 *   default postgresql://postgres@127.0.0.1:5432/postgres), created from a migrated template database
 *   and dropped (WITH FORCE) at close. Check `postgresAvailable()` first and skip when it is false.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPrismaClient, type CreateClientOptions, type PrismaClient } from '../../server/db/client';
import { migrateDatabase } from '../../server/db/migrate';
import { EMBEDDED_CLIENT } from '../../server/db/open-database';
import { emptyDataDir, pgliteVersion, startPgliteServer, type PgliteServer } from '../../server/db/pglite-server';
import { connectionFromUrl, migrationsDir, readMigrationsList } from '../../server/db/schema-engine';

export interface TestDatabase {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** Connection fields, for a raw pg client or a child process. */
  connection: pg.PoolConfig;
  url: string;
  /** The embedded instance itself (PGlite only), e.g. for its COPY FROM '/dev/blob'. */
  pglite?: PgliteServer['db'];
  close(): Promise<void>;
}

export interface TestDatabaseOptions extends CreateClientOptions {
  kind?: 'pglite' | 'postgres';
}

export const testPgUrl = process.env.YANYIN_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A key that changes whenever a migration does. */
async function migrationsKey(): Promise<string> {
  const list = await readMigrationsList(migrationsDir);
  const hash = createHash('sha256');
  for (const dir of list.migrationDirectories) {
    hash.update(dir.path).update('\0').update(dir.migrationFile.content.tag === 'ok' ? dir.migrationFile.content.value : '').update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

// ───────────────────────── PGlite ─────────────────────────

async function pgliteTemplate(): Promise<Blob> {
  const file = path.join(os.tmpdir(), `yanyin-pglite-template-${await pgliteVersion()}-${await migrationsKey()}.tar`);
  const cached = await readFile(file).catch(() => null);
  if (cached) return new Blob([cached]);
  const server = await startPgliteServer({ maxConnections: 4, loadDataDir: await emptyDataDir() });
  try {
    await migrateDatabase({ connection: connectionFromUrl(server.url) });
    const dump = await server.db.dumpDataDir('none');
    const bytes = Buffer.from(await dump.arrayBuffer());
    // Several test processes may race here: write aside, then rename (atomic).
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
    return new Blob([bytes]);
  } finally {
    await server.stop();
  }
}

async function createPgliteDatabase(options: CreateClientOptions): Promise<TestDatabase> {
  // One client connection, as openDatabase does (PGlite's one session must not interleave transactions);
  // the rest of the socket limit is for raw pg clients and child processes of tests.
  const server = await startPgliteServer({ loadDataDir: await pgliteTemplate(), maxConnections: 12 });
  const connection = connectionFromUrl(server.url);
  const prisma = createPrismaClient(connection, {
    ...options,
    max: EMBEDDED_CLIENT.max,
    transaction: { ...EMBEDDED_CLIENT.transaction, ...options.transaction },
  });
  return {
    prisma,
    kind: 'pglite',
    connection,
    url: server.url,
    pglite: server.db,
    async close() {
      await prisma.$disconnect();
      await server.stop();
    },
  };
}

// ───────────────────────── PostgreSQL server ─────────────────────────

let reachable: Promise<boolean> | undefined;

/** True when the local PostgreSQL server answers (cached per process). */
export function postgresAvailable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ ...connectionFromUrl(testPgUrl), connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function createPostgresDatabase(options: CreateClientOptions): Promise<TestDatabase> {
  const admin = new pg.Client(connectionFromUrl(testPgUrl));
  await admin.connect();
  const template = `yanyin_tpl_${await migrationsKey()}`;
  const name = `yanyin_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    // One process at a time builds the template and clones it (CREATE DATABASE … TEMPLATE needs the
    // template free of other sessions).
    await admin.query('SELECT pg_advisory_lock(727073)');
    try {
      // Databases left behind by test processes that were killed.
      const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'yanyin\\_t\\_%'");
      for (const { datname } of rows) {
        const pid = Number(datname.split('_')[2]);
        if (Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount === 0) {
        const building = `${template}_build`;
        await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
        await admin.query(`CREATE DATABASE "${building}"`);
        await migrateDatabase({ connection: { ...connectionFromUrl(testPgUrl), database: building } });
        await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      }
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(727073)');
    }
  } catch (error) {
    await admin.end();
    throw error;
  }
  const connection: pg.PoolConfig = { ...connectionFromUrl(testPgUrl), database: name };
  const prisma = createPrismaClient(connection, { preparedStatements: true, copy: true, ...options });
  const url = new URL(testPgUrl);
  url.pathname = `/${name}`;
  return {
    prisma,
    kind: 'postgres',
    connection,
    url: url.toString(),
    async close() {
      await prisma.$disconnect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** A fresh migrated database for one test file; close it in afterAll. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const { kind = 'pglite', ...client } = options;
  return kind === 'postgres' ? createPostgresDatabase(client) : createPgliteDatabase(client);
}
